import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { comptoirEntry } from '../helpers/cli.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, pay, sale } from '../helpers/ledger-api.ts';

const run = promisify(execFile);

/** Runs `comptoir verify` on the test database; a failing exit resolves instead of throwing. */
async function verify(databaseUrl: string) {
  const entry = await comptoirEntry();
  try {
    const { stdout } = await run('node', [entry, 'verify'], { env: { ...process.env, DATABASE_URL: databaseUrl } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe.each(engines)('verify command on %s', (engine) => {
  let t: TestApp;
  let contactId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    contactId = await addContact(t, { name: 'Vérification Caron', openingBalance: '40.00', openingBalanceDate: '2024-01-01' });
    await sale(t, contactId, '2024-02-01', '60.00');
    await pay(t, { contactId, amount: '30.00', date: '2024-02-02' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exits 0 when every figure matches', async () => {
    const result = await verify(t.database.url);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/checked \d+ contacts?, 3 ledger entries, 3 open items: no difference/);
  });

  it('exits 1 and names each difference', async () => {
    const db = t.database.db.kysely;
    await db.updateTable('contacts').set({ receivable: 1 }).where('id', '=', contactId).execute();
    await db.updateTable('open_items').set({ open_amount: 0 }).where('contact_id', '=', contactId).where('kind', '=', 'sale').execute();
    try {
      const result = await verify(t.database.url);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`contact ${contactId} receivable is 1, the ledger gives 7000`);
      expect(result.stdout).toMatch(/open_item \S+ open_amount is 0, the ledger gives 6000/);
      expect(result.stdout).toMatch(/: \d+ differences?; amounts are in minor units/);
    } finally {
      await db.updateTable('contacts').set({ receivable: 7000 }).where('id', '=', contactId).execute();
      await db.updateTable('open_items').set({ open_amount: 6000 }).where('contact_id', '=', contactId).where('kind', '=', 'sale').execute();
    }
    expect((await verify(t.database.url)).code).toBe(0);
  });

  it('names a wrong earliest due date', async () => {
    const db = t.database.db.kysely;
    const { earliest_open_due_on: kept } = await db.selectFrom('contacts').select('earliest_open_due_on')
      .where('id', '=', contactId).executeTakeFirstOrThrow();
    expect(kept).toBe('2024-01-01');
    await db.updateTable('contacts').set({ earliest_open_due_on: '2030-01-01' }).where('id', '=', contactId).execute();
    try {
      const result = await verify(t.database.url);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`contact ${contactId} earliest_open_due_on is 2030-01-01, the ledger gives 2024-01-01`);
    } finally {
      await db.updateTable('contacts').set({ earliest_open_due_on: kept }).where('id', '=', contactId).execute();
    }
  });
});
