import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { backupDatabase, listTables, restoreDatabase } from '../../src/ops/backup.ts';
import { pruneBackups, runDailyBackup } from '../../src/ops/scheduled-backup.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, engines } from '../helpers/databases.ts';

async function dumpAll(db: Db): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of await listTables(db.kysely, db.engine)) {
    const rows = await db.kysely.selectFrom(table.name as any).selectAll().execute();
    result[table.name] = rows
      .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('base64') : v]))))
      .sort();
  }
  return result;
}

async function insertContactWithFile(db: Db, t: TestApp) {
  const contactId = newId();
  const now = nowIso();
  await db.kysely.insertInto('contacts').values({
    id: contactId, business_id: t.business.businessId, code: 'CO0001', type: 'customer', kind: 'individual',
    prefix: null, first_name: 'Françoise', middle_name: null, last_name: 'Lefèvre-Nœl', business_name: null,
    name: 'Françoise Lefèvre-Nœl', mobile: '06 12 34 56 78', mobile_e164: '+33612345678', alternate_number: null,
    alternate_number_e164: null, landline: null, landline_e164: null, email: 'f.lefevre@example.fr',
    email_key: 'f.lefevre@example.fr', tax_number: null, tax_number_key: null, address_line1: '1 rue d’Août',
    address_line2: null, city: 'Besançon', state: null, country: 'FR', zip_code: '25000', shipping_address: null,
    date_of_birth: '1958-03-15', customer_group_id: null, credit_limit: 100000, pay_term_number: 30,
    pay_term_unit: 'days', pay_term_end_of_month: 1, opening_balance: -1250, opening_balance_date: null,
    loyalty_card_number: null, status: 'active', bank_iban: null, bank_bic: null, bank_holder: null,
    custom_fields: '{}', balance: 0, receivable: 0, payable: 0, advance: 0, created_by: t.business.adminUserId,
    anonymised_at: null, created_at: now, updated_at: now,
  }).execute();
  await db.kysely.insertInto('contact_attachments').values({
    id: newId(), business_id: t.business.businessId, contact_id: contactId, uploaded_by: t.business.adminUserId,
    file_name: 'facture.pdf', mime_type: 'application/pdf', size: 4, content: Buffer.from([0x25, 0x50, 0x00, 0xff]),
    created_at: now,
  }).execute();
}

describe.each(engines)('backup from %s', (engine) => {
  let t: TestApp;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await insertContactWithFile(t.database.db, t);
    dir = mkdtempSync(join(tmpdir(), 'comptoir-backup-'));
    file = join(dir, 'copy.backup.gz');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every table with its rows', async () => {
    const summary = await backupDatabase(t.database.db, file);
    expect(summary.tables).toBeGreaterThanOrEqual(10);
    expect(summary.rows).toBeGreaterThanOrEqual(8);
  });

  it.each(engines)('restores into an empty %s database with every row equal', async (target) => {
    const fresh = await createTestDatabase(target);
    try {
      await restoreDatabase(fresh.db, file);
      expect(await dumpAll(fresh.db)).toEqual(await dumpAll(t.database.db));
    } finally {
      await fresh.drop();
    }
  });

  it('refuses to restore over existing data', async () => {
    await expect(restoreDatabase(t.database.db, file)).rejects.toMatchObject({ code: 'restore_target_not_empty' });
  });

  it('daily backup writes once a day and keeps the newest files', async () => {
    const schedule = { dir: join(dir, 'daily'), keep: 2 };
    for (const day of ['2026-01-01', '2026-01-02', '2026-01-03']) {
      expect(await runDailyBackup(t.database.db, schedule, new Date(`${day}T03:00:00Z`))).toContain(day);
    }
    expect(await runDailyBackup(t.database.db, schedule, new Date('2026-01-03T09:00:00Z'))).toBeNull();
    expect(pruneBackups(schedule)).toEqual([]);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(schedule.dir).sort()).toEqual([
      'comptoir-2026-01-02.backup.gz',
      'comptoir-2026-01-03.backup.gz',
    ]);
  });
});
