/**
 * Who may see, commit, cancel and undo an import: a user who may view every
 * contact of its sides sees every import, any other user only their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { userWithRole } from '../helpers/roles.ts';
import { runComptoir } from '../helpers/server-process.ts';
import { multipart } from '../helpers/transfer-files.ts';

describe.each(engines)('import visibility on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  type Call = ReturnType<typeof asToken>;

  /** Calls the API with a token, sending a multipart body when given one. */
  function caller(token: string) {
    const plain = asToken(t, token);
    const send = async (text: string, options: Record<string, unknown> = {}) => {
      const body = multipart(Buffer.from(text, 'utf8'), 'contacts.csv', options);
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { ...body.headers, authorization: `Bearer ${token}`, 'accept-language': 'fr' },
        payload: body.payload,
      });
    };
    return { call: plain, send, token };
  }

  const listedIds = async (call: Call) => {
    const response = await call('GET', '/api/v1/imports?limit=100');
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as { id: string }[]).map((item) => item.id);
  };

  it('salesperson sees only their own imports', async () => {
    const admin = caller(t.adminToken);
    const managers = await admin.send('Nom;Mobile;E-mail\nGarnier;0600006001;garnier@example.fr\n');
    expect(managers.json().status, managers.body).toBe('committed');
    const seller = caller((await userWithRole(t, 'Vendeur')).token);
    const own = await seller.send('Nom;Mobile\nHamon;0600006002\n');
    expect(own.json().status, own.body).toBe('committed');

    const ids = await listedIds(seller.call);
    expect(ids).toContain(own.json().id);
    expect(ids).not.toContain(managers.json().id);

    const read = await seller.call('GET', `/api/v1/imports/${managers.json().id}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('Garnier');
    expect(read.body).not.toContain('garnier@example.fr');
    const readOwn = await seller.call('GET', `/api/v1/imports/${own.json().id}`);
    expect(readOwn.statusCode, readOwn.body).toBe(200);

    const undo = await seller.call('DELETE', `/api/v1/imports/${managers.json().id}`);
    expect(undo.statusCode).toBe(404);
    const kept = await t.database.db.kysely.selectFrom('contacts').select('id').where('name', '=', 'Garnier').execute();
    expect(kept).toHaveLength(1);
  });

  it('commit and cancel of another import answer 404', async () => {
    const admin = caller(t.adminToken);
    const preview = await admin.send('Nom;Mobile\nIsnard;0600006101\n', { dryRun: true });
    expect(preview.json().status, preview.body).toBe('previewed');
    const seller = caller((await userWithRole(t, 'Vendeur')).token);

    const commit = await seller.call('POST', `/api/v1/imports/${preview.json().id}/commit`, {});
    expect(commit.statusCode).toBe(404);
    const cancel = await seller.call('POST', `/api/v1/imports/${preview.json().id}/cancel`);
    expect(cancel.statusCode).toBe(404);
    const after = await admin.call('GET', `/api/v1/imports/${preview.json().id}`);
    expect(after.json().status).toBe('previewed');
  });

  it('cashier sees customer imports, not supplier ones', async () => {
    const admin = caller(t.adminToken);
    const customers = await admin.send('Nom;Mobile\nJoubert;0600006201\n');
    expect(customers.json().status, customers.body).toBe('committed');
    const suppliers = await admin.send('Nom;Type;Mobile\nKieffer SARL;fournisseur;0600006202\n');
    expect(suppliers.json().status, suppliers.body).toBe('committed');
    const cashier = caller((await userWithRole(t, 'Caissier')).token);

    const ids = await listedIds(cashier.call);
    expect(ids).toContain(customers.json().id);
    expect(ids).not.toContain(suppliers.json().id);
    const read = await cashier.call('GET', `/api/v1/imports/${suppliers.json().id}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('Kieffer');
    const readCustomers = await cashier.call('GET', `/api/v1/imports/${customers.json().id}`);
    expect(readCustomers.statusCode, readCustomers.body).toBe(200);
  });

  it('list fills its limit past hidden imports', async () => {
    const clerk = await t.addUser(['customer.view_own', 'customer.create'], 'Vendeur');
    const seller = caller(clerk.token);
    const own = await seller.send('Nom;Mobile\nLaurent;0600006301\n');
    expect(own.json().status, own.body).toBe('committed');
    const admin = caller(t.adminToken);
    for (let i = 0; i < 3; i += 1) {
      const later = await admin.send(`Nom;Mobile\nMasson ${i};060000640${i}\n`);
      expect(later.json().status, later.body).toBe('committed');
    }

    const response = await seller.call('GET', '/api/v1/imports?limit=1');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items.map((item: { id: string }) => item.id)).toEqual([own.json().id]);
  });

  it('stored errors name only viewable contacts', async () => {
    const supplier = await t.api('POST', '/api/v1/contacts', { type: 'supplier', kind: 'business', businessName: 'Olivier Grossiste', code: 'FO-7001', mobile: '0600007001' });
    expect(supplier.statusCode, supplier.body).toBe(201);
    const admin = caller(t.adminToken);
    const other = await admin.send('Code;Nom\nFO-7001;Perrin\n', { dryRun: true, matchOn: ['code'] });
    expect(other.json().errors.map((issue: { code: string }) => issue.code)).toEqual(['import_code_other_person']);
    expect(other.json().errors[0].message).toContain('Olivier Grossiste');
    const same = await admin.send('Code;Nom\nFO-7001;Olivier Grossiste\n', { dryRun: true, matchOn: ['code'] });
    expect(same.json().warnings.map((issue: { code: string }) => issue.code)).toEqual(['import_existing']);

    // The cashier may view every customer, so sees these customer imports, but not the supplier they name.
    const cashier = caller((await userWithRole(t, 'Caissier')).token);
    const readOther = await cashier.call('GET', `/api/v1/imports/${other.json().id}`);
    expect(readOther.statusCode, readOther.body).toBe(200);
    expect(readOther.body).not.toContain('Olivier');
    expect(readOther.json().errors[0].message).toContain('un autre contact');
    const readSame = await cashier.call('GET', `/api/v1/imports/${same.json().id}`);
    expect(readSame.statusCode, readSame.body).toBe(200);
    // The file's own cells stay in the column samples, but the warning names no contact.
    expect(readSame.json().warnings[0].message).not.toContain('Olivier');
    expect(readSame.json().warnings[0].message).not.toContain('FO-7001');
    expect(readSame.json().warnings.map((issue: { code: string }) => issue.code)).toEqual(['import_existing_hidden']);

    const adminRead = await admin.call('GET', `/api/v1/imports/${other.json().id}`);
    expect(adminRead.json().errors[0].message).toContain('Olivier Grossiste');
  });

  it('stored duplicate warnings name only viewable contacts', async () => {
    const owner = await userWithRole(t, 'Vendeur');
    const supplier = await t.api('POST', '/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Quentin Fournitures', code: 'FO-8001', mobile: '0600008001',
      assignedUserIds: [owner.userId],
    });
    expect(supplier.statusCode, supplier.body).toBe(201);
    const manager = caller((await userWithRole(t, 'Responsable')).token);
    // Matched on e-mail only, the row is created beside the supplier that has its mobile.
    const run = await manager.send('Nom;Mobile\nRoussel;0600008001\n', { matchOn: ['email'] });
    expect(run.json().status, run.body).toBe('committed');
    const id = run.json().id as string;
    const warningOf = (body: { warnings: { code: string; message: string }[] }) =>
      body.warnings.find((warning) => warning.code === 'duplicate_mobile');
    expect(warningOf(run.json())?.message).toBe('Ligne 2, colonne « Mobile » : Ce numéro est déjà celui de Quentin Fournitures (FO-8001).');

    const stored = await t.database.db.kysely.selectFrom('imports').select('warnings').where('id', '=', id).executeTakeFirstOrThrow();
    const storedWarnings = JSON.parse(stored.warnings) as { code: string; params?: { contactId?: string } }[];
    expect(storedWarnings.find((warning) => warning.code === 'duplicate_mobile')?.params?.contactId).toBe(supplier.json().id);

    // A salesperson who may view only their own contacts does not see the manager's import at all.
    const seller = caller((await userWithRole(t, 'Vendeur')).token);
    const sellerRead = await seller.call('GET', `/api/v1/imports/${id}`);
    expect(sellerRead.statusCode).toBe(404);
    expect(sellerRead.body).not.toContain('Quentin');

    // The cashier reads customer imports but may not view the supplier.
    const cashier = caller((await userWithRole(t, 'Caissier')).token);
    const cashierRead = await cashier.call('GET', `/api/v1/imports/${id}`);
    expect(cashierRead.statusCode, cashierRead.body).toBe(200);
    expect(warningOf(cashierRead.json())?.message).toBe('Ligne 2, colonne « Mobile » : Ce numéro est déjà celui d’un autre contact.');
    expect(cashierRead.body).not.toContain('Quentin');
    expect(cashierRead.body).not.toContain('FO-8001');
    expect(cashierRead.body).not.toContain(supplier.json().id);
    const english = await t.app.inject({
      method: 'GET', url: `/api/v1/imports/${id}`, headers: { authorization: `Bearer ${cashier.token}`, 'accept-language': 'en' },
    });
    expect(warningOf(english.json())?.message).toBe('Line 2, column “Mobile”: This number already belongs to another contact.');

    const managerRead = await manager.call('GET', `/api/v1/imports/${id}`);
    expect(warningOf(managerRead.json())?.message).toBe('Ligne 2, colonne « Mobile » : Ce numéro est déjà celui de Quentin Fournitures (FO-8001).');
  });

  it('duplicate warning without contact id', async () => {
    await t.api('POST', '/api/v1/contacts', { type: 'supplier', kind: 'business', businessName: 'Rémy Négoce', code: 'FO-8101', mobile: '0600008101' });
    const admin = caller(t.adminToken);
    const run = await admin.send('Nom;Mobile\nSimon;0600008101\n', { matchOn: ['email'] });
    expect(run.json().status, run.body).toBe('committed');
    const id = run.json().id as string;
    // A warning as stored before the contact's id was kept with it.
    const kysely = t.database.db.kysely;
    const stored = await kysely.selectFrom('imports').select('warnings').where('id', '=', id).executeTakeFirstOrThrow();
    const withoutId = (JSON.parse(stored.warnings) as { params?: Record<string, unknown> }[]).map((warning) => {
      const { contactId: _contactId, ...params } = warning.params ?? {};
      return { ...warning, params };
    });
    await kysely.updateTable('imports').set({ warnings: JSON.stringify(withoutId) }).where('id', '=', id).execute();

    const cashier = caller((await userWithRole(t, 'Caissier')).token);
    const cashierRead = await cashier.call('GET', `/api/v1/imports/${id}`);
    expect(cashierRead.statusCode, cashierRead.body).toBe(200);
    expect(cashierRead.body).not.toContain('Rémy Négoce');
    expect(cashierRead.json().warnings.map((warning: { code: string }) => warning.code)).toContain('duplicate_mobile');
    const adminRead = await admin.call('GET', `/api/v1/imports/${id}`);
    expect(adminRead.body).toContain('Rémy Négoce (FO-8101)');
  });

  it('command line lists and undoes as the user of --as', async () => {
    const admin = caller(t.adminToken);
    const managers = await admin.send('Nom;Mobile\nNoël;0600006501\n');
    expect(managers.json().status, managers.body).toBe('committed');
    const seller = await userWithRole(t, 'Vendeur');
    const email = (await t.database.db.kysely.selectFrom('users').select('email').where('id', '=', seller.userId).executeTakeFirstOrThrow()).email;
    const comptoir = (...args: string[]) =>
      runComptoir([...args, '--business', t.business.businessId, '--as', email], { DATABASE_URL: t.database.url });

    const list = await comptoir('import', 'list', '--limit', '100');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toContain(managers.json().id);
    const undo = await comptoir('import', 'undo', managers.json().id, '--lang', 'en');
    expect(undo.code).toBe(1);
    expect(undo.stderr).toContain(`No import has the id “${managers.json().id}”`);
    const read = await admin.call('GET', `/api/v1/imports/${managers.json().id}`);
    expect(read.json().status).toBe('committed');
  });

});
