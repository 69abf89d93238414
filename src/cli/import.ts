/**
 * `comptoir import FILE`: previews or imports a contact or sales file with
 * the same code as the API (`POST /imports`); `import list` and `import
 * undo` are in import-runs.ts. It prints the totals and every row
 * error, or the import as JSON with `--json`. Exit code 0 when every row
 * is valid, 2 when some rows are invalid, 1 when nothing was imported.
 * Errors are one line in the language of `--lang`, else of the user the
 * command acts as, else of COMPTOIR_LOCALE.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import type { ContactActor } from '../contacts/visibility.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { type Locale, translate } from '../shared/messages.ts';
import { CliError, choiceOption, cliErrorLine, cliLocale } from './cli-error.ts';
import { importListCommand, importUndoCommand } from './import-runs.ts';

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
    if (!user || user.is_active !== 1) throw new CliError('cli_no_active_user', { email });
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
  if (!business) throw options.business ? new CliError('cli_business_not_found', { id: options.business }) : new CliError('cli_no_business');
  if (businesses.length > 1) throw new CliError('cli_several_businesses');
  const actor = { businessId: business.id, userId: null, isAdmin: true, permissions: new Set<string>() };
  return { actor, locale: business.locale === 'en' ? 'en' : 'fr' };
}

export async function runImportCommand(file: string, options: ImportCommandOptions): Promise<number> {
  const { openDatabase } = await import('../db/database.ts');
  const { loadConfig } = await import('../server/config.ts');
  let locale = commandLocale(options.lang, cliLocale());
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    const lang = options.lang === undefined ? undefined : choiceOption('--lang', options.lang, ['fr', 'en'] as const);
    const { actor, locale: actorLocale } = await commandActor(db, options);
    locale = lang ?? actorLocale;
    const { importOptionsSchema, matchKeys } = await import('../transfer/import/options.ts');
    const { DELIMITERS } = await import('../transfer/formats/csv.ts');
    const { IMPORT_LIMITS } = await import('../transfer/import/run-import.ts');
    const { startImport } = await import('../transfer/import/start-import.ts');
    const { importJson } = await import('../transfer/import/store.ts');

    const size = await fileSize(file);
    if (size > IMPORT_LIMITS.fileBytes) {
      throw new AppError('payload_too_large', { megabytes: IMPORT_LIMITS.fileBytes / 1024 / 1024 });
    }
    const kind = choiceOption('--kind', options.kind, ['contacts', 'sales'] as const);
    const mode = choiceOption('--mode', options.mode, ['create', 'upsert'] as const);
    const matchOn = options.match?.split(',').map((key) => key.trim()).filter(Boolean);
    const unknownKeys = matchOn?.filter((key) => !(matchKeys as readonly string[]).includes(key)) ?? [];
    if (unknownKeys.length > 0) {
      throw new CliError('cli_list_option', { option: '--match', values: unknownKeys.join(', '), allowed: matchKeys.join(', ') });
    }
    const delimiterNames = ['tab', ...DELIMITERS.filter((delimiter) => delimiter !== '\t')];
    const delimiter = options.delimiter === undefined ? undefined : choiceOption('--delimiter', options.delimiter, delimiterNames);
    const parsed = importOptionsSchema.parse({
      kind,
      mode,
      onInvalid: options.skipInvalid ? 'skip' : 'abort',
      dryRun: Boolean(options.dryRun),
      ...(matchOn ? { matchOn } : {}),
      ...(delimiter ? { delimiter: delimiter === 'tab' ? '\t' : delimiter } : {}),
      ...(options.encoding ? { encoding: options.encoding } : {}),
    });
    const record = await startImport(db, actor, { fileName: basename(file), bytes: await readFile(file), options: parsed, locale });
    const json = importJson(record, locale);
    if (options.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    else printSummary(json, locale);
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
    if ((error as { code?: string }).code === 'ENOENT') throw new CliError('cli_file_not_found', { file });
    throw error;
  }
}

/** Returns the language `--lang` names, or `fallback` when it names none. */
export function commandLocale(lang: string | undefined, fallback: Locale): Locale {
  return lang === 'fr' || lang === 'en' ? lang : fallback;
}

/** Prints an expected error on stderr as one line and returns exit code 1; rethrows anything else. */
export function reportCommandError(error: unknown, locale: Locale): number {
  if (!(error instanceof CliError) && !(error instanceof AppError)) throw error;
  process.stderr.write(`${cliErrorLine(error, locale)}\n`);
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
}, locale: Locale): void {
  const separator = json.delimiter ? translate('cli_import_separator', locale, { separator: JSON.stringify(json.delimiter) }) : null;
  const read = [json.format, json.encoding, separator].filter(Boolean);
  process.stdout.write(`${read.join(', ')}\n${json.message}\n`);
  for (const error of json.errors) process.stdout.write(`${translate('cli_import_row_error', locale, { message: error.message })}\n`);
  for (const warning of json.warnings) process.stdout.write(`${translate('cli_import_row_warning', locale, { message: warning.message })}\n`);
  if (json.issuesTruncated) process.stdout.write(`${translate('cli_import_truncated', locale)}\n`);
}

export function importCommand(): Command {
  return new Command('import')
    .argument('<file>', 'CSV, TSV, XLSX, XLS, ODS or vCard file (write ./list or ./undo for a file of that name)')
    .description('import contacts or sales from a file, or preview the import with --dry-run (DATABASE_URL); list and undo imports')
    // Options after `list` or `undo` are theirs, not this command's.
    .enablePositionalOptions()
    .addCommand(importListCommand())
    .addCommand(importUndoCommand())
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
