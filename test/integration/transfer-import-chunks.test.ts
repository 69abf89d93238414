/**
 * Contact imports that span several chunks: what batching the rows could
 * break (duplicates, row errors, codes, opening balances, audit entries,
 * webhook deliveries) must come out as in a row-by-row import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContacts } from '../../src/contacts/create-contacts.ts';
import type { ContactInput } from '../../src/contacts/model.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { CHUNK_ROWS } from '../../src/transfer/import/run-import.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

interface ImportBody {
  id: string;
  status: string;
  totals: { rows: number; valid: number; invalid: number; created: number; updated: number; skipped: number };
  errors: { line: number; column: string | null; code: string; value: string | null; message: string }[];
  warnings: { line: number; code: string; message: string }[];
}

const mobileOf = (i: number) => `06${String(30_000_000 + i).padStart(8, '0')}`;

/** Builds a CSV file of `rows` customers, with `cells` overriding some cells by header. */
function csv(headers: string[], rows: number, cells: (i: number) => Record<string, string> = () => ({})): string {
  const lines = Array.from({ length: rows }, (_, i) => {
    const row: Record<string, string> = { Nom: `Client ${String(i).padStart(4, '0')}`, Mobile: mobileOf(i), ...cells(i) };
    return headers.map((header) => row[header] ?? '').join(';');
  });
  return `${headers.join(';')}\n${lines.join('\n')}\n`;
}

/** The file line of the row at `index`, after the header on line 1. */
const lineOf = (index: number) => index + 2;

