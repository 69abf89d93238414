/**
 * Turns one row of a file into the input of the contact use cases. Each
 * mapped cell is read with the parser of its field: amounts and dates in the
 * file's conventions, phones and zip codes from numeric cells, choices in
 * French or English. Values it cannot read become row issues naming the
 * column. Every other rule is left to the use case, which applies it as for
 * a contact typed in the app.
 */
import type { ContactInput } from '../../contacts/model.ts';
import { formatDecimal, formatMoney, MAX_AMOUNT_MINOR, minorDigits } from '../../shared/money.ts';
import type { MessageParams } from '../../shared/messages.ts';
import type { Cell, RawRow } from '../formats/table.ts';
import type { ColumnMapping } from '../mapping/auto-map.ts';
import { type ImportField, isCustomField, isImportField } from '../mapping/fields.ts';
import { normaliseHeader } from '../mapping/aliases.ts';
import { type AmountLocale, amountFromNumber, parseAmount } from '../values/amount.ts';
import { cellText, phoneFromNumber, zipFromNumber } from '../values/cells.ts';
import { readKind, readPayTerm, readStatus, readType } from '../values/choices.ts';
import { countryCode } from '../values/country.ts';
import { type DateOrder, type DateResult, dateFromCell, dateFromSerial, parseDate } from '../values/date.ts';

export interface RowContext {
  currency: string;
  /** Decimal comma (`fr`) or point (`en`) for amounts written as text. */
  numberLocale: AmountLocale;
  dateOrder: DateOrder;
  today: string;
  businessCountry: string;
  /** Normalised customer group name → id. */
  groups: Map<string, string>;
}

export interface CellIssue {
  /** The field whose column contains the value. */
  field: ImportField;
  value: string;
  code: string;
  params?: MessageParams;
}

export interface RowInput {
  line: number;
  input: ContactInput;
  /** Values that could not be read: the row is invalid. */
  issues: CellIssue[];
  /** Values read with a correction the user should check. */
  warnings: CellIssue[];
  /** Field → its cell text, for messages. */
  values: Map<ImportField, string>;
}

type Values = Map<ImportField, Cell>;

export function rowInput(row: RawRow, columns: ColumnMapping[], context: RowContext): RowInput {
  const cells: Values = new Map();
  const texts = new Map<ImportField, string>();
  for (const column of columns) {
    if (!column.field) continue;
    const cell = row.cells[column.index] ?? null;
    const text = cellText(cell);
    if (text === '') continue;
    cells.set(column.field, cell);
    texts.set(column.field, text);
  }

  const result: RowInput = { line: row.line, input: {}, issues: [], warnings: [], values: texts };
  const text = (field: ImportField) => texts.get(field);
  const fail = (field: ImportField, code: string, params?: MessageParams) =>
    result.issues.push({ field, value: text(field) ?? '', code, params: { value: text(field) ?? '', ...params } });
  const warn = (field: ImportField, code: string, params?: MessageParams) =>
    result.warnings.push({ field, value: text(field) ?? '', code, params: { value: text(field) ?? '', ...params } });
  const input = result.input;

  readNames(input, text);
  readChoices(input, text, fail);
  const country = readCountry(input, text, fail);
  const phoneCountry = country ?? context.businessCountry;
  readPhones(input, cells, text, phoneCountry, result);
  readPlainText(input, text, warn);
  readZip(input, cells, text, phoneCountry);
  readAmounts(input, cells, text, context, fail);
  readDates(input, cells, text, context, fail, warn);
  readBirthParts(input, text, fail);
  readPayTermFields(input, cells, text, fail);
  readGroup(input, text, context, fail);
  readBank(input, text);
  readCustomFields(input, texts);
  return result;
}

type Text = (field: ImportField) => string | undefined;
type Fail = (field: ImportField, code: string, params?: MessageParams) => void;

/**
 * Reads the name parts. A whole-name column fills the first name when the
 * row has no parts, because its words cannot be split reliably (`Grunberg
 * Laurence` puts the surname first). Next to parts that it does not repeat
 * (a client `Krajcik DVM` with a contact person `Terrill Ondricka`), it is
 * kept as the business name instead.
 */
function readNames(input: ContactInput, text: Text): void {
  for (const field of ['prefix', 'firstName', 'middleName', 'lastName', 'businessName'] as const) {
    const value = text(field);
    if (value !== undefined) input[field] = value;
  }
  const fullName = text('fullName');
  if (fullName === undefined) return;
  if (input.firstName === undefined && input.lastName === undefined) {
    input.firstName = fullName;
    return;
  }
  const words = normaliseHeader(fullName);
  const parts = [input.firstName, input.lastName].filter((part): part is string => typeof part === 'string');
  const repeatsParts = parts.every((part) => words.includes(normaliseHeader(part)));
  if (!repeatsParts && input.businessName === undefined) input.businessName = fullName;
}

