/**
 * Backups in one portable format for both engines: gzip-compressed JSON
 * lines, one header line, then for each table a table line and its rows.
 * Every table is read inside one read transaction, so the copy is a
 * consistent snapshot while the server keeps running (SQLite's WAL and
 * PostgreSQL's REPEATABLE READ both give that). A backup made on one engine
 * restores into the other.
 */
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { Db, Engine } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { derivedTables } from '../db/derived-tables.ts';

const FORMAT = 'comptoir-backup';
const FORMAT_VERSION = 1;
const BATCH = 500;

interface TableInfo {
  name: string;
  columns: string[];
  binary: Set<string>;
  dependsOn: string[];
}

export interface BackupSummary {
  tables: number;
  rows: number;
}

/** Tables of the application (migration bookkeeping excluded), parents before children. */
export async function listTables(db: Kysely<any>, engine: Engine): Promise<TableInfo[]> {
  const tables = await db.introspection.getTables();
  const virtual = engine === 'sqlite' ? await sqliteVirtualTables(db) : [];
  const infos: TableInfo[] = [];
  for (const table of tables) {
    if (table.name.startsWith('kysely_') || table.isView || derivedTables.has(table.name)) continue;
    // FTS5 tables and their shadow tables (name_data, name_idx…) are rebuilt by triggers.
    if (virtual.some((v) => table.name === v || table.name.startsWith(`${v}_`))) continue;
    const binary = new Set(
      table.columns.filter((c) => /blob|bytea/i.test(c.dataType)).map((c) => c.name),
    );
    infos.push({
      name: table.name,
      columns: table.columns.map((c) => c.name),
      binary,
      dependsOn: await foreignTables(db, engine, table.name),
    });
  }
  return sortByDependencies(infos);
}

