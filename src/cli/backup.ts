/** `comptoir backup OUT` and `comptoir restore IN`. */
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { backupDatabase, restoreDatabase } from '../ops/backup.ts';
import { loadConfig } from '../server/config.ts';
import { translate } from '../shared/messages.ts';
import { cliLocale } from './cli-error.ts';

export async function backupCommand(out: string): Promise<void> {
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    const summary = await backupDatabase(db, out);
    console.log(translate('cli_backup_written', cliLocale(), { file: out, ...summary }));
  } finally {
    await db.close();
  }
}

export async function restoreCommand(input: string): Promise<void> {
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    await migrate(db);
    const summary = await restoreDatabase(db, input);
    console.log(translate('cli_restored', cliLocale(), { file: input, ...summary }));
  } finally {
    await db.close();
  }
}
