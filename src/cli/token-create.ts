/**
 * `comptoir token create --email E [--name N]`: issues an API token for an
 * existing user and prints only the token on stdout, so scripts can capture
 * it. Errors go to stderr as one line in the user's language (else the
 * business's, else COMPTOIR_LOCALE's) with exit code 1.
 */
import { Command } from 'commander';
import { normaliseEmail } from '../auth/login.ts';
import { createApiToken } from '../auth/tokens.ts';
import { openDatabase } from '../db/database.ts';
import { loadConfig } from '../server/config.ts';
import { CliError, cliErrorLine, cliLocale } from './cli-error.ts';

interface TokenCreateOptions {
  email: string;
  name: string;
}

/** Maximum length of a token label, as the API allows it. */
const MAX_NAME_LENGTH = 100;

async function createToken(options: TokenCreateOptions): Promise<number> {
  const name = options.name.trim();
  if (!name || name.length > MAX_NAME_LENGTH) {
    throw new CliError('cli_text_option', { option: '--name', value: options.name, max: MAX_NAME_LENGTH });
  }
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    const email = normaliseEmail(options.email);
    const user = await db.kysely
      .selectFrom('users')
      .innerJoin('businesses', 'businesses.id', 'users.business_id')
      .where('users.email', '=', email)
      .select(['users.id', 'users.business_id', 'users.is_active', 'users.locale', 'businesses.locale as business_locale'])
      .executeTakeFirst();
    if (!user) return fail(new CliError('cli_user_not_found', { email }), cliLocale());
    const locale = (user.locale ?? user.business_locale) === 'en' ? 'en' : 'fr';
    if (user.is_active !== 1) return fail(new CliError('cli_user_inactive', { email }), locale);
    const created = await createApiToken(db.kysely, { businessId: user.business_id, userId: user.id }, name, null);
    process.stdout.write(`${created.token}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/** Prints an expected error on one line and returns exit code 1. */
function fail(error: unknown, locale: 'fr' | 'en'): number {
  process.stderr.write(`${cliErrorLine(error, locale)}\n`);
  return 1;
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