function readChoices(input: ContactInput, text: Text, fail: Fail): void {
  const type = text('type');
  if (type !== undefined) {
    const value = readType(type);
    if (value) input.type = value;
    else fail('type', 'invalid_enum', { allowed: '1, 2, 3, client, fournisseur, les deux' });
  }
  const kind = text('kind');
  if (kind !== undefined) {
    const value = readKind(kind);
    if (value) input.kind = value;
    else fail('kind', 'invalid_enum', { allowed: 'particulier, entreprise' });
  }
  const status = text('status');
  if (status !== undefined) {
    const value = readStatus(status);
    if (value) input.status = value;
    else fail('status', 'invalid_enum', { allowed: 'actif, inactif' });
  }
}

function readCountry(input: ContactInput, text: Text, fail: Fail): string | null {
  const country = text('country');
  if (country === undefined) return null;
  const code = countryCode(country);
  if (!code) {
    fail('country', 'invalid_country');
    return null;
  }
  input.country = code;
  return code;
}

function readPhones(input: ContactInput, cells: Values, text: Text, country: string, result: RowInput): void {
  for (const field of ['mobile', 'alternateNumber', 'landline'] as const) {
    const cell = cells.get(field);
    if (typeof cell === 'number') {
      const restored = phoneFromNumber(cell, country);
      if (!restored) {
        result.issues.push({ field, value: cellText(cell), code: 'invalid_phone', params: { value: cellText(cell) } });
        continue;
      }
      input[field] = restored.text;
      if (restored.restoredFrom) {
        result.warnings.push({
          field, value: restored.restoredFrom, code: 'phone_restored',
          params: { value: restored.restoredFrom, restored: restored.text },
        });
      }
      continue;
    }
    const value = text(field);
    if (value !== undefined) input[field] = value;
  }
}

const plainFields = [
  'code', 'email', 'taxNumber', 'addressLine1', 'addressLine2', 'city', 'state', 'shippingAddress',
  'loyaltyCardNumber',
] as const;

/** Codes that other software writes to mean "generate one". */
const generatedCode = /^\(?(auto|automatique|automatic)\)?$/i;

/** Check-box values that some exports put in address columns. */
const checkboxValue = /^(true|false|yes|no|oui|non|vrai|faux)$/i;

function readPlainText(input: ContactInput, text: Text, warn: Fail): void {
  for (const field of plainFields) {
    const value = text(field);
    if (value === undefined) continue;
    if (field === 'code' && generatedCode.test(value)) continue;
    if (field === 'shippingAddress' && checkboxValue.test(value)) {
      warn(field, 'value_not_an_address');
      continue;
    }
    input[field] = value;
  }
}

function readZip(input: ContactInput, cells: Values, text: Text, country: string): void {
  const cell = cells.get('zipCode');
  if (typeof cell === 'number') {
    input.zipCode = zipFromNumber(cell, country) ?? cellText(cell);
    return;
  }
  const value = text('zipCode');
  if (value !== undefined) input.zipCode = value;
}

function readAmounts(input: ContactInput, cells: Values, text: Text, context: RowContext, fail: Fail): void {
  for (const field of ['openingBalance', 'creditLimit'] as const) {
    const cell = cells.get(field);
    if (cell === undefined) continue;
    const parsed = typeof cell === 'number'
      ? amountFromNumber(cell, context.currency)
      : parseAmount(text(field) ?? '', context.currency, context.numberLocale);
    if (!parsed.ok) {
      const example = context.numberLocale === 'fr' ? '1 234,50' : '1,234.50';
      const max = formatMoney(MAX_AMOUNT_MINOR, context.currency, context.numberLocale);
      fail(field, parsed.code, { digits: minorDigits(context.currency), example, max });
    } else if (parsed.minor !== null) {
      input[field] = formatDecimal(parsed.minor, context.currency);
    }
  }
}

