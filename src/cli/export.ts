/**
 * `comptoir export`: writes every contact the filters keep as CSV, XLSX,
 * PDF or vCard, to a file or to standard output, with the same code as
 * `GET /contacts/export`.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import type { Locale } from '../shared/messages.ts';
import { CommandError, commandActor, reportCommandError } from './import.ts';

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
  const db = openDatabase(loadConfig().databaseUrl);
  let locale: Locale = options.lang === 'en' ? 'en' : 'fr';
  try {
    const { actor, locale: actorLocale } = await commandActor(db, options);
    locale = options.lang === 'en' || options.lang === 'fr' ? options.lang : actorLocale;
    const { exportContacts, exportFormats } = await import('../transfer/export/export-contacts.ts');
    const { dateFormats } = await import('../transfer/export/csv.ts');
    const { isExportKey } = await import('../transfer/export/columns.ts');

    const format = exportFormats.find((candidate) => candidate === options.format);
    if (!format) throw new CommandError(`Unknown format "${options.format}": use ${exportFormats.join(', ')}.`);
    const columns = options.columns?.split(',').map((key) => key.trim()).filter(Boolean);
    const unknown = columns?.filter((key) => !isExportKey(key)) ?? [];
    if (unknown.length > 0) throw new CommandError(`Unknown column(s): ${unknown.join(', ')}.`);
    const separator = options.separator === 'tab' ? '\t' : options.separator;
    if (separator && ![';', ',', '\t', '|'].includes(separator)) throw new CommandError('--separator takes ; , | or tab.');
    if (options.decimal && options.decimal !== ',' && options.decimal !== '.') throw new CommandError('--decimal takes , or .');
    const dateFormat = dateFormats.find((candidate) => candidate === options.dateFormat);
    if (options.dateFormat && !dateFormat) throw new CommandError(`--date-format takes ${dateFormats.join(', ')}.`);
    if (options.type && !['customer', 'supplier', 'both'].includes(options.type)) throw new CommandError('--type takes customer, supplier or both.');
    if (options.status && !['active', 'inactive'].includes(options.status)) throw new CommandError('--status takes active or inactive.');

    const file = await exportContacts(db.kysely, actor, {
      format,
      locale,
      filters: {
        flags: {},
        customFields: {},
        ...(options.type ? { type: options.type as 'customer' | 'supplier' | 'both' } : {}),
        ...(options.status ? { status: options.status as 'active' | 'inactive' } : {}),
        ...(options.q ? { q: options.q } : {}),
      },
      dialect: {
        ...(separator ? { separator: separator as ';' | ',' | '\t' | '|' } : {}),
        ...(options.decimal ? { decimal: options.decimal as ',' | '.' } : {}),
        ...(dateFormat ? { dateFormat } : {}),
      },
      ...(columns ? { columns: columns.filter(isExportKey) } : {}),
      ...(options.vcardVersion === '3.0' ? { vcardVersion: '3.0' as const } : {}),
    });
    await pipeline(file.stream, options.out ? createWriteStream(options.out) : process.stdout);
    if (options.out) process.stderr.write(`wrote ${options.out}\n`);
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
