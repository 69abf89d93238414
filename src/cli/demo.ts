/** `comptoir demo`: loads the sample shop into the configured database. */
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { loadConfig } from '../server/config.ts';
import { AppError } from '../shared/errors.ts';
import { CliError, integerOption } from './cli-error.ts';

export interface DemoCommandOptions {
  email: string;
  password: string;
  contacts: string;
  seed: string;
}

export async function demoCommand(options: DemoCommandOptions): Promise<void> {
  const contacts = integerOption('--contacts', options.contacts, 0, 100_000);
  const seed = integerOption('--seed', options.seed, 0, 2 ** 31 - 1);
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    await migrate(db);
    const result = await loadDemo(db.kysely, { email: options.email, password: options.password, contacts, seed }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'email_taken') throw new CliError('cli_demo_exists', { email: options.email });
      throw error;
    });
    console.log(`demo shop loaded: ${result.contacts} contacts; sign in as ${result.email} with the password given`);
  } finally {
    await db.close();
  }
}
