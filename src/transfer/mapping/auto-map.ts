/**
 * Decides which field each column of a file fills. The user's choice comes
 * first, then the mapping the business saved for that header, its custom
 * field labels and the known header names. A file without a header is read
 * by the original 27-column layout or by what its values look like. Columns
 * left without a field are listed, so the user can map them or leave them out.
 */
import type { OpenedTable } from '../formats/table.ts';
import { cellText } from '../values/cells.ts';
import { type AliasTarget, lookupHeader, normaliseHeader } from './aliases.ts';
import { type CustomFieldKey, type ImportField, isCustomField } from './fields.ts';

export type MappingSource = 'user' | 'saved' | 'header' | 'position' | 'values' | 'vcard';

/**
 * Reason a column fills no field. `unlabelled` is a column whose header or
 * position names a custom field that the business has not named yet, since
 * every value of it would be rejected.
 */
export type UnmappedReason = 'unknown' | 'readOnly' | 'duplicate' | 'ignored' | 'empty' | 'unlabelled';

/** One column of a file and the field it fills; `Field` is a contact field unless the import is of another kind. */
export interface ColumnMapping<Field extends string = ImportField> {
  /** 0-based position in the row. */
  index: number;
  /** The column's name in mappings: its header, or `#N` (1-based) without a usable header. */
  key: string;
  header: string;
  field: Field | null;
  source: MappingSource | null;
  reason: UnmappedReason | null;
  /** A few values from the first rows, as text. */
  sample: string[];
}

export interface MappingInput {
  /** Column key or `#N` → field, or null to leave the column out. */
  user?: Record<string, ImportField | null>;
  /** Normalised header → field (null: left out), as saved by the business. */
  saved?: Map<string, ImportField | null>;
  /** The business's custom field labels, keyed custom1..custom10. */
  customLabels?: Record<string, string>;
}

/** The original system's template, in its column order (the date of birth column is optional). */
export const originalTemplateFields: ImportField[] = [
  'type', 'prefix', 'firstName', 'middleName', 'lastName', 'businessName', 'code', 'taxNumber',
  'openingBalance', 'payTerm', 'payTermUnit', 'creditLimit', 'email', 'mobile', 'alternateNumber', 'landline',
  'city', 'state', 'country', 'addressLine1', 'addressLine2', 'zipCode', 'dateOfBirth',
  'custom1', 'custom2', 'custom3', 'custom4',
];

const phoneTargets: ImportField[] = ['mobile', 'landline', 'alternateNumber'];

interface Candidate {
  column: ColumnMapping;
  target: AliasTarget | null;
  source: MappingSource | null;
  ignored: boolean;
}

export function mapColumns(table: OpenedTable, input: MappingInput = {}): ColumnMapping[] {
  const width = Math.max(table.header.length, ...table.sample.map((row) => row.cells.length), 0);
  const columns = Array.from({ length: width }, (_, index) => newColumn(table, index));
  if (table.fixedFields) {
    return columns.map((column) => ({ ...column, field: table.fixedFields?.[column.index] ?? null, source: 'vcard' }));
  }

  const candidates = columns.map((column) => candidateFor(column, input));
  if (table.headerLine === null) guessWithoutHeader(candidates, table);
  setAsideUnlabelled(candidates, input.customLabels ?? {});
  return resolve(candidates);
}

/**
 * Leaves out the columns that Comptoir's own headers or the original
 * template's positions give to a custom field without a label. A choice of
 * the user or a saved mapping stays, and each of its rows then fails with a
 * message naming where to label the field.
 */
function setAsideUnlabelled(candidates: Candidate[], labels: Record<string, string>): void {
  for (const candidate of candidates) {
    const { target, source } = candidate;
    if (target?.kind !== 'field' || !isCustomField(target.field)) continue;
    if (source !== 'header' && source !== 'position') continue;
    if (labels[target.field]?.trim()) continue;
    candidate.target = null;
    candidate.column.reason = 'unlabelled';
  }
}

function newColumn(table: OpenedTable, index: number): ColumnMapping {
  const header = table.header[index] ?? '';
  const duplicated = header !== '' && table.header.indexOf(header) !== index;
  const sample = table.sample
    .map((row) => cellText(row.cells[index] ?? null))
    .filter((text) => text !== '')
    .slice(0, 5);
  return {
    index,
    key: header === '' || duplicated ? `#${index + 1}` : header,
    header,
    field: null,
    source: null,
    reason: null,
    sample,
  };
}

function candidateFor(column: ColumnMapping, input: MappingInput): Candidate {
  const user = input.user?.[column.key] ?? input.user?.[`#${column.index + 1}`];
  const userGiven = input.user !== undefined && (column.key in input.user || `#${column.index + 1}` in input.user);
  if (userGiven) {
    return user ? { column, target: { kind: 'field', field: user }, source: 'user', ignored: false }
      : { column, target: null, source: 'user', ignored: true };
  }
  if (column.header === '') return { column, target: null, source: null, ignored: false };

  const normalised = normaliseHeader(column.header);
  if (input.saved?.has(normalised)) {
    const saved = input.saved.get(normalised) ?? null;
    return saved ? { column, target: { kind: 'field', field: saved }, source: 'saved', ignored: false }
      : { column, target: null, source: 'saved', ignored: true };
  }
  const custom = customLabelField(normalised, input.customLabels ?? {});
  if (custom) return { column, target: { kind: 'field', field: custom }, source: 'header', ignored: false };
  const target = lookupHeader(column.header);
  return { column, target, source: target ? 'header' : null, ignored: false };
}