function readDates(input: ContactInput, cells: Values, text: Text, context: RowContext, fail: Fail, warn: Fail): void {
  for (const field of ['dateOfBirth', 'openingBalanceDate'] as const) {
    const cell = cells.get(field);
    if (cell === undefined) continue;
    // A phone's birthday without a year (vCard `--0415` or `--04-15`) is not a date Comptoir can keep.
    if (field === 'dateOfBirth' && typeof cell === 'string' && /^--\d{2}-?\d{2}$/.test(cell.trim())) {
      warn(field, 'birth_date_no_year');
      continue;
    }
    let parsed: DateResult;
    if (cell instanceof Date) parsed = dateFromCell(cell);
    else if (typeof cell === 'number') parsed = dateFromSerial(cell);
    else parsed = parseDate(text(field) ?? '', { order: context.dateOrder, today: context.today });
    if (!parsed.ok) fail(field, 'import_invalid_date', { format: context.dateOrder });
    else if (parsed.date) input[field] = parsed.date;
  }
}

/** Builds the birth date from year, month and day columns, as Thunderbird exports it. */
function readBirthParts(input: ContactInput, text: Text, fail: Fail): void {
  const parts = (['birthYear', 'birthMonth', 'birthDay'] as const).map((field) => text(field));
  if (parts.every((part) => part === undefined)) return;
  const [year, month, day] = parts;
  if (!year || !month || !day || ![year, month, day].every((part) => /^\d{1,4}$/.test(part))) {
    let field: ImportField = 'birthDay';
    if (!month) field = 'birthMonth';
    if (!year) field = 'birthYear';
    return fail(field, 'birth_date_incomplete');
  }
  const parsed = parseDate(`${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, { order: 'dmy', today: '9999-12-31' });
  if (!parsed.ok || !parsed.date || year.length !== 4) return fail('birthDay', 'birth_date_incomplete');
  if (input.dateOfBirth === undefined) input.dateOfBirth = parsed.date;
}

function readPayTermFields(input: ContactInput, cells: Values, text: Text, fail: Fail): void {
  const numberText = text('payTerm');
  const unitText = text('payTermUnit');
  if (numberText === undefined && unitText === undefined) return;
  const numberCell = cells.get('payTerm');
  const term = typeof numberCell === 'number' && Number.isInteger(numberCell)
    ? { number: numberCell, unit: null, endOfMonth: false }
    : readPayTerm(numberText ?? '');
  const unit = readPayTerm(unitText ?? '');
  if (!term) return fail('payTerm', 'pay_term_unreadable');
  if (!unit || unit.number !== null) return fail('payTermUnit', 'pay_term_unreadable');
  if (term.number === null) {
    if (numberText !== undefined) fail('payTerm', 'pay_term_unreadable');
    return;
  }
  input.payTerm = {
    number: term.number,
    // A bare number of days is how pay terms are usually written.
    unit: term.unit ?? unit.unit ?? 'days',
    endOfMonth: term.endOfMonth || unit.endOfMonth,
  };
}

function readGroup(input: ContactInput, text: Text, context: RowContext, fail: Fail): void {
  const name = text('customerGroup');
  if (name === undefined) return;
  const id = context.groups.get(normaliseHeader(name));
  if (id) input.customerGroupId = id;
  else fail('customerGroup', 'group_not_found');
}

function readBank(input: ContactInput, text: Text): void {
  const iban = text('bankIban');
  const bic = text('bankBic');
  const holder = text('bankHolder');
  if (iban === undefined && bic === undefined && holder === undefined) return;
  input.bankAccount = {
    ...(iban === undefined ? {} : { iban }),
    ...(bic === undefined ? {} : { bic }),
    ...(holder === undefined ? {} : { holder }),
  };
}

function readCustomFields(input: ContactInput, texts: Map<ImportField, string>): void {
  const fields: Record<string, string> = {};
  for (const [field, value] of texts) if (isCustomField(field)) fields[field] = value;
  if (Object.keys(fields).length > 0) input.customFields = fields;
}

/**
 * Finds the import field whose column fed an input path of the contact use
 * case (`payTerm.unit` → payTermUnit, `firstName` → fullName when only a
 * whole-name column is mapped).
 */
export function fieldOfPath(path: string, mapped: ReadonlySet<ImportField>): ImportField | null {
  const [head = '', tail] = path.split('.');
  switch (head) {
    case 'firstName':
      return !mapped.has('firstName') && mapped.has('fullName') ? 'fullName' : 'firstName';
    case 'payTerm':
      return tail === 'unit' && mapped.has('payTermUnit') ? 'payTermUnit' : 'payTerm';
    case 'bankAccount':
      if (tail === 'bic') return 'bankBic';
      return tail === 'holder' ? 'bankHolder' : 'bankIban';
    case 'customFields':
      return tail && isCustomField(tail) ? tail : null;
    case 'customerGroupId':
      return 'customerGroup';
    default:
      return isImportField(head) ? head : null;
  }
}
