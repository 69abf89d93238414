/**
 * `comptoir import list` and `comptoir import undo ID`: the latest imports
 * that the actor may see, and the undo of one, with the same code as
 * `GET /imports` and `DELETE /imports/{id}`. Listing first marks
 * interrupted the imports whose process has stopped, as the API does.
 * Errors are one line in the language of `--lang`, else of the user the
 * command acts as, else of COMPTOIR_LOCALE.
 */
import { Command } from 'commander';
import type { Db } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { type Locale, translate } from '../shared/messages.ts';
import type { KeptContact } from '../transfer/import/undo-plan.ts';
import { CliError, choiceOption, cliErrorLine, cliLocale, integerOption } from './cli-error.ts';
import { type CommandActor, commandActor, commandLocale, reportCommandError } from './import.ts';

interface ActorOptions {
  json?: boolean;
  lang?: string;
  business?: string;
  as?: string;
}

interface ListOptions extends ActorOptions {
  limit: string;
}

interface UndoOptions extends ActorOptions {
  keepChanged?: boolean;
}

/**
 * Opens the database, finds the actor and its language, and runs `work`.
 * Returns its exit code, or 1 after printing an expected error. `onError`
 * prints more about an application error and returns true when it has
 * printed the error line itself.
 */
async function withActor(
  options: ActorOptions,
  work: (db: Db, found: CommandActor) => Promise<number>,
  onError: (error: AppError, locale: Locale) => boolean = () => false,
): Promise<number> {
  const { openDatabase } = await import('../db/database.ts');
  const { loadConfig } = await import('../server/config.ts');
  let locale = commandLocale(options.lang, cliLocale());
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    const lang = options.lang === undefined ? undefined : choiceOption('--lang', options.lang, ['fr', 'en'] as const);
    const found = await commandActor(db, options);
    locale = lang ?? found.locale;
    return await work(db, { ...found, locale });
  } catch (error) {
    if (error instanceof AppError && onError(error, locale)) return 1;
    return reportCommandError(error, locale);
  } finally {
    await db.close();
  }
}

async function listCommand(options: ListOptions): Promise<number> {
  const { listImports, MAX_LISTED_IMPORTS } = await import('../transfer/import/list-imports.ts');
  return withActor(options, async (db, { actor, locale }) => {
    const limit = integerOption('--limit', options.limit, 1, MAX_LISTED_IMPORTS);
    const items = await listImports(db, actor, limit, stderrLog);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      return 0;
    }
    if (items.length === 0) process.stdout.write(`${translate('cli_import_list_empty', locale)}\n`);
    for (const item of items) {
      const status = translate(`import_status_${item.status}`, locale);
      const kind = translate(`import_kind_${item.kind}`, locale);
      process.stdout.write(`${[item.id, item.createdAt, status, kind, item.fileName].join('  ')}\n`);
    }
    return 0;
  });
}

async function undoCommand(id: string, options: UndoOptions): Promise<number> {
  const { undoImport } = await import('../transfer/import/undo-import.ts');
  const { importJson } = await import('../transfer/import/store.ts');
  const { mayViewImport } = await import('../transfer/import/access.ts');
  const { importForReader } = await import('../transfer/import/kept-visibility.ts');
  return withActor(
    options,
    async (db, { actor, locale }) => {
      const row = await db.kysely
        .selectFrom('imports')
        .select(['user_id', 'options', 'columns'])
        .where('business_id', '=', actor.businessId)
        .where('id', '=', id)
        .executeTakeFirst();
      // An import that the user of --as may not see is reported as absent, as the API does.
      const visible = row !== undefined && mayViewImport(actor, { userId: row.user_id, options: JSON.parse(row.options), columns: JSON.parse(row.columns) });
      if (!visible) throw new CliError('cli_import_not_found', { id });
      const record = await undoImport(db, actor, id, { keepChanged: Boolean(options.keepChanged), locale });
      const json = importJson(await importForReader(db.kysely, actor, record), locale);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return 0;
      }
      process.stdout.write(`${json.message}\n`);
      if (record.undo) printKept(record.undo.keptContacts, record.undo.kept, locale, process.stdout);
      return 0;
    },
    (error, locale) => reportUndoRefusal(error, locale, Boolean(options.json)),
  );
}

/**
 * Prints what a refused undo names. With `--json` the problem goes to
 * stdout as the API returns it. Without it, the kept contacts and a hint
 * for what to do next follow the error line on stderr.
 */
function reportUndoRefusal(error: AppError, locale: Locale, json: boolean): boolean {
  if (json) {
    const problem = { code: error.code, detail: translate(error.code, locale, error.params), ...error.extra };
    process.stdout.write(`${JSON.stringify(problem, null, 2)}\n`);
    return false;
  }
  if (error.code !== 'import_undo_blocked' && error.code !== 'import_undo_nothing_left') return false;
  process.stderr.write(`${cliErrorLine(error, locale)}\n`);
  printKept(error.extra.contacts as KeptContact[], Number(error.extra.count), locale, process.stderr);
  if (error.code === 'import_undo_blocked') process.stderr.write(`${translate('cli_import_undo_hint', locale)}\n`);
  return true;
}

function printKept(contacts: KeptContact[], count: number, locale: Locale, out: NodeJS.WritableStream): void {
  for (const contact of contacts) {
    const name = [contact.code, contact.name].filter(Boolean).join(' ');
    const reason = translate(`import_keep_${contact.reason}`, locale);
    out.write(`${translate('cli_import_kept', locale, { contact: name, reason })}\n`);
  }
  if (count > contacts.length) out.write(`${translate('cli_import_kept_more', locale, { count: count - contacts.length })}\n`);
}

const stderrLog = {
  warn: (object: object, message: string) => process.stderr.write(`${message}: ${JSON.stringify(object)}\n`),
};

function actorOptions(command: Command): Command {
  return command
    .option('--json', 'print the result as the API returns it')
    .option('--lang <lang>', "language of the output and of errors: fr or en (default: the user's or the business's)")
    .option('--business <id>', 'business whose imports to use (needed when the database has several)')
    .option('--as <email>', 'act as this user, with their permissions (default: as an administrator)');
}

export function importListCommand(): Command {
  return actorOptions(
    new Command('list')
      .description('list the latest imports, newest first, with their id, date (UTC), status, kind and file (DATABASE_URL)')
      .option('--limit <count>', 'number of imports to list, 1 to 100', '20'),
  ).action(async (options: ListOptions) => {
    process.exitCode = await listCommand(options);
  });
}

export function importUndoCommand(): Command {
  return actorOptions(
    new Command('undo')
      .argument('<id>', 'id of the import, as `comptoir import list` prints it')
      .description('undo a committed import: delete the contacts it created and restore those it updated, or void the sales it created (DATABASE_URL)')
      .option('--keep-changed', 'keep the contacts used or changed since the import and undo the others, instead of undoing nothing'),
  ).action(async (id: string, options: UndoOptions) => {
    process.exitCode = await undoCommand(id, options);
  });
}
