/**
 * Decides which sale field each column of a file fills: the user's choice
 * first, then the business's saved choice for that header, then the known
 * header names. Two columns never fill one field, and the columns left
 * without a field are listed with the reason, as for contacts.
 */
import type { OpenedTable } from '../../formats/table.ts';
import type { ColumnMapping, MappingSource } from '../../mapping/auto-map.ts';
import { normaliseHeader } from '../../mapping/aliases.ts';
import { cellText } from '../../values/cells.ts';
import { isSaleImportField, lookupSaleHeader, type SaleImportField } from './fields.ts';

export type SaleColumnMapping = ColumnMapping<SaleImportField>;

export interface SaleMappingInput {
  /** Column key or `#N` → field, or null to leave the column out. */
  user?: Record<string, string | null>;
  /** Normalised header → field (null: left out), as the business saved it. */
  saved?: Map<string, SaleImportField | null>;
}

const SAMPLE_VALUES = 5;
const sourceRank: Partial<Record<MappingSource, number>> = { user: 0, saved: 1, header: 2 };

export function mapSaleColumns(table: OpenedTable, input: SaleMappingInput = {}): SaleColumnMapping[] {
  const width = Math.max(table.header.length, ...table.sample.map((row) => row.cells.length), 0);
  const columns = Array.from({ length: width }, (_, index) => newColumn(table, index));
  for (const column of columns) choose(column, input);

  const ranked = columns
    .filter((column) => column.field !== null)
    .sort((a, b) => (sourceRank[a.source ?? 'header'] ?? 9) - (sourceRank[b.source ?? 'header'] ?? 9) || a.index - b.index);
  const taken = new Set<SaleImportField>();
  for (const column of ranked) {
    const field = column.field as SaleImportField;
    if (!taken.has(field)) {
      taken.add(field);
      continue;
    }
    column.field = null;
    column.source = null;
    column.reason = 'duplicate';
  }
  return columns;
}

function newColumn(table: OpenedTable, index: number): SaleColumnMapping {
  const header = table.header[index] ?? '';
  const duplicated = header !== '' && table.header.indexOf(header) !== index;
  const sample = table.sample
    .map((row) => cellText(row.cells[index] ?? null))
    .filter((text) => text !== '')
    .slice(0, SAMPLE_VALUES);
  return {
    index,
    key: header === '' || duplicated ? `#${index + 1}` : header,
    header,
    field: null,
    source: null,
    reason: 'unknown',
    sample,
  };
}

/** Gives the column the field of the first source that names one, or the reason it has none. */
function choose(column: SaleColumnMapping, input: SaleMappingInput): void {
  const userKey = [column.key, `#${column.index + 1}`].find((key) => input.user && key in input.user);
  if (userKey !== undefined) {
    const field = input.user?.[userKey] ?? null;
    setField(column, field && isSaleImportField(field) ? field : null, 'user');
    return;
  }
  if (column.header === '') return;
  const normalised = normaliseHeader(column.header);
  if (input.saved?.has(normalised)) {
    setField(column, input.saved.get(normalised) ?? null, 'saved');
    return;
  }
  const field = lookupSaleHeader(column.header);
  if (field) setField(column, field, 'header');
}

function setField(column: SaleColumnMapping, field: SaleImportField | null, source: MappingSource): void {
  column.field = field;
  column.source = source;
  column.reason = field ? null : 'ignored';
}
