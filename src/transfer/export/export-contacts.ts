/**
 * `GET /contacts/export`: every contact the list's filters and search keep,
 * streamed as CSV, XLSX, PDF or vCard. Access is checked before the first
 * byte is sent, so a refusal is a proper error response, never a cut file.
 */
import { Readable } from 'node:stream';
import { loadContactBusiness } from '../../contacts/business.ts';
import { requireFigures, requireFiguresForList, seesFigures } from '../../contacts/hide-figures.ts';
import type { ContactFilters } from '../../contacts/search/filters.ts';
import type { SortSpec } from '../../contacts/search/sort.ts';
import { type ContactActor, visibleContactsFilter } from '../../contacts/visibility.ts';
import type { Executor } from '../../db/database.ts';
import type { Locale } from '../../shared/messages.ts';
import { parseLabels } from '../mapping/fields.ts';
import { todayIn } from '../values/date.ts';
import { type ExportKey, exportColumns, figureKeys } from './columns.ts';
import { exportedContacts } from './contact-rows.ts';
import { type CsvDialect, csvChunks, defaultDialect } from './csv.ts';
import { type VcardVersion, vcardChunks } from './vcard-write.ts';

export const exportFormats = ['csv', 'xlsx', 'pdf', 'vcf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportRequest {
  format: ExportFormat;
  filters: ContactFilters;
  /** The list's sort, or by name when absent. */
  sort?: SortSpec;
  /** Language of headers and words. The CSV dialect follows it unless `dialect` sets another. */
  locale: Locale;
  dialect?: Partial<CsvDialect>;
  columns?: ExportKey[];
  vcardVersion?: VcardVersion;
  now?: Date;
}

export interface ExportFile {
  contentType: string;
  fileName: string;
  /**
   * The file's content. CSV and vCard come as a stream of strings (object
   * mode): a socket writes strings without copying them into Buffers, which
   * would pile up as garbage outside the V8 heap on a million-row export.
   */
  stream: Readable;
}

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  vcf: 'text/vcard; charset=utf-8',
};

/**
 * Builds the export file. For a user without `ledger.view` the figures stay
 * out: a filter on them or a figure column asked for by name is rejected
 * with a 403, the default columns leave them out, the PDF prints no balance
 * and no totals, and vCards carry no opening balance.
 */
export async function exportContacts(db: Executor, actor: ContactActor, request: ExportRequest): Promise<ExportFile> {
  visibleContactsFilter(actor);
  requireFiguresForList(actor, request.filters, request.sort);
  const figures = seesFigures(actor);
  if (request.columns?.some((key) => figureKeys.includes(key))) requireFigures(actor);
  const business = await loadContactBusiness(db, actor.businessId);
  const businessName = await db.selectFrom('businesses').select('name').where('id', '=', business.id).executeTakeFirstOrThrow();
  const groups = await db.selectFrom('customer_groups').select(['id', 'name']).where('business_id', '=', business.id).execute();
  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  const customLabels = parseLabels(business.custom_field_labels);
  const now = request.now ?? new Date();
  const pages = exportedContacts(db, actor, request.filters, request.sort);
  const fileName = `contacts-${todayIn(business.timezone, now)}.${request.format}`;
  const columns = exportColumns({ locale: request.locale, customLabels, groupNames, timezone: business.timezone }, request.columns).filter(
    (column) => figures || !figureKeys.includes(column.key),
  );

  switch (request.format) {
    case 'csv': {
      const dialect = { ...defaultDialect(request.locale), ...request.dialect };
      const chunks = csvChunks(pages, columns, business.currency, dialect);
      return { contentType: contentTypes.csv, fileName, stream: Readable.from(chunks) };
    }
    case 'xlsx': {
      // exceljs and pdfkit are loaded on first use: a CSV export does not
      // pay for them in memory.
      const { xlsxStream } = await import('./xlsx.ts');
      return { contentType: contentTypes.xlsx, fileName, stream: xlsxStream(pages, columns, business.currency, 'Contacts') };
    }
    case 'pdf': {
      const { pdfStream } = await import('./pdf.ts');
      const context = {
        locale: request.locale,
        currency: business.currency,
        businessName: businessName.name,
        timezone: business.timezone,
        now,
        figures,
      };
      return { contentType: contentTypes.pdf, fileName, stream: pdfStream(pages, context) };
    }
    default: {
      const context = { version: request.vcardVersion ?? '4.0', currency: business.currency, groupNames, figures };
      return { contentType: contentTypes.vcf, fileName, stream: Readable.from(vcardChunks(pages, context)) };
    }
  }
}
