/**
 * `comptoir token create --email E [--name N]`: issues an API token for an
 * existing user and prints only the token on stdout, so scripts can capture
 * it. Errors go to stderr with exit code 1.
 */
import { Command } from 'commander';
import { normaliseEmail } from '../auth/login.ts';
import { createApiToken } from '../auth/tokens.ts';
import { openDatabase } from '../db/database.ts';
import { loadConfig } from '../server/config.ts';

interface TokenCreateOptions {
  email: string;
  name: string;
}

async function createToken(options: TokenCreateOptions): Promise<number> {
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    const email = normaliseEmail(options.email);
    const user = await db.kysely
      .selectFrom('users')
      .where('email', '=', email)
      .select(['id', 'business_id', 'is_active'])
      .executeTakeFirst();
    if (!user) {
      process.stderr.write(`No user has the email address "${email}". Check the address, or create the user first.\n`);
      return 1;
    }
    if (user.is_active !== 1) {
      process.stderr.write(`The user "${email}" is deactivated; reactivate the account before creating a token.\n`);
      return 1;
    }
    const created = await createApiToken(db.kysely, { businessId: user.business_id, userId: user.id }, options.name, null);
    process.stdout.write(`${created.token}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

export function tokenCommand(): Command {
  const token = new Command('token').description('manage API tokens');
  token
    .command('create')
    .description('create an API token for a user and print only the token (DATABASE_URL)')
    .requiredOption('--email <email>', 'email address of the user the token acts as')
    .option('--name <name>', 'label shown in the list of tokens', 'command line')
    .action(async (options: TokenCreateOptions) => {
      process.exitCode = await createToken(options);
    });
  return token;
}
