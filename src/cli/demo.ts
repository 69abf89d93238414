/** `comptoir demo`: loads the sample shop into the configured database. */
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { loadConfig } from '../server/config.ts';

export interface DemoCommandOptions {
  email: string;
  password: string;
  contacts: string;
  seed: string;
}

export async function demoCommand(options: DemoCommandOptions): Promise<void> {
  const contacts = Number(options.contacts);
  const seed = Number(options.seed);
  if (!Number.isInteger(contacts) || contacts < 0 || contacts > 100_000) {
    throw new Error(`--contacts must be a whole number from 0 to 100000 (got "${options.contacts}")`);
  }
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    await migrate(db);
    const result = await loadDemo(db.kysely, { email: options.email, password: options.password, contacts, seed });
    console.log(`demo shop loaded: ${result.contacts} contacts; sign in as ${result.email} with the password given`);
  } finally {
    await db.close();
  }
}