async function sqliteVirtualTables(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'
  `.execute(db);
  return rows.rows.map((r) => r.name);
}

async function foreignTables(db: Kysely<any>, engine: Engine, table: string): Promise<string[]> {
  if (engine === 'sqlite') {
    const rows = await sql<{ table: string }>`select * from pragma_foreign_key_list(${table})`.execute(db);
    return rows.rows.map((r) => r.table);
  }
  const rows = await sql<{ parent: string }>`
    select distinct ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${table} and tc.table_schema = current_schema()
  `.execute(db);
  return rows.rows.map((r) => r.parent);
}

function sortByDependencies(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  const visit = (table: TableInfo, path: Set<string>) => {
    if (done.has(table.name) || path.has(table.name)) return;
    path.add(table.name);
    for (const parent of table.dependsOn) {
      const info = byName.get(parent);
      if (info && parent !== table.name) visit(info, path);
    }
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, new Set());
  return ordered;
}

/** Writes a consistent backup of the whole database to `outPath`. */
export async function backupDatabase(db: Db, outPath: string): Promise<BackupSummary> {
  const summary: BackupSummary = { tables: 0, rows: 0 };
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(outPath));
  const write = async (value: unknown) => {
    // Waiting for 'drain' keeps memory to one batch whatever the database size.
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };

  const snapshot = db.kysely.transaction();
  const run = db.engine === 'postgres' ? snapshot.setIsolationLevel('repeatable read') : snapshot;
  await run.execute(async (trx) => {
    const tables = await listTables(trx, db.engine);
    const migrations = await trx.selectFrom('kysely_migration' as any).select('name' as any).execute();
    await write({
      format: FORMAT,
      version: FORMAT_VERSION,
      engine: db.engine,
      createdAt: new Date().toISOString(),
      migrations: migrations.map((m: any) => m.name),
    });
    for (const table of tables) {
      summary.tables += 1;
      await write({ table: table.name, columns: table.columns });
      for await (const rows of readBatches(trx, table)) {
        for (const row of rows) await write(table.columns.map((c) => encode(row[c], table.binary.has(c))));
        summary.rows += rows.length;
      }
    }
  });
  gzip.end();
  await done;
  return summary;
}

/** Reads a table in batches: by keyset on `id` where it has one, else by offset. */
async function* readBatches(trx: Kysely<any>, table: TableInfo) {
  if (table.columns.includes('id')) {
    let last: unknown = null;
    for (;;) {
      let query = trx.selectFrom(table.name).selectAll().orderBy('id').limit(BATCH);
      if (last !== null) query = query.where('id', '>', last);
      const rows = await query.execute();
      if (rows.length > 0) yield rows;
      if (rows.length < BATCH) return;
      last = rows[rows.length - 1]?.id;
    }
  }
  const order = sql.raw(table.columns.map((c) => `"${c}"`).join(', '));
  for (let offset = 0; ; offset += BATCH) {
    const rows = await trx.selectFrom(table.name).selectAll().orderBy(order).limit(BATCH).offset(offset).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < BATCH) return;
  }
}

function encode(value: unknown, binary: boolean): unknown {
  if (binary && value != null) return { base64: Buffer.from(value as Uint8Array).toString('base64') };
  return value ?? null;
}

function decode(value: unknown): unknown {
  if (value && typeof value === 'object' && 'base64' in value) {
    return Buffer.from((value as { base64: string }).base64, 'base64');
  }
  return value;
}

/**
 * Restores a backup into a migrated, empty database. Refuses a database
 * that already holds a business, and one whose migrations are older than
 * the backup's.
 */
export async function restoreDatabase(db: Db, inPath: string): Promise<BackupSummary> {
  const existing = await db.kysely.selectFrom('businesses').select('id').limit(1).executeTakeFirst();
  if (existing) throw new AppError('restore_target_not_empty');
  await requireReadable(inPath);

  const summary: BackupSummary = { tables: 0, rows: 0 };
  await db.kysely.transaction().execute(async (trx) => {
    const applied = new Set((await trx.selectFrom('kysely_migration' as any).select('name' as any).execute()).map((m: any) => m.name));
    let table: { name: string; columns: string[] } | null = null;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (table && batch.length > 0) await trx.insertInto(table.name as any).values(batch).execute();
      summary.rows += batch.length;
      batch = [];
    };
    let header = false;
    // The reader starts only now: readline drops lines emitted before iteration begins.
    const source = createReadStream(inPath);
    const gunzip = createGunzip();
    // pipe() does not pass on the source's errors: a read error (a folder given as the file) would crash the process.
    source.on('error', (error) => gunzip.destroy(error));
    const input = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
    const lines = readBackupLines(input, inPath);
    for await (const parsed of lines) {
      if (!header) {
        const head = parsed as { format?: string; version?: number; migrations?: string[] } | null;
        if (head?.format !== FORMAT || head.version !== FORMAT_VERSION) throw new AppError('restore_not_a_backup', { file: inPath });
        const missing = (head.migrations ?? []).filter((m) => !applied.has(m));
        if (missing.length) throw new AppError('restore_newer_backup', { migrations: missing.join(', ') });
        header = true;
        continue;
      }
      if (!Array.isArray(parsed)) {
        await flush();
        table = { name: (parsed as { table: string }).table, columns: (parsed as { columns: string[] }).columns };
        summary.tables += 1;
        continue;
      }
      if (!table) throw new AppError('restore_not_a_backup', { file: inPath });
      const row: Record<string, unknown> = {};
      table.columns.forEach((column, index) => {
        row[column] = decode(parsed[index]);
      });
      batch.push(row);
      // Stays under SQLite's 32,766 bound-parameter limit for wide tables.
      if (batch.length * table.columns.length >= 20_000) await flush();
    }
    await flush();
  });
  return summary;
}

/** Throws a worded error when the backup file is missing or unreadable, before any row is written. */
async function requireReadable(inPath: string): Promise<void> {
  try {
    await access(inPath, constants.R_OK);
  } catch {
    throw new AppError('restore_file_not_found', { file: inPath });
  }
}

/**
 * Yields each JSON line of a gzipped backup. A file that is not gzip or
 * not JSON lines is reported as not a backup, whatever failed inside.
 */
async function* readBackupLines(lines: AsyncIterable<string>, inPath: string): AsyncGenerator<unknown> {
  try {
    for await (const line of lines) {
      if (line) yield JSON.parse(line) as unknown;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('restore_not_a_backup', { file: inPath });
  }
}
