/**
 * Planner statistics after a large contact import and its undo, and after
 * a large sales import: on
 * PostgreSQL the tables they wrote are analysed once they commit, so that
 * the first searches do not run on plans made for an empty table.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYZE_AFTER_ROWS } from '../../src/db/statistics.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addProduct } from '../helpers/pricing.ts';
import { multipart } from '../helpers/transfer-files.ts';

const postgres = engines.includes('postgres') ? ['postgres' as const] : [];

describe.each(postgres)('import statistics on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Returns when each table was last analysed by an ANALYZE command, null for never. */
  async function lastAnalyze(tables: string[]): Promise<Map<string, Date | null>> {
    const result = await sql<{ relname: string; last_analyze: Date | null }>`
      select relname, last_analyze from pg_stat_user_tables where relname in (${sql.join(tables)})`.execute(t.database.db.kysely);
    return new Map(result.rows.map((row) => [row.relname, row.last_analyze]));
  }

  function contactsFile(count: number, first: number): string {
    const rows = Array.from({ length: count }, (_, index) => `Stat ${first + index};06${String(50_000_000 + first + index)}`);
    return `Nom;Mobile\n${rows.join('\n')}\n`;
  }

  async function upload(text: string, options: Record<string, unknown> = {}) {
    const body = multipart(Buffer.from(text, 'utf8'), 'contacts.csv', options);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...body.headers, authorization: `Bearer ${t.adminToken}`, 'accept-language': 'fr' },
      payload: body.payload,
    });
    expect(response.json().status, response.body).toBe('committed');
    return response.json();
  }

  it('small import leaves statistics alone', async () => {
    // The migrations analyse `contacts` once. A test database copied from the
    // migrated template has no time yet, because the copy keeps the planner
    // statistics but not the time of the last ANALYZE. Either way, it must not change.
    const before = await lastAnalyze(['contacts']);
    await upload(contactsFile(10, 0));
    const analysed = await lastAnalyze(['contacts']);
    expect(analysed.get('contacts')?.getTime()).toBe(before.get('contacts')?.getTime());
  });

  it('large import and undo analyse', async () => {
    const tables = ['contacts', 'contact_words', 'import_contacts'];
    const before = await lastAnalyze(tables);
    const imported = await upload(contactsFile(ANALYZE_AFTER_ROWS, 1000));
    const afterImport = await lastAnalyze(tables);
    for (const table of tables) {
      const analysed = afterImport.get(table);
      expect(analysed, table).not.toBeNull();
      expect(analysed?.getTime(), table).toBeGreaterThan(before.get(table)?.getTime() ?? 0);
    }

    const undo = await t.api('DELETE', `/api/v1/imports/${imported.id}`);
    expect(undo.statusCode, undo.body).toBe(200);
    const afterUndo = await lastAnalyze(['contacts']);
    expect(afterUndo.get('contacts')?.getTime()).toBeGreaterThan(afterImport.get('contacts')?.getTime() ?? Number.POSITIVE_INFINITY);
  });

  // Each imported sale is posted one at a time, about 20 ms on PostgreSQL
  // here, so the 2,000 sales take most of a minute, and longer on a busy machine.
  it('large sales import analyses', async () => {
    await addProduct(t, { sku: 'STAT-1', name: 'Article statistique', sellingPrice: '2.00', taxRate: '0' });
    await addCustomer(t, 'Client statistique', { code: 'STAT-C' });
    const tables = ['documents', 'document_lines', 'ledger_entries'];
    const before = await lastAnalyze(tables);
    const rows = Array.from({ length: ANALYZE_AFTER_ROWS }, (_, index) => `V-${index};02/03/2026;STAT-C;STAT-1;1`);
    const imported = await upload(`Référence de la vente;Date;Client;Référence produit;Quantité\n${rows.join('\n')}\n`, { kind: 'sales' });
    expect(imported.totals.created).toBe(ANALYZE_AFTER_ROWS);

    const after = await lastAnalyze(tables);
    for (const table of tables) {
      expect(after.get(table)?.getTime(), table).toBeGreaterThan(before.get(table)?.getTime() ?? 0);
    }
  }, 240_000);
});