describe.each(engines)('chunked contact import on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function shop() {
    const { business, token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const db = t.database.db.kysely;
    const headers = { authorization: `Bearer ${token}`, 'accept-language': 'fr' };
    const upload = async (file: string, options?: unknown): Promise<ImportBody> => {
      const body = multipart(Buffer.from(file, 'utf8'), 'clients.csv', options);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', payload: body.payload, headers: { ...headers, ...body.headers } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as ImportBody;
    };
    const createByApi = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/contacts', payload, headers });
    const contacts = () =>
      db.selectFrom('contacts').selectAll().where('business_id', '=', business.businessId).orderBy('name').execute();
    return { business, db, upload, createByApi, contacts };
  }

  it('in-file duplicates name the first line', async () => {
    const s = await shop();
    const rows = CHUNK_ROWS * 2 + 10;
    const across = CHUNK_ROWS + 20;
    const file = csv(['Nom', 'Mobile', 'Carte de fidélité'], rows, (i): Record<string, string> => {
      if (i === 7 || i === 3) return { 'Carte de fidélité': 'SAME-CHUNK' };
      if (i === 1 || i === across) return { 'Carte de fidélité': 'ACROSS' };
      // The first row with this card is invalid, so the second one is imported.
      if (i === 30) return { Nom: '', 'Carte de fidélité': 'SECOND-WINS' };
      if (i === 31) return { 'Carte de fidélité': 'SECOND-WINS' };
      return {};
    });
    const body = await s.upload(file, { onInvalid: 'skip' });

    expect(body.status).toBe('committed');
    expect(body.totals).toEqual({ rows, valid: rows - 3, invalid: 3, created: rows - 3, updated: 0, skipped: 0 });
    expect(body.errors.map((error) => [error.line, error.code])).toEqual([
      [lineOf(7), 'duplicate_in_file'],
      [lineOf(30), 'required'],
      [lineOf(across), 'duplicate_in_file'],
    ]);
    expect(body.errors[0]?.message).toContain(`ligne ${lineOf(3)} du fichier`);
    expect(body.errors[2]?.message).toContain(`ligne ${lineOf(1)} du fichier`);
    const stored = await s.contacts();
    expect(stored).toHaveLength(rows - 3);
    expect(stored.filter((row) => row.loyalty_card_number === 'SECOND-WINS').map((row) => row.name)).toEqual(['Client 0031']);
  });

  it('skip keeps rows around an error', async () => {
    const s = await shop();
    const rows = CHUNK_ROWS + 50;
    const file = csv(['Nom', 'Mobile', 'Date de naissance'], rows, (i): Record<string, string> => {
      if (i === 100) return { 'Date de naissance': '31/02/1990' };
      if (i === 120) return { Mobile: '' };
      return {};
    });
    const body = await s.upload(file, { onInvalid: 'skip' });

    expect(body.totals).toMatchObject({ rows, valid: rows - 2, invalid: 2, created: rows - 2 });
    expect(body.errors.map((error) => [error.line, error.column, error.code])).toEqual([
      [lineOf(100), 'Date de naissance', 'import_invalid_date'],
      [lineOf(120), 'Mobile', 'required'],
    ]);
    const names = new Set((await s.contacts()).map((row) => row.name));
    expect(names.size).toBe(rows - 2);
    expect(names.has('Client 0100')).toBe(false);
    expect(names.has('Client 0120')).toBe(false);
    expect(names.has('Client 0121')).toBe(true);
  });

  it('abort after a mid-chunk error', async () => {
    const s = await shop();
    const rows = CHUNK_ROWS + 50;
    const file = csv(['Nom', 'Mobile', "Solde d'ouverture"], rows, (i) => ({
      "Solde d'ouverture": i === 140 ? '12,34,56' : '10,00',
    }));
    const body = await s.upload(file);

    expect(body.status).toBe('failed');
    expect(body.totals).toMatchObject({ rows, valid: rows - 1, invalid: 1, created: 0, updated: 0 });
    expect(body.errors.map((error) => error.line)).toEqual([lineOf(140)]);
    expect(await s.contacts()).toHaveLength(0);
    const written = async (table: 'audit_log' | 'ledger_entries' | 'open_items') =>
      (await s.db.selectFrom(table).select('id').where('business_id', '=', s.business.businessId).execute()).length;
    expect(await written('ledger_entries')).toBe(0);
    expect(await written('open_items')).toBe(0);
    const audit = await s.db.selectFrom('audit_log').select('id').where('business_id', '=', s.business.businessId)
      .where('entity_type', '=', 'contact').execute();
    expect(audit).toHaveLength(0);
    const next = await s.createByApi({ type: 'customer', firstName: 'Après', mobile: '0699999999' });
    expect(next.json().code).toBe('CO0001');
  });

  it('codes follow the file order', async () => {
    const s = await shop();
    const rows = CHUNK_ROWS * 2 + 100;
    // Row 260 types the code that row 254 got in the same chunk. Row 450 types one of the first chunk.
    const typed = new Map([[260, 'CO0255'], [300, 'CO0305'], [450, 'CO0002']]);
    const file = csv(['Nom', 'Mobile', 'Code'], rows, (i) => ({ Code: typed.get(i) ?? '' }));
    // Not matched on code, so a code in use is an error rather than the existing contact.
    const body = await s.upload(file, { onInvalid: 'skip', matchOn: ['email'] });

    // What drawing one code per row gives: typed codes are kept, a generated
    // code skips those in use, and a typed code already given out is an error.
    const expected = new Map<string, string>();
    const used = new Set<string>();
    let counter = 0;
    for (let i = 0; i < rows; i += 1) {
      const name = `Client ${String(i).padStart(4, '0')}`;
      const code = typed.get(i);
      if (code !== undefined) {
        if (!used.has(code)) expected.set(name, code);
        used.add(code);
        continue;
      }
      let generated = '';
      do {
        counter += 1;
        generated = `CO${String(counter).padStart(4, '0')}`;
      } while (used.has(generated));
      used.add(generated);
      expected.set(name, generated);
    }
    expect(body.errors.map((error) => [error.line, error.code])).toEqual([
      [lineOf(260), 'import_code_other_person'],
      [lineOf(450), 'import_code_other_person'],
    ]);
    const stored = await s.contacts();
    expect(new Map(stored.map((row) => [row.name, row.code]))).toEqual(expected);
    expect(new Set(stored.map((row) => row.code)).size).toBe(stored.length);
    const next = await s.createByApi({ type: 'customer', firstName: 'Suivant', mobile: '0699999998' });
    expect(next.json().code).toBe(`CO${String(counter + 1).padStart(4, '0')}`);
  });

  it('one opening entry per contact', async () => {
    const s = await shop();
    const rows = CHUNK_ROWS + 30;
    const amountOf = (i: number) => {
      if (i % 3 === 0) return 0;
      return i % 3 === 1 ? 1000 + i : -(500 + i);
    };
    const file = csv(['Nom', 'Mobile', "Solde d'ouverture"], rows, (i) => ({
      "Solde d'ouverture": (amountOf(i) / 100).toFixed(2).replace('.', ','),
    }));
    const body = await s.upload(file);
    expect(body.totals.created).toBe(rows);

    const stored = await s.contacts();
    const entries = await s.db.selectFrom('ledger_entries').selectAll().where('business_id', '=', s.business.businessId).execute();
    const items = await s.db.selectFrom('open_items').selectAll().where('business_id', '=', s.business.businessId).execute();
    const withBalance = stored.filter((row) => Number(row.opening_balance) !== 0);
    expect(withBalance).toHaveLength(rows - Math.ceil(rows / 3));
    expect(entries).toHaveLength(withBalance.length);
    expect(items).toHaveLength(withBalance.length);
    for (const row of stored) {
      const index = Number(row.name.slice('Client '.length));
      const own = entries.filter((entry) => entry.contact_id === row.id);
      expect(Number(row.opening_balance), row.name).toBe(amountOf(index));
      expect(Number(row.balance), row.name).toBe(amountOf(index));
      expect(own.map((entry) => Number(entry.debit) - Number(entry.credit)), row.name)
        .toEqual(amountOf(index) === 0 ? [] : [amountOf(index)]);
      expect(Number(row.receivable), row.name).toBe(Math.max(0, amountOf(index)));
      expect(Number(row.payable), row.name).toBe(Math.max(0, -amountOf(index)));
    }
    expect(new Set(entries.map((entry) => entry.reference)).size).toBe(entries.length);
    expect(entries.every((entry) => entry.seq === 1 && entry.type === 'opening_balance')).toBe(true);
    const report = await verifyLedger(s.db);
    expect(report.differences.filter((difference) => difference.businessId === s.business.businessId)).toEqual([]);
  });

  it('audit entry per imported contact', async () => {
    const s = await shop();
    const rows = CHUNK_ROWS + 5;
    const body = await s.upload(csv(['Nom', 'Mobile'], rows));
    const audit = await s.db.selectFrom('audit_log').selectAll().where('business_id', '=', s.business.businessId)
      .where('entity_type', '=', 'contact').where('action', '=', 'created').execute();
    const stored = await s.contacts();
    expect(audit).toHaveLength(rows);
    expect(new Set(audit.map((entry) => entry.entity_id))).toEqual(new Set(stored.map((row) => row.id)));
    for (const entry of audit) {
      const row = stored.find((contact) => contact.id === entry.entity_id);
      expect(JSON.parse(entry.changes)).toEqual({ code: row?.code, name: row?.name, type: 'customer', importId: body.id });
    }
  });

  it('same mobile in a chunk warns', async () => {
    const s = await shop();
    const file = csv(['Nom', 'Mobile', 'Carte de fidélité'], 6, (i): Record<string, string> => {
      if (i === 4) return { Mobile: mobileOf(1) };
      if (i === 2 || i === 5) return { 'Carte de fidélité': 'CARTE-7' };
      return {};
    });
    const body = await s.upload(file, { onInvalid: 'skip', matchOn: ['code'] });

    expect(body.totals).toMatchObject({ created: 5, invalid: 1 });
    expect(body.errors.map((error) => [error.line, error.code])).toEqual([[lineOf(5), 'duplicate_in_file']]);
    const warning = body.warnings.find((item) => item.code === 'duplicate_mobile');
    expect(warning?.line).toBe(lineOf(4));
    expect(warning?.message).toContain('Client 0001 (CO0002)');
  });

  it('upsert rereads an updated contact', async () => {
    const s = await shop();
    const first = await s.createByApi({ type: 'customer', firstName: 'Alice', mobile: '0611111111', email: 'alice@example.fr', code: 'A-1' });
    expect(first.statusCode).toBe(201);
    // Line 2 moves A-1 to a new address; line 3 has the old one, which no contact has any more.
    const file = 'Nom;Code;Email;Mobile\nAlice;A-1;alice.new@example.fr;0611111111\nAlice Bis;;alice@example.fr;0622222222\n';
    const body = await s.upload(file, { mode: 'upsert', matchOn: ['code', 'email'] });

    expect(body.totals).toMatchObject({ rows: 2, updated: 1, created: 1 });
    const stored = await s.contacts();
    expect(stored.map((row) => [row.name, row.email])).toEqual([['Alice', 'alice.new@example.fr'], ['Alice Bis', 'alice@example.fr']]);
    const updated = await s.db.selectFrom('import_contacts').select(['contact_id', 'before_values'])
      .where('import_id', '=', body.id).where('change', '=', 'updated').execute();
    const beforeEmails = updated.map((item) => [item.contact_id, (JSON.parse(item.before_values ?? '{}') as { email: string }).email]);
    expect(beforeEmails).toEqual([[first.json().id, 'alice@example.fr']]);
  });

  it('webhook delivery per imported contact', async () => {
    const s = await shop();
    const now = nowIso();
    await s.db.insertInto('webhooks').values({
      id: newId(), business_id: s.business.businessId, url: 'http://127.0.0.1:9/hook', events: JSON.stringify(['contact.created']),
      secret: 'not used by this test', description: null, is_active: 1, created_by: null, created_at: now, updated_at: now,
    }).execute();
    await s.upload(csv(['Nom', 'Mobile'], 3));

    const messages = await s.db.selectFrom('messages').select(['event', 'text']).where('business_id', '=', s.business.businessId).execute();
    const codes = messages.map((message) => (JSON.parse(message.text) as { data: { code: string } }).data.code).sort();
    expect(messages.map((message) => message.event)).toEqual(Array(3).fill('contact.created'));
    expect(codes).toEqual(['CO0001', 'CO0002', 'CO0003']);
  });

  it('batch checks contacts against earlier ones', async () => {
    const s = await shop();
    const actor = { businessId: s.business.businessId, userId: s.business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const person = (firstName: string, extra: ContactInput = {}): ContactInput =>
      ({ type: 'customer', firstName, mobile: mobileOf(firstName.charCodeAt(0)), ...extra });
    const outcomes = await createContacts(t.database.db.kysely, actor, [
      person('A', { loyaltyCardNumber: 'K1' }),
      person('B', { loyaltyCardNumber: 'K1' }),
      person('C', { mobile: '' }),
      person('D'),
      person('E', { code: 'CO0002' }),
      person('F'),
    ]);

    expect(outcomes.map((outcome) => (outcome.ok ? outcome.contact.code : outcome.error.code))).toEqual([
      'CO0001', 'validation_failed', 'validation_failed', 'CO0002', 'contact_code_taken', 'CO0003',
    ]);
    const second = outcomes[1];
    expect(second?.ok ? [] : second?.error.issues.map((issue) => [issue.path, issue.code, issue.params?.name]))
      .toEqual([['loyaltyCardNumber', 'duplicate_loyalty_card', 'A']]);
    expect((await s.contacts()).map((row) => row.code)).toEqual(['CO0001', 'CO0002', 'CO0003']);
  });

  it('large batch splits its statements', async () => {
    const s = await shop();
    const actor = { businessId: s.business.businessId, userId: s.business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const count = 1_200;
    const inputs = Array.from({ length: count }, (_, i): ContactInput =>
      ({ type: 'customer', firstName: `Client ${i}`, mobile: mobileOf(i), openingBalance: '1.00' }));
    const outcomes = await createContacts(t.database.db.kysely, actor, inputs);

    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(count);
    const stored = await s.contacts();
    expect(new Set(stored.map((row) => row.code)).size).toBe(count);
    const totals = await s.db.selectFrom('ledger_totals').select('contact_id').where('business_id', '=', s.business.businessId).execute();
    expect(totals).toHaveLength(count * 2);
    const report = await verifyLedger(s.db);
    expect(report.differences.filter((difference) => difference.businessId === s.business.businessId)).toEqual([]);
  });
});
