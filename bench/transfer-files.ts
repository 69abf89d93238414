/**
 * Shared parts of the import and export benchmarks: a fresh business on
 * SQLite or PostgreSQL,
 * sample contacts written as a French CSV or XLSX file, the same contacts
 * as rows ready for a prepared insert, and a better-sqlite3 connection that
 * reuses prepared statements (to measure what such a cache would change).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { createBusiness, type CreatedBusiness } from '../src/auth/businesses.ts';
import type { ContactInput } from '../src/contacts/model.ts';
import { readContactFields } from '../src/contacts/read-fields.ts';
import { type Db, type Engine, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import type { ContactRow, Database } from '../src/db/schema.ts';
import { sampleContact } from '../src/demo/sample-data.ts';
import { IssueList } from '../src/shared/errors.ts';
import { newId, nowIso } from '../src/shared/ids.ts';
import { scratchDatabase } from './scratch-database.ts';

export const SEED = 11;

export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
}

/** One sample contact, with an opening balance on every tenth. */
export function benchContact(index: number): ContactInput {
  const sample = sampleContact(SEED, index);
  return { ...sample, openingBalance: index % 10 === 0 ? `${(index % 997) + 1}.50` : null };
}

const headers = [
  'Type', 'Nature', 'Prénom', 'Nom', 'Raison sociale', 'Mobile', 'E-mail', 'Adresse ligne 1', 'Code postal', 'Ville',
  'Région', 'Pays', 'Date de naissance', "Solde d'ouverture",
];
const typeWords = { customer: 'Client', supplier: 'Fournisseur', both: 'Client et fournisseur' } as const;

function cells(input: ContactInput): (string | number | Date | null)[] {
  const birth = input.dateOfBirth ?? null;
  return [
    typeWords[input.type as keyof typeof typeWords], input.kind === 'business' ? 'Entreprise' : 'Particulier',
    input.firstName ?? null, input.lastName ?? null, input.businessName ?? null, input.mobile ?? null, input.email ?? null,
    input.addressLine1 ?? null, input.zipCode ?? null, input.city ?? null, input.state ?? null, input.country ?? null,
    birth ? new Date(`${birth}T00:00:00Z`) : null, input.openingBalance ? Number(input.openingBalance) : null,
  ];
}

function csvField(value: string | number | Date | null): string {
  if (value === null) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }
  if (typeof value === 'number') return value.toFixed(2).replace('.', ',');
  return /[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes `rows` sample contacts as a French CSV file (`;`, decimal comma, dd/mm/yyyy, UTF-8 BOM). */
export async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`\ufeff${headers.join(';')}\r\n`);
  for (let i = 0; i < rows; i += 1) {
    if (!out.write(`${cells(benchContact(i)).map(csvField).join(';')}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Writes the same contacts as an XLSX workbook with shared strings, date cells and number cells, as Excel does. */
export async function writeXlsx(path: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Contacts');
  sheet.addRow(headers).commit();
  for (let i = 0; i < rows; i += 1) {
    const row = sheet.addRow(cells(benchContact(i)));
    row.getCell(13).numFmt = 'dd/mm/yyyy';
    row.getCell(14).numFmt = '#,##0.00';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

export interface BenchDatabase {
  db: Db;
  business: CreatedBusiness;
  /** `sqlite:PATH` or the URL of a new PostgreSQL database. */
  url: string;
  /** Drops the PostgreSQL database, or removes the SQLite file's temporary folder. */
  drop(): Promise<void>;
}


/** Creates a migrated database with one French business: a SQLite file in a new temporary folder, or a new PostgreSQL database. */
export async function freshDatabase(engine: Engine = 'sqlite'): Promise<BenchDatabase> {
  const { url, drop } = await scratchDatabase(engine, 'comptoir_transfer_bench');
  const db = openDatabase(url);
  await migrate(db);
  const business = await createBusiness(db.kysely, {
    name: 'Banc d’essai', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
    admin: { email: `bench.${newId().slice(-8)}@example.fr`, password: 'bench password for one run', name: 'Banc' },
  });
  return { db, business, url, drop };
}

/** The contact rows the use case would write, built with its own field rules, for the prepared insert. */
export function plainRows(business: CreatedBusiness, from: number, to: number): ContactRow[] {
  const context = { business: { currency: 'EUR', country: 'FR', custom_field_labels: '{}' }, existing: null, today: '2026-01-01' };
  const rows: ContactRow[] = [];
  for (let i = from; i < to; i += 1) {
    const { columns } = readContactFields({ ...benchContact(i), openingBalance: null }, context, new IssueList(), []);
    const now = nowIso();
    rows.push({
      ...columns, id: newId(), business_id: business.businessId, code: `CO${String(i + 1).padStart(6, '0')}`,
      balance: 0, receivable: 0, payable: 0, advance: 0, created_by: business.adminUserId, anonymised_at: null,
      created_at: now, updated_at: now,
    } as ContactRow);
  }
  return rows;
}

/** Model name of the CPU, core count and load, for the record of a run. */
export async function machine(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const { availableParallelism, loadavg } = await import('node:os');
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
  return `${cpu}, ${availableParallelism()} cores, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`;
}
