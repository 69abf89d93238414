/** `comptoir demo`: loads the sample shop into the configured database. */
import { type Db, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { analyzeTables } from '../db/statistics.ts';
import { type DemoOptions, type DemoResult, loadDemo } from '../demo/load-demo.ts';
import { addDemoReminderLevels } from '../demo/demo-reminders.ts';
import { demoLanguages } from '../demo/demo-texts.ts';
import { contactImportTables } from '../transfer/import/run-import.ts';
import { loadConfig } from '../server/config.ts';
import { AppError } from '../shared/errors.ts';
import { choiceOption, CliError, cliLocale, integerOption } from './cli-error.ts';

export interface DemoCommandOptions {
  email: string;
  password: string;
  contacts: string;
  seed: string;
  /** `fr` or `en`; unset, the language of COMPTOIR_LOCALE, else of LANG, else French. */
  language?: string;
}

/**
 * Loads the sample shop and its reminder levels, then analyses the tables it filled. The demo fills
 * them in one go, as an import does, and on a PostgreSQL whose autovacuum
 * has not analysed them yet (or is off), a search's totals took seconds
 * from a few thousand demo contacts.
 */
export async function loadDemoShop(db: Db, options: DemoOptions): Promise<DemoResult> {
  const result = await loadDemo(db.kysely, options);
  await addDemoReminderLevels(db, result.businessId);
  await analyzeTables(db, contactImportTables);
  return result;
}

export async function demoCommand(options: DemoCommandOptions): Promise<void> {
  const contacts = integerOption('--contacts', options.contacts, 0, 100_000);
  const seed = integerOption('--seed', options.seed, 0, 2 ** 31 - 1);
  const language = options.language === undefined ? cliLocale() : choiceOption('--language', options.language, demoLanguages);
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    await migrate(db);
    const progress = (line: string) => process.stderr.write(`demo: ${line}\n`);
    const result = await loadDemoShop(db, { email: options.email, password: options.password, contacts, seed, language, progress }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'email_taken') throw new CliError('cli_demo_exists', { email: options.email });
      throw error;
    });
    console.log(
      `demo shop loaded: ${result.contacts} contacts, ${result.sales} sales, ${result.purchases} purchases, ` +
        `${result.payments} payments; sign in as ${result.email} with the password given`,
    );
  } finally {
    await db.close();
  }
}