function customLabelField(normalised: string, labels: Record<string, string>): CustomFieldKey | null {
  for (const [key, label] of Object.entries(labels)) {
    if (isCustomField(key) && typeof label === 'string' && label.trim() && normaliseHeader(label) === normalised) {
      return key;
    }
  }
  return null;
}

/**
 * Without a header: the original template when the width matches it (27
 * columns, or 26 without the date of birth), else e-mail, phone and name
 * columns recognised by their values. The user confirms or corrects these.
 */
function guessWithoutHeader(candidates: Candidate[], table: OpenedTable): void {
  const free = candidates.filter((candidate) => candidate.source === null);
  if (candidates.length === 27 || candidates.length === 26) {
    const fields = candidates.length === 27
      ? originalTemplateFields
      : originalTemplateFields.filter((field) => field !== 'dateOfBirth');
    for (const candidate of free) {
      const field = fields[candidate.column.index];
      if (field) Object.assign(candidate, { target: { kind: 'field', field }, source: 'position' });
    }
    return;
  }
  const values = (candidate: Candidate) =>
    table.sample.map((row) => cellText(row.cells[candidate.column.index] ?? null)).filter(Boolean);
  const all = (candidate: Candidate, test: (text: string) => boolean) => {
    const texts = values(candidate);
    return texts.length > 0 && texts.every(test);
  };
  for (const candidate of free) {
    if (all(candidate, (text) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text))) {
      Object.assign(candidate, { target: { kind: 'field', field: 'email' }, source: 'values' });
    } else if (all(candidate, looksLikePhone)) {
      Object.assign(candidate, { target: { kind: 'phone' }, source: 'values' });
    }
  }
  const name = free.find((candidate) => candidate.source === null && all(candidate, (text) => /\p{L}{2,}/u.test(text)
    && !/\d/.test(text)));
  if (name) Object.assign(name, { target: { kind: 'field', field: 'fullName' }, source: 'values' });
}

function looksLikePhone(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  return /^\+?[\d\s.\-()/]+$/.test(text) && digits.length >= 8 && digits.length <= 15 && !/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(text);
}

/**
 * Gives the mobile to a phone column that has values when the column named
 * mobile is empty in the first rows, as in Wave exports (an empty `mobile`
 * next to a filled `phone`). The user can map it back.
 */
function yieldEmptyMobile(ranked: Candidate[], taken: Map<ImportField, Candidate>): void {
  const mobile = taken.get('mobile');
  if (!mobile || mobile.source !== 'header' || mobile.column.sample.length > 0) return;
  const phone = ranked.find((candidate) => candidate.target?.kind === 'phone' && candidate.column.sample.length > 0);
  if (!phone) return;
  taken.delete('mobile');
  mobile.column.field = null;
  mobile.column.source = null;
  mobile.column.reason = 'empty';
}

const sourceRank: Record<MappingSource, number> = { user: 0, saved: 1, vcard: 2, header: 3, position: 4, values: 5 };

function resolve(candidates: Candidate[]): ColumnMapping[] {
  const taken = new Map<ImportField, Candidate>();
  const ranked = [...candidates].sort((a, b) =>
    (a.source ? sourceRank[a.source] : 9) - (b.source ? sourceRank[b.source] : 9)
    || Number(b.column.sample.length > 0) - Number(a.column.sample.length > 0)
    || a.column.index - b.column.index);

  const assign = (candidate: Candidate, field: ImportField) => {
    if (taken.has(field)) {
      candidate.column.reason = 'duplicate';
      return;
    }
    taken.set(field, candidate);
    candidate.column.field = field;
    candidate.column.source = candidate.source;
  };

  for (const candidate of ranked) {
    if (candidate.target?.kind === 'field') assign(candidate, candidate.target.field);
  }
  for (const candidate of ranked) {
    if (candidate.target?.kind !== 'nameOrSurname') continue;
    assign(candidate, taken.has('firstName') || taken.has('fullName') ? 'lastName' : 'fullName');
  }
  yieldEmptyMobile(ranked, taken);
  for (const candidate of ranked) {
    if (candidate.target?.kind !== 'phone') continue;
    const field = phoneTargets.find((target) => !taken.has(target));
    if (field) assign(candidate, field);
    else candidate.column.reason = 'duplicate';
  }
  for (const candidate of candidates) {
    const { column } = candidate;
    if (column.field || column.reason) continue;
    if (candidate.ignored) column.reason = 'ignored';
    else if (candidate.target?.kind === 'readOnly') column.reason = 'readOnly';
    else column.reason = 'unknown';
    if (candidate.ignored) column.source = candidate.source;
  }
  return candidates.map((candidate) => candidate.column);
}

