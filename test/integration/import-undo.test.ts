/**
 * Undo of a contact import when some of its contacts have history since:
 * the refusal names them, and `keepChanged=true` undoes the others, keeps
 * those, and records both counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { userWithRole } from '../helpers/roles.ts';
import { multipart } from '../helpers/transfer-files.ts';

describe.each(engines)('import undo on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Creates a business for one test, so that its imports and contacts start empty. */
  async function shop() {
    const { business, token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const db = t.database.db.kysely;
    const call = (method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr', ...headers },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
    const upload = async (text: string, options: Record<string, unknown> = {}) => {
      const body = multipart(Buffer.from(text, 'utf8'), 'contacts.csv', options);
      const response = await call('POST', '/api/v1/imports', body.payload, body.headers);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().status).toBe('committed');
      return response.json();
    };
    const contact = (name: string) =>
      db.selectFrom('contacts').selectAll().where('business_id', '=', business.businessId).where('name', '=', name).executeTakeFirst();
    const count = async () =>
      (await db.selectFrom('contacts').select('id').where('business_id', '=', business.businessId).execute()).length;
    return { business, call, upload, contact, count, db };
  }

  /**
   * Imports Durand and Moreau, then a second file that creates Arnaud,
   * Blanc and Colin and updates Durand and Moreau. Arnaud then gets a
   * payment and Durand an edit, so the undo of the second file must keep
   * those two.
   */
  async function mixedImport() {
    const s = await shop();
    await s.upload('Nom;Mobile;Ville\nDurand;0600002001;Lyon\nMoreau;0600002002;Lyon\n');
    const second = await s.upload(
      "Nom;Mobile;Ville;Solde d'ouverture\nArnaud;0600002003;Nice;15,00\nBlanc;0600002004;Nice;8,00\nColin;0600002005;Nice;0\n" +
        'Durand;0600002001;Paris;0\nMoreau;0600002002;Paris;0\n',
      { mode: 'upsert', matchOn: ['mobile'] },
    );
    expect(second.totals).toMatchObject({ created: 3, updated: 2 });

    const arnaud = await s.contact('Arnaud');
    const durand = await s.contact('Durand');
    if (!arnaud || !durand) throw new Error('the import created no Arnaud or Durand');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const payment = await s.call('POST', '/api/v1/payments', { contactId: arnaud.id, amount: '5.00', method: 'cash', date: today });
    expect(payment.statusCode, payment.body).toBe(201);
    const edit = await s.call('PATCH', `/api/v1/contacts/${durand.id}`, { city: 'Marseille' });
    expect(edit.statusCode, edit.body).toBe(200);
    return { ...s, importId: second.id as string, arnaud, durand };
  }

  it('refusal names the blocked contacts', async () => {
    const s = await mixedImport();
    const undo = await s.call('DELETE', `/api/v1/imports/${s.importId}`);
    expect(undo.statusCode).toBe(409);
    const problem = undo.json();
    expect(problem.code).toBe('import_undo_blocked');
    expect(problem.count).toBe(2);
    expect(problem.contacts).toEqual([
      { id: s.arnaud.id, code: s.arnaud.code, name: 'Arnaud', reason: 'transactions' },
      { id: s.durand.id, code: s.durand.code, name: 'Durand', reason: 'edited' },
    ]);
    expect(problem.detail).toContain(`${s.arnaud.code} Arnaud, ${s.durand.code} Durand`);
    expect(problem.detail).toContain('Rien n’a été défait');
    expect(await s.count()).toBe(5);
    expect((await s.contact('Moreau'))?.city).toBe('Paris');
  });

  it('refusal hides contacts the caller cannot view', async () => {
    const db = t.database.db.kysely;
    const businessId = t.business.businessId;
    const body = multipart(Buffer.from('Nom;Mobile\nVidal;0600002501\nWeber;0600002502\nXavier;0600002503\n', 'utf8'), 'contacts.csv', {});
    const clerk = await t.addUser(['customer.view_own', 'customer.create', 'customer.delete'], 'Caissier');
    // The clerk runs the import, since a user who may view only some customers sees only their own imports.
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...body.headers, authorization: `Bearer ${clerk.token}`, 'accept-language': 'fr' },
      payload: body.payload,
    });
    expect(imported.json().status, imported.body).toBe('committed');
    const named = async (name: string) => {
      const row = await db.selectFrom('contacts').selectAll().where('business_id', '=', businessId).where('name', '=', name).executeTakeFirst();
      if (!row) throw new Error(`the import created no ${name}`);
      return row;
    };
    const vidal = await named('Vidal');
    const weber = await named('Weber');
    // The contacts then pass to the admin, so the clerk keeps only Weber, through an assignment.
    await db.updateTable('contacts').set({ created_by: t.business.adminUserId }).where('id', 'in', [vidal.id, weber.id]).execute();
    await db.insertInto('contact_assignments').values({ business_id: businessId, contact_id: weber.id, user_id: clerk.userId }).execute();
    for (const contact of [vidal, weber]) {
      const edit = await t.api('PATCH', `/api/v1/contacts/${contact.id}`, { openingBalance: '3.00' });
      expect(edit.statusCode, edit.body).toBe(200);
    }

    const undo = await asToken(t, clerk.token)('DELETE', `/api/v1/imports/${imported.json().id}`);
    expect(undo.statusCode, undo.body).toBe(409);
    const problem = undo.json();
    expect(problem.code).toBe('import_undo_blocked');
    expect(problem.count).toBe(2);
    expect(problem.contacts).toEqual([{ id: weber.id, code: weber.code, name: 'Weber', reason: 'transactions' }]);
    expect(problem.otherContacts).toBe(1);
    expect(problem.detail).toContain(`${weber.code} Weber, 1 autre contact`);
    expect(problem.detail).not.toContain('Vidal');
    expect(problem.detail).not.toContain(vidal.code);

    const admin = await t.api('DELETE', `/api/v1/imports/${imported.json().id}`);
    expect(admin.json().contacts).toHaveLength(2);
    expect(admin.json().otherContacts).toBe(0);

    const partly = await t.api('DELETE', `/api/v1/imports/${imported.json().id}?keepChanged=true`);
    expect(partly.json().status, partly.body).toBe('partly_undone');
    expect(partly.json().undo.keptContacts).toHaveLength(2);
    const read = await asToken(t, clerk.token)('GET', `/api/v1/imports/${imported.json().id}`);
    expect(read.json().undo.kept).toBe(2);
    expect(read.json().undo.keptContacts).toEqual([{ id: weber.id, code: weber.code, name: 'Weber', reason: 'transactions' }]);
  });

  it('undo without delete permission is refused first', async () => {
    const cashier = await userWithRole(t, 'Caissier');
    const body = multipart(Buffer.from('Nom;Mobile\nYvon;0600002601\n', 'utf8'), 'contacts.csv', {});
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...body.headers, authorization: `Bearer ${cashier.token}`, 'accept-language': 'fr' },
      payload: body.payload,
    });
    expect(imported.json().status, imported.body).toBe('committed');
    const yvon = await t.database.db.kysely.selectFrom('contacts').selectAll().where('name', '=', 'Yvon').executeTakeFirstOrThrow();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const payment = await t.api('POST', '/api/v1/payments', { contactId: yvon.id, amount: '2.00', method: 'cash', date: today });
    expect(payment.statusCode, payment.body).toBe(201);

    for (const query of ['?keepChanged=true', '']) {
      const undo = await asToken(t, cashier.token)('DELETE', `/api/v1/imports/${imported.json().id}${query}`);
      expect(undo.statusCode, undo.body).toBe(403);
      expect(undo.json().code).toBe('forbidden');
      expect(undo.body).not.toContain('Yvon');
      expect(undo.body).not.toContain(yvon.id);
    }
    const after = await t.api('GET', `/api/v1/imports/${imported.json().id}`);
    expect(after.json().status).toBe('committed');
  });

  it('keepChanged undoes the others', async () => {
    const s = await mixedImport();
    const undo = await s.call('DELETE', `/api/v1/imports/${s.importId}?keepChanged=true`);
    expect(undo.statusCode, undo.body).toBe(200);
    const record = undo.json();
    expect(record.status).toBe('partly_undone');
    expect(record.undoneAt).not.toBeNull();
    expect(record.undo).toEqual({
      deleted: 2,
      restored: 1,
      kept: 2,
      keptContacts: [
        { id: s.arnaud.id, code: s.arnaud.code, name: 'Arnaud', reason: 'transactions' },
        { id: s.durand.id, code: s.durand.code, name: 'Durand', reason: 'edited' },
      ],
    });
    expect(record.message).toBe(
      'Import défait en partie : 2 contacts supprimés, 1 remis dans son état d’avant ; ' +
        '2 contacts gardés, car ils ont depuis des opérations ou des modifications.',
    );

    expect(await s.contact('Blanc')).toBeUndefined();
    expect(await s.contact('Colin')).toBeUndefined();
    expect((await s.contact('Moreau'))?.city).toBe('Lyon');
    expect((await s.contact('Durand'))?.city).toBe('Marseille');
    const arnaud = await s.contact('Arnaud');
    expect(Number(arnaud?.balance)).toBe(1000);

    const read = await s.call('GET', `/api/v1/imports/${s.importId}`);
    expect(read.json().status).toBe('partly_undone');
    expect(read.json().undo.kept).toBe(2);
    const again = await s.call('DELETE', `/api/v1/imports/${s.importId}?keepChanged=true`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('import_not_undoable');
  });

  it('partial undo is in the audit log', async () => {
    const s = await mixedImport();
    await s.call('DELETE', `/api/v1/imports/${s.importId}?keepChanged=true`);
    const entries = await s.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('business_id', '=', s.business.businessId)
      .where('entity_type', '=', 'import')
      .where('entity_id', '=', s.importId)
      .orderBy('created_at')
      .execute();
    expect(entries.map((entry) => entry.action)).toEqual(['committed', 'partly_undone']);
    expect(JSON.parse(entries[1]?.changes ?? '{}')).toEqual({
      deleted: 2,
      restored: 1,
      kept: 2,
      keptIds: [s.arnaud.id, s.durand.id],
    });
  });

  it('keepChanged without blocked contacts undoes all', async () => {
    const s = await shop();
    const imported = await s.upload('Nom;Mobile\nDupont;0600002101\nLeroy;0600002102\n');
    const undo = await s.call('DELETE', `/api/v1/imports/${imported.id}?keepChanged=true`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().status).toBe('undone');
    expect(undo.json().undo).toEqual({ deleted: 2, restored: 0, kept: 0, keptContacts: [] });
    expect(await s.count()).toBe(0);
  });

  it('undo reads import_contacts', async () => {
    const s = await shop();
    await s.upload('Nom;Mobile;Ville\nFabre;0600002301;Lyon\n');
    const second = await s.upload('Nom;Mobile;Ville\nGauthier;0600002302;Nice\nFabre;0600002301;Paris\n', { mode: 'upsert', matchOn: ['mobile'] });
    const fabre = await s.contact('Fabre');
    const gauthier = await s.contact('Gauthier');
    const stored = await s.db.selectFrom('import_contacts').select(['contact_id', 'line', 'change'])
      .where('import_id', '=', second.id).orderBy('line').execute();
    expect(stored).toEqual([
      { contact_id: gauthier?.id, line: 2, change: 'created' },
      { contact_id: fabre?.id, line: 3, change: 'updated' },
    ]);
    const record = await s.db.selectFrom('imports').select(['created_ids', 'updated_contacts']).where('id', '=', second.id).executeTakeFirstOrThrow();
    expect(record).toEqual({ created_ids: '[]', updated_contacts: '[]' });

    const undo = await s.call('DELETE', `/api/v1/imports/${second.id}`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().undo).toEqual({ deleted: 1, restored: 1, kept: 0, keptContacts: [] });
    expect(await s.contact('Gauthier')).toBeUndefined();
    expect((await s.contact('Fabre'))?.city).toBe('Lyon');
  });

  it('undo of an import stored as lists', async () => {
    const s = await shop();
    await s.upload('Nom;Mobile;Ville\nGirard;0600002401;Lyon\n');
    const second = await s.upload('Nom;Mobile;Ville\nHenry;0600002402;Nice\nGirard;0600002401;Paris\n', { mode: 'upsert', matchOn: ['mobile'] });
    // Moves the import's contacts to the JSON lists that imports kept before import_contacts existed.
    const rows = await s.db.selectFrom('import_contacts').selectAll().where('import_id', '=', second.id).orderBy('line').execute();
    const createdIds = rows.filter((row) => row.change === 'created').map((row) => row.contact_id);
    const updated = rows.filter((row) => row.change === 'updated').map((row) => ({
      id: row.contact_id, before: JSON.parse(row.before_values ?? '{}') as unknown, updatedAt: row.updated_at,
    }));
    expect(createdIds).toHaveLength(1);
    expect(updated).toHaveLength(1);
    await s.db.deleteFrom('import_contacts').where('import_id', '=', second.id).execute();
    await s.db.updateTable('imports')
      .set({ created_ids: JSON.stringify(createdIds), updated_contacts: JSON.stringify(updated) })
      .where('id', '=', second.id)
      .execute();

    const undo = await s.call('DELETE', `/api/v1/imports/${second.id}`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().undo).toEqual({ deleted: 1, restored: 1, kept: 0, keptContacts: [] });
    expect(await s.contact('Henry')).toBeUndefined();
    expect((await s.contact('Girard'))?.city).toBe('Lyon');
  });

  it('nothing left to undo is refused', async () => {
    const s = await shop();
    const imported = await s.upload('Nom;Mobile\nRoux;0600002201\n');
    const roux = await s.contact('Roux');
    await s.call('PATCH', `/api/v1/contacts/${roux?.id}`, { openingBalance: '12.00' });
    const undo = await s.call('DELETE', `/api/v1/imports/${imported.id}?keepChanged=true`, undefined, { 'accept-language': 'en' });
    expect(undo.statusCode).toBe(409);
    expect(undo.json().code).toBe('import_undo_nothing_left');
    expect(undo.json().contacts).toEqual([{ id: roux?.id, code: roux?.code, name: 'Roux', reason: 'transactions' }]);
    expect(undo.json().detail).toContain('each of its 1 remaining contacts');
    expect((await s.call('GET', `/api/v1/imports/${imported.id}`)).json().status).toBe('committed');
  });

  it('refusal lists at most 100 contacts', async () => {
    const s = await shop();
    const rows = Array.from({ length: 105 }, (_, index) => `Client ${index};06${String(30_000_000 + index)}`);
    await s.upload(`Nom;Mobile\n${rows.join('\n')}\n`);
    const moved = rows.map((row) => `${row};Brest`);
    const update = await s.upload(`Nom;Mobile;Ville\n${moved.join('\n')}\n`, { mode: 'upsert', matchOn: ['mobile'] });
    expect(update.totals.updated).toBe(105);
    await s.db.updateTable('contacts').set({ updated_at: new Date().toISOString() }).where('business_id', '=', s.business.businessId).execute();

    const undo = await s.call('DELETE', `/api/v1/imports/${update.id}`);
    expect(undo.statusCode).toBe(409);
    expect(undo.json().count).toBe(105);
    expect(undo.json().contacts).toHaveLength(100);
    expect(undo.json().contacts.every((contact: { reason: string }) => contact.reason === 'edited')).toBe(true);
    expect(undo.json().detail).toMatch(/Client \d+, …\)/);
  });

  it('keepChanged is refused for a sales import', async () => {
    const s = await shop();
    await s.upload('Nom;Code;Mobile\nMarc;CLI-2;0600002301\n');
    const file = Buffer.from(
      'Référence de la vente;Date;Client;Désignation;Quantité;Prix unitaire HT;TVA %\nT-1;02/03/2026;CLI-2;Article;1;10,00;0\n',
      'utf8',
    );
    const body = multipart(file, 'ventes.csv', { kind: 'sales' });
    const imported = await s.call('POST', '/api/v1/imports', body.payload, body.headers);
    expect(imported.json().status, imported.body).toBe('committed');

    const undo = await s.call('DELETE', `/api/v1/imports/${imported.json().id}?keepChanged=true`);
    expect(undo.statusCode).toBe(409);
    expect(undo.json().code).toBe('import_partial_undo_unsupported');
    const whole = await s.call('DELETE', `/api/v1/imports/${imported.json().id}`);
    expect(whole.json().status).toBe('undone');
  });

  /** Builds a CSV file of `count` contacts, every third one with an opening balance, so that an undo spans several lists of ids. */
  function manyContacts(count: number): string {
    const rows = Array.from({ length: count }, (_, index) =>
      `Lot ${index};06${String(40_000_000 + index)};${index % 3 === 0 ? `${(index % 50) + 1},25` : ''}`);
    return `Nom;Mobile;Solde d'ouverture\n${rows.join('\n')}\n`;
  }

  it('undo of 1,500 contacts with balances', async () => {
    const s = await shop();
    const imported = await s.upload(manyContacts(1500));
    expect(imported.totals.created).toBe(1500);
    const businessId = s.business.businessId;
    const rowsOf = async (table: 'ledger_entries' | 'open_items' | 'ledger_totals') =>
      (await s.db.selectFrom(table).select('contact_id').where('business_id', '=', businessId).execute()).length;
    expect(await rowsOf('ledger_entries')).toBe(500);

    const undo = await s.call('DELETE', `/api/v1/imports/${imported.id}`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().undo).toEqual({ deleted: 1500, restored: 0, kept: 0, keptContacts: [] });
    expect(await s.count()).toBe(0);
    expect(await rowsOf('ledger_entries')).toBe(0);
    expect(await rowsOf('open_items')).toBe(0);
    expect(await rowsOf('ledger_totals')).toBe(0);
    const report = await verifyLedger(s.db);
    expect(report.differences.filter((difference) => difference.businessId === businessId)).toEqual([]);

    const audits = await s.db
      .selectFrom('audit_log')
      .select(['entity_type', 'action', 'changes'])
      .where('business_id', '=', businessId)
      .where('action', 'in', ['deleted', 'undone'])
      .execute();
    const contactEntries = audits.filter((entry) => entry.entity_type === 'contact');
    expect(contactEntries).toHaveLength(1500);
    expect(JSON.parse(contactEntries[0]?.changes ?? '{}')).toMatchObject({ importId: imported.id, undo: true });
    const importEntries = audits.filter((entry) => entry.entity_type === 'import');
    expect(importEntries.map((entry) => JSON.parse(entry.changes))).toEqual([{ deleted: 1500, restored: 0 }]);
  });

  it('history in a later list blocks the whole undo', async () => {
    const s = await shop();
    const imported = await s.upload(manyContacts(1200));
    const late = await s.contact('Lot 1150');
    if (!late) throw new Error('the import created no Lot 1150');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const payment = await s.call('POST', '/api/v1/payments', { contactId: late.id, amount: '1.00', method: 'cash', date: today });
    expect(payment.statusCode, payment.body).toBe(201);

    const undo = await s.call('DELETE', `/api/v1/imports/${imported.id}`);
    expect(undo.statusCode).toBe(409);
    expect(undo.json().code).toBe('import_undo_blocked');
    expect(undo.json().contacts).toEqual([{ id: late.id, code: late.code, name: 'Lot 1150', reason: 'transactions' }]);
    expect(await s.count()).toBe(1200);

    const partly = await s.call('DELETE', `/api/v1/imports/${imported.id}?keepChanged=true`);
    expect(partly.statusCode, partly.body).toBe(200);
    expect(partly.json().undo).toMatchObject({ deleted: 1199, kept: 1 });
    expect(await s.count()).toBe(1);
    const report = await verifyLedger(s.db);
    expect(report.differences.filter((difference) => difference.businessId === s.business.businessId)).toEqual([]);
  });

  it('keepChanged takes true or false only', async () => {
    const s = await shop();
    const imported = await s.upload('Nom;Mobile\nPetit;0600002401\n');
    const undo = await s.call('DELETE', `/api/v1/imports/${imported.id}?keepChanged=oui`);
    expect(undo.statusCode).toBe(422);
    expect(undo.json().errors[0]).toMatchObject({ path: 'keepChanged', code: 'invalid_enum' });
    expect(await s.count()).toBe(1);
  });
});
