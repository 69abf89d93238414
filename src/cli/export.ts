/**
 * `comptoir export`: writes every contact the filters keep as CSV, XLSX,
 * PDF or vCard, to a file or to standard output, with the same code as
 * `GET /contacts/export`. Errors are one line in the language of `--lang`,
 * else of the user the command acts as, else of COMPTOIR_LOCALE.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import { translate } from '../shared/messages.ts';
import { CliError, choiceOption, cliLocale } from './cli-error.ts';
import { commandActor, commandLocale, reportCommandError } from './import.ts';

interface ExportCommandOptions {
  format: string;
  out?: string;
  lang?: string;
  separator?: string;
  decimal?: string;
  dateFormat?: string;
  columns?: string;
  vcardVersion?: string;
  type?: string;
  status?: string;
  q?: string;
  business?: string;
  as?: string;
}

export async function runExportCommand(options: ExportCommandOptions): Promise<number> {
  const { openDatabase } = await import('../db/database.ts');
  const { loadConfig } = await import('../server/config.ts');
  let locale = commandLocale(options.lang, cliLocale());
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    const lang = options.lang === undefined ? undefined : choiceOption('--lang', options.lang, ['fr', 'en'] as const);
    const { actor, locale: actorLocale } = await commandActor(db, options);
    locale = lang ?? actorLocale;
    const { exportContacts, exportFormats } = await import('../transfer/export/export-contacts.ts');
    const { dateFormats } = await import('../transfer/export/csv.ts');
    const { exportKeys, isExportKey } = await import('../transfer/export/columns.ts');

    const format = choiceOption('--format', options.format, exportFormats);
    const columns = options.columns?.split(',').map((key) => key.trim()).filter(Boolean);
    const unknown = columns?.filter((key) => !isExportKey(key)) ?? [];
    if (unknown.length > 0) {
      throw new CliError('cli_list_option', { option: '--columns', values: unknown.join(', '), allowed: exportKeys.join(', ') });
    }
    const separatorName = options.separator === undefined ? undefined : choiceOption('--separator', options.separator, [';', ',', '|', 'tab'] as const);
    const separator = separatorName === 'tab' ? '\t' : separatorName;
    const decimal = options.decimal === undefined ? undefined : choiceOption('--decimal', options.decimal, [',', '.'] as const);
    const dateFormat = options.dateFormat === undefined ? undefined : choiceOption('--date-format', options.dateFormat, dateFormats);
    const type = options.type === undefined ? undefined : choiceOption('--type', options.type, ['customer', 'supplier', 'both'] as const);
    const status = options.status === undefined ? undefined : choiceOption('--status', options.status, ['active', 'inactive'] as const);
    const vcardVersion = choiceOption('--vcard-version', options.vcardVersion ?? '4.0', ['4.0', '3.0'] as const);

    const file = await exportContacts(db.kysely, actor, {
      format,
      locale,
      filters: {
        flags: {},
        customFields: {},
        ...(type ? { type } : {}),
        ...(status ? { status } : {}),
        ...(options.q ? { q: options.q } : {}),
      },
      dialect: {
        ...(separator ? { separator } : {}),
        ...(decimal ? { decimal } : {}),
        ...(dateFormat ? { dateFormat } : {}),
      },
      ...(columns ? { columns: columns.filter(isExportKey) } : {}),
      ...(vcardVersion === '3.0' ? { vcardVersion } : {}),
    });
    await pipeline(file.stream, options.out ? createWriteStream(options.out) : process.stdout);
    if (options.out) process.stderr.write(`${translate('cli_export_written', locale, { file: options.out })}\n`);
    return 0;
  } catch (error) {
    return reportCommandError(error, locale);
  } finally {
    await db.close();
  }
}

export function exportCommand(): Command {
  return new Command('export')
    .description('export contacts as CSV, XLSX, PDF or vCard to a file or standard output (DATABASE_URL)')
    .option('--format <format>', 'csv, xlsx, pdf or vcf', 'csv')
    .option('--out <file>', 'file to write (default: standard output)')
    .option('--lang <lang>', "language of headers and words, and of the CSV dialect: fr or en (default: the user's or the business's)")
    .option('--separator <char>', 'CSV separator: ; , | or tab (default: ; in French, , in English)')
    .option('--decimal <char>', 'CSV decimal mark: , or . (default: , in French, . in English)')
    .option('--date-format <format>', 'CSV dates: dd/mm/yyyy, yyyy-mm-dd or mm/dd/yyyy')
    .option('--columns <keys>', 'comma-separated columns, in order (default: every writable field, balance and creation date)')
    .option('--vcard-version <version>', 'vCard version: 4.0 or 3.0', '4.0')
    .option('--type <type>', 'customer (customers and both), supplier (suppliers and both) or both')
    .option('--status <status>', 'active or inactive')
    .option('--q <text>', 'search text, as in the contact list')
    .option('--business <id>', 'business to export (needed when the database has several)')
    .option('--as <email>', 'export as this user, with their permissions (default: as an administrator)')
    .action(async (options: ExportCommandOptions) => {
      process.exitCode = await runExportCommand(options);
    });
}
