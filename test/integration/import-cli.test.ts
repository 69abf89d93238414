/**
 * `comptoir import list` and `comptoir import undo`, run as processes on a
 * test database whose imports are made through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { runComptoir } from '../helpers/server-process.ts';
import { multipart } from '../helpers/transfer-files.ts';

describe.each(engines)('import list and undo commands on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const comptoir = (...args: string[]) => runComptoir([...args, '--business', t.business.businessId], { DATABASE_URL: t.database.url });

  async function importFile(text: string, name: string): Promise<string> {
    const body = multipart(Buffer.from(text, 'utf8'), name);
    const response = await t.api('POST', '/api/v1/imports', body.payload, body.headers);
    expect(response.json().status, response.body).toBe('committed');
    return response.json().id as string;
  }

  const contact = (name: string) =>
    t.database.db.kysely.selectFrom('contacts').selectAll().where('business_id', '=', t.business.businessId).where('name', '=', name).executeTakeFirst();

  /** Imports two contacts and records a payment from the first, so that a whole undo is refused. */
  async function importWithPayment(first: string, second: string, mobiles: [string, string]) {
    const id = await importFile(`Nom;Mobile\n${first};${mobiles[0]}\n${second};${mobiles[1]}\n`, `${first}.csv`);
    const paying = await contact(first);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const payment = await t.api('POST', '/api/v1/payments', { contactId: paying?.id, amount: '4.00', method: 'cash', date: today });
    expect(payment.statusCode, payment.body).toBe(201);
    return { id, paying: paying! };
  }

  it('list prints the latest imports', async () => {
    const id = await importFile('Nom;Mobile\nListé;0600004001\n', 'liste.csv');
    const text = await comptoir('import', 'list', '--limit', '1');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${id}  \\S+Z  importé  contacts  liste\\.csv\\n$`));

    const english = await comptoir('import', 'list', '--limit', '1', '--lang', 'en');
    expect(english.stdout).toContain(`${id}  `);
    expect(english.stdout).toContain('  imported  contacts  liste.csv');

    const json = await comptoir('import', 'list', '--json');
    const items = JSON.parse(json.stdout) as { id: string; status: string; totals: { created: number } }[];
    expect(items[0]).toMatchObject({ id, status: 'committed', totals: { created: 1 } });
  });

  it('list rejects a limit out of range', async () => {
    const result = await comptoir('import', 'list', '--limit', '500', '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('The --limit option must be a whole number from 1 to 100; “500” is not.');
  });

  it('undo refusal lists the kept contacts', async () => {
    const { id, paying } = await importWithPayment('Payeur', 'Tranquille', ['0600004101', '0600004102']);
    const result = await comptoir('import', 'undo', id);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      `Impossible de défaire cet import : 1 de ses contacts a depuis des opérations ou des modifications (${paying.code} Payeur). ` +
        'Rien n’a été défait : vous pouvez défaire les autres contacts et garder ceux-là.',
    );
    expect(lines[1]).toBe(`  gardé : ${paying.code} Payeur, qui a des ventes, des règlements ou des écritures depuis l’import`);
    expect(lines[2]).toBe('Relancez la commande avec --keep-changed pour défaire les autres contacts et garder ceux-là.');
    expect(lines).toHaveLength(3);
    expect(await contact('Tranquille')).toBeDefined();
  });

  it('undo refusal as JSON', async () => {
    const { id, paying } = await importWithPayment('Payeuse', 'Calme', ['0600004201', '0600004202']);
    const result = await comptoir('import', 'undo', id, '--json', '--lang', 'en');
    expect(result.code).toBe(1);
    const problem = JSON.parse(result.stdout);
    expect(problem).toMatchObject({ code: 'import_undo_blocked', count: 1 });
    expect(problem.contacts).toEqual([{ id: paying.id, code: paying.code, name: 'Payeuse', reason: 'transactions' }]);
    expect(problem.detail).toContain('This import cannot be undone');
    expect(result.stderr).toContain('This import cannot be undone');
  });

  it('keep-changed undoes the others', async () => {
    const { id, paying } = await importWithPayment('Fidèle', 'Passager', ['0600004301', '0600004302']);
    const result = await comptoir('import', 'undo', id, '--keep-changed', '--lang', 'en');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'Import partly undone: 1 contact deleted, 0 restored to their previous state; 1 contact kept, because it has had transactions or changes since.',
      `  kept: ${paying.code} Fidèle, which has had sales, payments or ledger entries since the import`,
    ]);
    expect(await contact('Passager')).toBeUndefined();
    expect(await contact('Fidèle')).toBeDefined();
    const again = await comptoir('import', 'undo', id, '--keep-changed', '--lang', 'en');
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('Only a finished import can be undone; this one is “partly_undone”.');
  });

  it('undo of an untouched import as JSON', async () => {
    const id = await importFile('Nom;Mobile\nÉphémère;0600004401\n', 'ephemere.csv');
    const result = await comptoir('import', 'undo', id, '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id, status: 'undone', undo: { deleted: 1, restored: 0, kept: 0 } });
    expect(await contact('Éphémère')).toBeUndefined();
  });

  it('undo of an unknown id', async () => {
    const result = await comptoir('import', 'undo', 'inconnu');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Aucun import n’a l’identifiant « inconnu » : lancez comptoir import list pour voir les imports et leur identifiant.');
  });
});
