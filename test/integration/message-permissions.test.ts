/**
 * The message permissions of the standard roles: what a manager and a
 * cashier may do with messages, that a salesperson (who sees only its own
 * customers) sees only their messages, and the migration that gives the
 * permissions to the standard roles of existing businesses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMessagePermissions } from '../../src/db/migrations/0011_message_role_permissions.ts';
import { oldCashierPermissions } from '../../src/db/migrations/0017_cashier_sees_customers.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { rolePermissions, userWithRole } from '../helpers/roles.ts';

describe.each(engines)('message permissions on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const quiet = await t.api('PATCH', '/api/v1/message-settings', { quietHours: null });
    expect(quiet.statusCode, quiet.body).toBe(200);
    // Messages are only queued here, so no SMTP server listens on this port.
    const email = await t.api('PUT', '/api/v1/message-channels/email', {
      enabled: true, host: '127.0.0.1', port: 2525, security: 'none', fromAddress: 'boutique@example.fr',
    });
    expect(email.statusCode, email.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('standard roles get message permissions', async () => {
    const manager = await rolePermissions(t, 'Responsable');
    expect(manager).toContain('message.send');
    expect(manager).toContain('message.templates');
    expect(manager).not.toContain('message.settings');
    const cashier = await rolePermissions(t, 'Caissier');
    expect(cashier).toContain('message.send');
    expect(cashier).not.toContain('message.templates');
    expect(cashier).not.toContain('message.settings');
    const salesperson = await rolePermissions(t, 'Vendeur');
    expect(salesperson).toContain('message.send');
    expect(salesperson).not.toContain('message.templates');
  });

  it('manager edits templates but not channels', async () => {
    const manager = asToken(t, (await userWithRole(t, 'Responsable')).token);
    const list = await manager('GET', '/api/v1/message-templates?event=new_sale');
    expect(list.statusCode, list.body).toBe(200);
    const id = list.json().items[0].id as string;
    const renamed = await manager('PATCH', `/api/v1/message-templates/${id}`, { name: 'Ticket de caisse' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await manager('GET', '/api/v1/message-channels')).statusCode).toBe(403);
    expect((await manager('GET', '/api/v1/reminder-levels')).statusCode).toBe(403);
  });

  it('cashier sends but cannot edit templates', async () => {
    const cashier = asToken(t, (await userWithRole(t, 'Caissier')).token);
    const list = await cashier('GET', '/api/v1/message-templates?event=new_sale');
    expect(list.statusCode, list.body).toBe(200);
    const id = list.json().items[0].id as string;
    const renamed = await cashier('PATCH', `/api/v1/message-templates/${id}`, { name: 'Pirate' });
    expect(renamed.statusCode).toBe(403);
    expect(renamed.json().code).toBe('forbidden');
    expect((await cashier('GET', '/api/v1/message-channels')).statusCode).toBe(403);
    expect((await cashier('POST', '/api/v1/reminders/run', {})).statusCode).toBe(403);
  });

  it('salesperson sees only its customers’ messages', async () => {
    const { token } = await userWithRole(t, 'Vendeur');
    const salesperson = asToken(t, token);
    const own = await salesperson('POST', '/api/v1/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Paul', lastName: 'Caisse', mobile: '06 11 22 33 01', email: 'paul@example.fr',
    });
    expect(own.statusCode, own.body).toBe(201);
    const other = await t.api('POST', '/api/v1/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Anne', lastName: 'Bureau', mobile: '06 11 22 33 02', email: 'anne@example.fr',
    });
    expect(other.statusCode, other.body).toBe(201);
    const typed = { email: { subject: 'Bonjour', text: 'Votre commande est prête.' } };
    const mine = await salesperson('POST', '/api/v1/messages', { contactId: own.json().id, channels: ['email'], texts: typed });
    expect(mine.statusCode, mine.body).toBe(201);
    const theirs = await t.api('POST', '/api/v1/messages', { contactId: other.json().id, channels: ['email'], texts: typed });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const theirId = theirs.json().items[0].id as string;

    const outbox = await salesperson('GET', '/api/v1/messages');
    expect(outbox.statusCode, outbox.body).toBe(200);
    const contactIds = (outbox.json().items as { contactId: string }[]).map((m) => m.contactId);
    expect(contactIds).toContain(own.json().id);
    expect(contactIds).not.toContain(other.json().id);
    expect((await salesperson('GET', `/api/v1/messages/${theirId}`)).statusCode).toBe(404);
    expect((await salesperson('POST', `/api/v1/messages/${theirId}/retry`)).statusCode).toBe(404);
    const adminOutbox = await t.api('GET', '/api/v1/messages');
    expect((adminOutbox.json().items as { id: string }[]).map((m) => m.id)).toContain(theirId);
  });

  it('migration adds permissions to standard roles', async () => {
    const kysely = t.database.db.kysely;
    const before = oldCashierPermissions.filter((permission) => !permission.startsWith('message.'));
    const now = nowIso();
    const ids = { english: newId(), renamed: newId() };
    await kysely.insertInto('roles').values([
      { id: ids.english, business_id: t.business.businessId, name: 'Cashier', permissions: JSON.stringify(before), is_admin: 0, created_at: now, updated_at: now },
      { id: ids.renamed, business_id: t.business.businessId, name: 'Caisse du samedi', permissions: JSON.stringify(before), is_admin: 0, created_at: now, updated_at: now },
    ]).execute();

    expect(await addMessagePermissions(kysely)).toBe(1);
    const read = async (id: string) =>
      JSON.parse((await kysely.selectFrom('roles').where('id', '=', id).select('permissions').executeTakeFirstOrThrow()).permissions) as string[];
    expect(await read(ids.english)).toEqual([...before, 'message.send']);
    expect(await read(ids.renamed)).toEqual(before);
    expect(await addMessagePermissions(kysely)).toBe(0);
  });
});
