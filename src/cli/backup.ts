/** `comptoir backup OUT` and `comptoir restore IN`. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { backupDatabase, restoreDatabase } from '../ops/backup.ts';
import { loadConfig } from '../server/config.ts';
import { CliError } from './cli-error.ts';

export async function backupCommand(out: string): Promise<void> {
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    const summary = await backupDatabase(db, out);
    console.log(`backup written to ${out}: ${summary.tables} tables, ${summary.rows} rows`);
  } finally {
    await db.close();
  }
}

export async function restoreCommand(input: string): Promise<void> {
  // Checked before the target database is opened and migrated, which would leave it changed for nothing.
  try {
    await access(input, constants.R_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError('cli_file_not_found', { file: input });
    throw error;
  }
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    await migrate(db);
    const summary = await restoreDatabase(db, input);
    console.log(`restored ${input}: ${summary.tables} tables, ${summary.rows} rows`);
  } finally {
    await db.close();
  }
}
