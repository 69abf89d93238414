import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions } from '../../src/auth/permissions.ts';
import { asToken, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import { postLogin, signIn } from '../helpers/auth.ts';
import { engines } from '../helpers/databases.ts';

interface RoleItem {
  id: string;
  name: string;
  isAdmin: boolean;
  permissions: string[];
  userCount: number;
}

describe.each(engines)('users and roles on %s', (engine) => {
  let t: TestApp;
  let other: { token: string; adminUserId: string; adminRoleId: string };
  let roles: RoleItem[];
  const byName = (name: string) => {
    const role = roles.find((r) => r.name === name);
    if (!role) throw new Error(`no role named ${name}`);
    return role;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const created = await t.addBusiness('Quincaillerie Autre');
    other = { token: created.token, adminUserId: created.business.adminUserId, adminRoleId: created.business.adminRoleId };
    roles = (await t.api('GET', '/api/v1/roles')).json().items;
  });
  afterAll(async () => {
    await t?.close();
  });

  const auditActions = async (entityType: string, entityId: string) => {
    const rows = await t.database.db.kysely
      .selectFrom('audit_log')
      .where('business_id', '=', t.business.businessId)
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .select(['action', 'changes', 'user_id'])
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ action: row.action, userId: row.user_id, changes: JSON.parse(row.changes) as unknown }));
  };

  const newUser = (fields: Record<string, unknown> = {}) =>
    t.api('POST', '/api/v1/users', {
      name: 'Théo Caissier',
      email: `theo.${Math.random().toString(36).slice(2)}@example.fr`,
      password: TEST_PASSWORD,
      roleId: byName('Caissier').id,
      ...fields,
    });

  describe('roles', () => {
    it('business starts with four roles', async () => {
      expect(roles.map((r) => r.name)).toEqual(['Administrateur', 'Caissier', 'Responsable', 'Vendeur']);
      const admin = byName('Administrateur');
      expect(admin.isAdmin).toBe(true);
      expect(admin.permissions).toEqual([...permissions]);
      expect(admin.userCount).toBe(1);
      expect(byName('Caissier').permissions).toContain('customer.view');
      expect(byName('Caissier').permissions).not.toContain('customer.view_own');
      expect(byName('Vendeur').permissions).toContain('customer.view_own');
      expect(byName('Vendeur').permissions).not.toContain('customer.view');
    });

    it('permission catalogue lists groups', async () => {
      const res = await t.api('GET', '/api/v1/permissions');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toContainEqual({ name: 'customer.view', group: 'customer' });
      expect(res.json()).toContainEqual({ name: 'users.manage', group: 'users' });
      expect(res.json()).toHaveLength(permissions.length);
    });

    it('role is created, changed and deleted', async () => {
      const created = await t.api('POST', '/api/v1/roles', { name: 'Comptable', permissions: ['ledger.view', 'customer.view', 'ledger.view'] });
      expect(created.statusCode).toBe(201);
      const role = created.json();
      expect(role).toMatchObject({ name: 'Comptable', permissions: ['customer.view', 'ledger.view'], isAdmin: false, userCount: 0 });

      const changed = await t.api('PATCH', `/api/v1/roles/${role.id}`, { name: 'Comptabilité', permissions: ['ledger.view'] });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ name: 'Comptabilité', permissions: ['ledger.view'] });
      expect((await t.api('GET', `/api/v1/roles/${role.id}`)).json().name).toBe('Comptabilité');

      const deleted = await t.api('DELETE', `/api/v1/roles/${role.id}`);
      expect(deleted.statusCode).toBe(204);
      expect((await t.api('GET', `/api/v1/roles/${role.id}`)).statusCode).toBe(404);

      const audit = await auditActions('role', role.id);
      expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
      expect(audit[1]?.changes).toEqual([
        { field: 'name', from: 'Comptable', to: 'Comptabilité' },
        { field: 'permissions', from: ['customer.view', 'ledger.view'], to: ['ledger.view'] },
      ]);
      expect(audit.every((a) => a.userId === t.business.adminUserId)).toBe(true);
    });

    it('unknown permission is refused', async () => {
      const res = await t.api('POST', '/api/v1/roles', { name: 'Fantaisie', permissions: ['customer.view', 'everything.please'] });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        { path: 'permissions.1', code: 'unknown_permission', message: '« everything.please » n’est pas une permission connue.' },
      ]);
      const names = (await t.api('GET', '/api/v1/roles')).json().items.map((r: RoleItem) => r.name);
      expect(names).not.toContain('Fantaisie');
    });

    it('role name is unique per business', async () => {
      const res = await t.api('POST', '/api/v1/roles', { name: 'Caissier', permissions: [] });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('role_name_taken');
      const elsewhere = await asToken(t, other.token)('POST', '/api/v1/roles', { name: 'Comptoir', permissions: [] });
      expect(elsewhere.statusCode).toBe(201);
      const same = await t.api('POST', '/api/v1/roles', { name: 'Comptoir', permissions: [] });
      expect(same.statusCode).toBe(201);
    });

    it('admin role cannot be restricted or deleted', async () => {
      const admin = byName('Administrateur');
      const demote = await t.api('PATCH', `/api/v1/roles/${admin.id}`, { isAdmin: false });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().code).toBe('admin_role_locked');
      const restrict = await t.api('PATCH', `/api/v1/roles/${admin.id}`, { permissions: ['customer.view'] });
      expect(restrict.statusCode).toBe(409);
      const remove = await t.api('DELETE', `/api/v1/roles/${admin.id}`);
      expect(remove.statusCode).toBe(409);
      expect(remove.json().code).toBe('admin_role_locked');

      const rename = await t.api('PATCH', `/api/v1/roles/${admin.id}`, { name: 'Patron' });
      expect(rename.statusCode).toBe(200);
      expect(rename.json()).toMatchObject({ name: 'Patron', isAdmin: true, permissions: [...permissions] });
      await t.api('PATCH', `/api/v1/roles/${admin.id}`, { name: 'Administrateur' });

      const promote = await t.api('PATCH', `/api/v1/roles/${byName('Caissier').id}`, { isAdmin: true });
      expect(promote.statusCode).toBe(409);
      expect((await t.api('GET', `/api/v1/roles/${byName('Caissier').id}`)).json().isAdmin).toBe(false);
    });

    it('role in use cannot be deleted', async () => {
      const user = await newUser();
      expect(user.statusCode).toBe(201);
      const res = await t.api('DELETE', `/api/v1/roles/${byName('Caissier').id}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('role_in_use');
      expect(res.json().count).toBe(1);
      expect(res.json().detail).toBe(
        'Le rôle « Caissier » est encore attribué à 1 utilisateur : donnez-lui un autre rôle avant de le supprimer.',
      );
      expect((await t.api('GET', `/api/v1/roles/${byName('Caissier').id}`)).statusCode).toBe(200);
    });

    it('another business role is not found', async () => {
      expect((await t.api('GET', `/api/v1/roles/${other.adminRoleId}`)).statusCode).toBe(404);
      expect((await t.api('PATCH', `/api/v1/roles/${other.adminRoleId}`, { name: 'Pris' })).statusCode).toBe(404);
      expect((await t.api('DELETE', `/api/v1/roles/${other.adminRoleId}`)).statusCode).toBe(404);
      const theirs = (await asToken(t, other.token)('GET', `/api/v1/roles/${other.adminRoleId}`)).json();
      expect(theirs.name).toBe('Administrateur');
    });
  });

  describe('users', () => {
    it('user is created and can sign in', async () => {
      const extra = (await t.api('POST', '/api/v1/locations', { name: 'Annexe' })).json();
      const res = await newUser({
        name: 'Inès Vendeuse',
        email: 'Ines.Vendeuse@Example.fr',
        locale: 'en',
        locationIds: [extra.id],
        defaultLocationId: extra.id,
      });
      expect(res.statusCode).toBe(201);
      const user = res.json();
      expect(user).toMatchObject({
        name: 'Inès Vendeuse',
        email: 'ines.vendeuse@example.fr',
        locale: 'en',
        roleName: 'Caissier',
        isAdmin: false,
        locationIds: [extra.id],
        defaultLocationId: extra.id,
        isActive: true,
        lockedUntil: null,
      });
      expect(JSON.stringify(user)).not.toContain('password');

      const login = await postLogin(t, 'ines.vendeuse@example.fr', TEST_PASSWORD);
      expect(login.statusCode).toBe(200);
      expect(login.json().locations).toEqual([{ id: extra.id, name: 'Annexe' }]);
      expect(login.json().permissions).toEqual(byName('Caissier').permissions);

      const audit = await auditActions('user', user.id);
      expect(audit).toEqual([
        {
          action: 'create',
          userId: t.business.adminUserId,
          changes: { name: 'Inès Vendeuse', email: 'ines.vendeuse@example.fr', roleId: byName('Caissier').id, locationIds: [extra.id] },
        },
      ]);
      const stored = await t.database.db.kysely.selectFrom('audit_log').where('entity_id', '=', user.id).select('changes').execute();
      expect(stored.map((row) => row.changes).join()).not.toContain(TEST_PASSWORD);
    });

    it('email is unique across businesses', async () => {
      const first = await newUser({ email: 'unique@example.fr' });
      expect(first.statusCode).toBe(201);
      const again = await newUser({ email: 'UNIQUE@example.fr' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('email_taken');
      expect(again.json().detail).toBe('L’adresse e-mail « unique@example.fr » est déjà utilisée par un autre compte.');
      const elsewhere = await asToken(t, other.token)('POST', '/api/v1/users', {
        name: 'Copie', email: 'unique@example.fr', password: TEST_PASSWORD, roleId: other.adminRoleId,
      });
      expect(elsewhere.statusCode).toBe(409);

      const target = (await newUser({ email: 'renomme@example.fr' })).json();
      const rename = await t.api('PATCH', `/api/v1/users/${target.id}`, { email: 'unique@example.fr' });
      expect(rename.statusCode).toBe(409);
      expect((await t.api('GET', `/api/v1/users/${target.id}`)).json().email).toBe('renomme@example.fr');
    });

    it('invalid user lists each field', async () => {
      const res = await newUser({
        password: 'court',
        roleId: other.adminRoleId,
        locationIds: ['missing-location'],
        defaultLocationId: t.business.locationId,
      });
      expect(res.statusCode).toBe(422);
      const issues = res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
      expect(issues).toEqual([
        'password:weak_password',
        'roleId:not_found_ref',
        'locationIds.0:not_found_ref',
        'defaultLocationId:default_location_not_allowed',
      ]);
    });

    it('blank user form lists every field', async () => {
      const res = await newUser({ name: ' ', email: 'pas-une-adresse', password: '', roleId: '' });
      expect(res.statusCode).toBe(422);
      const issues = res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
      expect(issues).toEqual(['name:required', 'email:invalid_email', 'password:weak_password', 'roleId:required']);
    });

    it('address in use comes with the other issues', async () => {
      await newUser({ email: 'prise@example.fr' });
      const both = await newUser({ email: 'prise@example.fr', password: 'court' });
      expect(both.statusCode).toBe(422);
      const issues = both.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
      expect(issues).toEqual(['email:email_taken', 'password:weak_password']);

      const alone = await newUser({ email: 'prise@example.fr' });
      expect(alone.statusCode).toBe(409);
      expect(alone.json().code).toBe('email_taken');
      expect(alone.json().errors).toEqual([
        { path: 'email', code: 'email_taken', message: 'L’adresse e-mail « prise@example.fr » est déjà utilisée par un autre compte.' },
      ]);
    });

    it('user change lists every field', async () => {
      await newUser({ email: 'occupee@example.fr' });
      const user = (await newUser({ email: 'libre@example.fr' })).json();
      const res = await t.api('PATCH', `/api/v1/users/${user.id}`, { name: '', email: 'OCCUPEE@example.fr', roleId: '' });
      expect(res.statusCode).toBe(422);
      const issues = res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
      expect(issues).toEqual(['name:required', 'email:email_taken', 'roleId:required']);
      const own = await t.api('PATCH', `/api/v1/users/${user.id}`, { email: 'Libre@example.fr' });
      expect(own.statusCode).toBe(200);
    });

    it('user change is stored and audited', async () => {
      const user = (await newUser({ name: 'Loïc Avant' })).json();
      const res = await t.api('PATCH', `/api/v1/users/${user.id}`, { name: 'Loïc Après', roleId: byName('Responsable').id });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Loïc Après', roleName: 'Responsable' });
      const audit = await auditActions('user', user.id);
      expect(audit[1]).toEqual({
        action: 'update',
        userId: t.business.adminUserId,
        changes: [
          { field: 'name', from: 'Loïc Avant', to: 'Loïc Après' },
          { field: 'roleId', from: byName('Caissier').id, to: byName('Responsable').id },
        ],
      });
    });

    it('password reset ends the user sessions', async () => {
      const user = (await newUser({ email: 'reset@example.fr' })).json();
      const session = await signIn(t, 'reset@example.fr', TEST_PASSWORD);
      const res = await t.api('PATCH', `/api/v1/users/${user.id}`, { password: 'un tout nouveau secret' });
      expect(res.statusCode).toBe(200);
      expect((await session.call('GET', '/api/v1/session')).statusCode).toBe(401);
      expect((await postLogin(t, 'reset@example.fr', 'un tout nouveau secret')).statusCode).toBe(200);
      const audit = await auditActions('user', user.id);
      expect(audit.at(-1)?.changes).toEqual([{ field: 'password', from: null, to: 'reset' }]);
      const weak = await t.api('PATCH', `/api/v1/users/${user.id}`, { password: 'abc' });
      expect(weak.statusCode).toBe(422);
    });

    it('deactivated user is signed out', async () => {
      const user = (await newUser({ email: 'depart@example.fr' })).json();
      const session = await signIn(t, 'depart@example.fr', TEST_PASSWORD);
      const res = await t.api('PATCH', `/api/v1/users/${user.id}`, { isActive: false });
      expect(res.statusCode).toBe(200);
      expect(res.json().isActive).toBe(false);
      expect((await session.call('GET', '/api/v1/session')).statusCode).toBe(401);
      expect((await postLogin(t, 'depart@example.fr', TEST_PASSWORD)).statusCode).toBe(401);
      expect((await auditActions('user', user.id)).at(-1)?.changes).toEqual([{ field: 'isActive', from: true, to: false }]);
    });

    it('nobody deactivates themselves', async () => {
      const res = await t.api('PATCH', `/api/v1/users/${t.business.adminUserId}`, { isActive: false });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('self_deactivation');
      expect((await t.api('GET', `/api/v1/users/${t.business.adminUserId}`)).json().isActive).toBe(true);
    });

    it('last admin cannot be removed', async () => {
      const second = (await newUser({ email: 'second.admin@example.fr', roleId: byName('Administrateur').id })).json();
      expect(second.isAdmin).toBe(true);
      const asSecond = asToken(t, await tokenFor(second.id));

      try {
        const demoteFirst = await asSecond('PATCH', `/api/v1/users/${t.business.adminUserId}`, { roleId: byName('Responsable').id });
        expect(demoteFirst.statusCode).toBe(200);
        expect(demoteFirst.json().isAdmin).toBe(false);

        const demoteLast = await asSecond('PATCH', `/api/v1/users/${second.id}`, { roleId: byName('Responsable').id });
        expect(demoteLast.statusCode).toBe(409);
        expect(demoteLast.json().code).toBe('last_admin');
        expect(demoteLast.json().detail).toContain('Théo Caissier est le dernier administrateur actif');
        expect((await asSecond('GET', `/api/v1/users/${second.id}`)).json().isAdmin).toBe(true);
      } finally {
        const restore = await asSecond('PATCH', `/api/v1/users/${t.business.adminUserId}`, { roleId: byName('Administrateur').id });
        expect(restore.statusCode).toBe(200);
        expect(restore.json().isAdmin).toBe(true);
      }
    });

    it('two admins demoting each other leave one', async () => {
      const shop = await t.addBusiness('Concurrence');
      const asX = asToken(t, shop.token);
      const shopRoles: RoleItem[] = (await asX('GET', '/api/v1/roles')).json().items;
      const managerRole = shopRoles.find((r) => !r.isAdmin && r.name === 'Responsable');
      const y = (await asX('POST', '/api/v1/users', {
        name: 'Admin Y', email: 'admin.y@example.fr', password: TEST_PASSWORD, roleId: shop.business.adminRoleId,
      })).json();
      const asY = asToken(t, await tokenFor(y.id, shop.business.businessId));

      const answers = await Promise.all([
        asX('PATCH', `/api/v1/users/${y.id}`, { roleId: managerRole?.id }),
        asY('PATCH', `/api/v1/users/${shop.business.adminUserId}`, { roleId: managerRole?.id }),
      ]);
      const statuses = answers.map((res) => res.statusCode).sort();
      expect(statuses[0]).toBe(200);
      // The loser either sees the last-admin rule (409) or, when the winner
      // committed before its request started, no longer has users.manage (403).
      expect([403, 409]).toContain(statuses[1]);
      const admins = await t.database.db.kysely
        .selectFrom('users')
        .innerJoin('roles', 'roles.id', 'users.role_id')
        .where('users.business_id', '=', shop.business.businessId)
        .where('roles.is_admin', '=', 1)
        .select('users.id')
        .execute();
      expect(admins).toHaveLength(1);
    });

    it('users.manage alone cannot touch admins', async () => {
      const manager = await t.addUser(['users.manage'], 'Gérant');
      const asManager = asToken(t, manager.token);
      const list = await asManager('GET', '/api/v1/users');
      expect(list.statusCode).toBe(200);

      const promote = await asManager('PATCH', `/api/v1/users/${manager.userId}`, { roleId: byName('Administrateur').id });
      expect(promote.statusCode).toBe(403);
      const reset = await asManager('PATCH', `/api/v1/users/${t.business.adminUserId}`, { password: 'prise de controle totale' });
      expect(reset.statusCode).toBe(403);
      expect((await postLogin(t, (await t.api('GET', '/api/v1/session')).json().user.email, TEST_PASSWORD)).statusCode).toBe(200);

      const cashier = await asManager('POST', '/api/v1/users', {
        name: 'Nouvelle', email: 'nouvelle@example.fr', password: TEST_PASSWORD, roleId: byName('Caissier').id,
      });
      expect(cashier.statusCode).toBe(201);
    });

    it('user routes need users.manage', async () => {
      const cashier = await t.addUser(['customer.view', 'settings.manage']);
      const asCashier = asToken(t, cashier.token);
      for (const [method, url, body] of [
        ['GET', '/api/v1/users', undefined],
        ['POST', '/api/v1/users', { name: 'X', email: 'x@example.fr', password: TEST_PASSWORD, roleId: byName('Caissier').id }],
        ['GET', `/api/v1/users/${t.business.adminUserId}`, undefined],
        ['PATCH', `/api/v1/users/${cashier.userId}`, { name: 'Moi' }],
        ['GET', '/api/v1/roles', undefined],
        ['POST', '/api/v1/roles', { name: 'Tout', permissions: [...permissions] }],
        ['PATCH', `/api/v1/roles/${byName('Caissier').id}`, { permissions: [...permissions] }],
        ['DELETE', `/api/v1/roles/${byName('Responsable').id}`, undefined],
        ['GET', '/api/v1/permissions', undefined],
      ] as const) {
        const res = await asCashier(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
      expect((await t.api('GET', '/api/v1/users')).json().items.map((u: { email: string }) => u.email)).not.toContain('x@example.fr');
      expect((await t.api('GET', `/api/v1/roles/${byName('Caissier').id}`)).json().permissions).toEqual(byName('Caissier').permissions);
    });

    it('another business user is not found', async () => {
      expect((await t.api('GET', `/api/v1/users/${other.adminUserId}`)).statusCode).toBe(404);
      const change = await t.api('PATCH', `/api/v1/users/${other.adminUserId}`, { name: 'Pris', isActive: false });
      expect(change.statusCode).toBe(404);
      expect(change.json().code).toBe('not_found');
      const theirs = await asToken(t, other.token)('GET', `/api/v1/users/${other.adminUserId}`);
      expect(theirs.json()).toMatchObject({ name: 'Admin Quincaillerie Autre', isActive: true });
      const list = (await t.api('GET', '/api/v1/users?limit=200')).json().items.map((u: { id: string }) => u.id);
      expect(list).not.toContain(other.adminUserId);
    });

    it('user list pages by name', async () => {
      const all = (await t.api('GET', '/api/v1/users?limit=200')).json().items.map((u: { name: string }) => u.name);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = (await t.api('GET', `/api/v1/users?limit=3${query}`)).json();
        paged.push(...page.items.map((u: { name: string }) => u.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(all.length).toBeGreaterThan(3);
    });
  });

  async function tokenFor(userId: string, businessId = t.business.businessId): Promise<string> {
    const { createApiToken } = await import('../../src/auth/tokens.ts');
    const created = await createApiToken(t.database.db.kysely, { businessId, userId }, 'test', null);
    return created.token;
  }
});
