/**
 * `comptoir import FILE`: previews or imports a contact or sales file with
 * the same code as the API (`POST /imports`). It prints the totals and every row
 * error, or the import as JSON with `--json`. Exit code 0 when every row
 * is valid, 2 when some rows are invalid, 1 when nothing was imported.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import type { ContactActor } from '../contacts/visibility.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { type Locale, translate } from '../shared/messages.ts';

interface ImportCommandOptions {
  kind: string;
  dryRun?: boolean;
  mode: string;
  match?: string;
  skipInvalid?: boolean;
  json?: boolean;
  delimiter?: string;
  encoding?: string;
  lang?: string;
  business?: string;
  as?: string;
}

export interface CommandActor {
  actor: ContactActor;
  locale: Locale;
}

/**
 * The actor of a command: the user named by `--as` with their permissions,
 * else the system acting as an administrator of the business given by
 * `--business` (which may be left out when the database has one business).
 */
export async function commandActor(db: Db, options: { as?: string; business?: string }): Promise<CommandActor> {
  if (options.as) {
    const email = options.as.trim().toLowerCase();
    const user = await db.kysely
      .selectFrom('users')
      .innerJoin('roles', 'roles.id', 'users.role_id')
      .select(['users.id', 'users.business_id', 'users.locale', 'users.is_active', 'roles.permissions', 'roles.is_admin'])
      .where('users.email', '=', email)
      .executeTakeFirst();
    if (!user || user.is_active !== 1) throw new CommandError(`No active user has the email address "${email}".`);
    const actor = {
      businessId: user.business_id,
      userId: user.id,
      isAdmin: user.is_admin === 1,
      permissions: new Set(JSON.parse(user.permissions) as string[]),
    };
    return { actor, locale: user.locale === 'en' ? 'en' : 'fr' };
  }
  const businesses = await db.kysely
    .selectFrom('businesses')
    .select(['id', 'locale'])
    .$if(options.business !== undefined, (query) => query.where('id', '=', options.business as string))
    .limit(2)
    .execute();
  const [business] = businesses;
  if (!business) throw new CommandError(options.business ? `No business has the id "${options.business}".` : 'The database has no business yet: run the server once or `comptoir demo`.');
  if (businesses.length > 1) throw new CommandError('The database has several businesses: choose one with --business <id> or --as <email>.');
  const actor = { businessId: business.id, userId: null, isAdmin: true, permissions: new Set<string>() };
  return { actor, locale: business.locale === 'en' ? 'en' : 'fr' };
}

/** A command-line mistake, printed as it is. */
export class CommandError extends Error {}

export async function runImportCommand(file: string, options: ImportCommandOptions): Promise<number> {
  const { openDatabase } = await import('../db/database.ts');
  const { loadConfig } = await import('../server/config.ts');
  const db = openDatabase(loadConfig().databaseUrl);
  let locale: Locale = options.lang === 'en' ? 'en' : 'fr';
  try {
    const { actor, locale: actorLocale } = await commandActor(db, options);
    locale = options.lang === 'en' || options.lang === 'fr' ? options.lang : actorLocale;
    const { importOptionsSchema } = await import('../transfer/import/options.ts');
    const { IMPORT_LIMITS } = await import('../transfer/import/run-import.ts');
    const { startImport } = await import('../transfer/import/start-import.ts');
    const { importJson } = await import('../transfer/import/store.ts');

    const size = await fileSize(file);
    if (size > IMPORT_LIMITS.fileBytes) {
      throw new AppError('payload_too_large', { megabytes: IMPORT_LIMITS.fileBytes / 1024 / 1024 });
    }
    const parsed = importOptionsSchema.safeParse({
      kind: options.kind,
      mode: options.mode,
      onInvalid: options.skipInvalid ? 'skip' : 'abort',
      dryRun: Boolean(options.dryRun),
      ...(options.match ? { matchOn: options.match.split(',').map((key) => key.trim()).filter(Boolean) } : {}),
      ...(options.delimiter ? { delimiter: options.delimiter === 'tab' ? '\t' : options.delimiter } : {}),
      ...(options.encoding ? { encoding: options.encoding } : {}),
    });
    if (!parsed.success) {
      process.stderr.write(`Invalid option: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}\n`);
      return 1;
    }
    const record = await startImport(db, actor, { fileName: basename(file), bytes: await readFile(file), options: parsed.data, locale });
    const json = importJson(record, locale);
    if (options.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    else printSummary(json);
    if (record.status !== 'committed' && record.status !== 'previewed') return 1;
    return record.totals.invalid > 0 ? 2 : 0;
  } catch (error) {
    return reportCommandError(error, locale);
  } finally {
    await db.close();
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new CommandError(`File not found: ${file}`);
    throw error;
  }
}

/** Prints an expected error on stderr and returns exit code 1; rethrows anything else. */
export function reportCommandError(error: unknown, locale: Locale): number {
  if (error instanceof CommandError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof AppError) process.stderr.write(`${translate(error.code, locale, error.params)}\n`);
  else throw error;
  return 1;
}

function printSummary(json: {
  message: string;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  errors: { message: string }[];
  warnings: { message: string }[];
  issuesTruncated: boolean;
}): void {
  const read = [json.format, json.encoding, json.delimiter ? `separator ${JSON.stringify(json.delimiter)}` : null].filter(Boolean);
  process.stdout.write(`${read.join(', ')}\n${json.message}\n`);
  for (const error of json.errors) process.stdout.write(`  error: ${error.message}\n`);
  for (const warning of json.warnings) process.stdout.write(`  warning: ${warning.message}\n`);
  if (json.issuesTruncated) process.stdout.write('  (more errors and warnings than were kept)\n');
}

export function importCommand(): Command {
  return new Command('import')
    .argument('<file>', 'CSV, TSV, XLSX, XLS, ODS or vCard file')
    .description('import contacts or sales from a file, or preview the import with --dry-run (DATABASE_URL)')
    .option('--kind <kind>', 'contacts, or sales: one row per sale line, rows with the same sale reference forming one sale', 'contacts')
    .option('--dry-run', 'validate every row and report, writing nothing')
    .option('--mode <mode>', 'create: skip rows that match an existing contact; upsert: update it', 'create')
    .option('--match <keys>', 'keys that identify an existing contact: code,email,mobile,taxNumber,loyaltyCardNumber (default all)')
    .option('--skip-invalid', 'import the valid rows and skip the others (default: import nothing unless every row is valid)')
    .option('--json', 'print the import as the API returns it')
    .option('--delimiter <char>', 'CSV separator: ; , | or tab (detected by default)')
    .option('--encoding <name>', 'character encoding such as windows-1252 (detected by default)')
    .option('--lang <lang>', "language of amounts written as text and of messages: fr or en (default: the user's or the business's)")
    .option('--business <id>', 'business to import into (needed when the database has several)')
    .option('--as <email>', 'import as this user, with their permissions (default: as an administrator)')
    .action(async (file: string, options: ImportCommandOptions) => {
      process.exitCode = await runImportCommand(file, options);
    });
}
