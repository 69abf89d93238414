/**
 * Reads one row of a sales file: the sale's reference, the sale values the
 * row gives (date, customer, status…) and its line (product, quantity,
 * prices, discount, tax rate). Each cell is read with the parser of its
 * field, in the file's conventions, and a value that cannot be read
 * becomes an issue naming its column. Products, customers and every rule
 * of a sale are left to the caller and the sale use case.
 */
import type { PayTerm } from '../../../documents/pay-terms.ts';
import type { MessageParams } from '../../../shared/messages.ts';
import { formatMoney, MAX_AMOUNT_MINOR, minorDigits } from '../../../shared/money.ts';
import type { Cell, RawRow } from '../../formats/table.ts';
import { normaliseHeader } from '../../mapping/aliases.ts';
import { type AmountLocale, amountFromNumber, parseAmount } from '../../values/amount.ts';
import { cellText } from '../../values/cells.ts';
import { readPayTerm } from '../../values/choices.ts';
import { type DateOrder, dateFromCell, dateFromSerial, parseDate } from '../../values/date.ts';
import type { SaleImportField } from './fields.ts';
import type { SaleColumnMapping } from './map-columns.ts';

export interface SaleRowContext {
  currency: string;
  /** Decimal comma (`fr`) or point (`en`) for amounts written as text. */
  numberLocale: AmountLocale;
  dateOrder: DateOrder;
  today: string;
}

/** The values that belong to the whole sale. */
export interface SaleValues {
  date: string;
  /** A contact code, loyalty card number, e-mail address or mobile number. */
  customer: string;
  /** A location's name. */
  location: string;
  status: 'final' | 'parked';
  /** Null: due on the sale's date (`comptant`). */
  payTerm: PayTerm | null;
  redeemPoints: number;
  /** The amount paid with the sale, in minor units. */
  paid: number;
  /** A payment method's code or label, as the file writes it. */
  paymentMethod: string;
  note: string;
}

/** The line a row gives, with numbers as API decimals and prices in minor units. */
export interface SaleLineValues {
  sku: string | null;
  description: string | null;
  quantity: string | null;
  /** Before tax. */
  unitPrice: number | null;
  unitPriceWithTax: number | null;
  discountPercent: string | null;
  taxRate: string | null;
}

export interface SaleCellIssue {
  field: SaleImportField;
  value: string;
  code: string;
  params?: MessageParams;
}

export interface SaleRow {
  line: number;
  reference: string | null;
  /** The sale values this row gives; an empty cell gives none. */
  sale: Partial<SaleValues>;
  item: SaleLineValues;
  issues: SaleCellIssue[];
  /** Field → its cell text, for messages and for comparing the lines of a sale. */
  texts: Map<SaleImportField, string>;
}

/** Maximum length of a sale reference, as for the other references Comptoir stores. */
export const MAX_REFERENCE_LENGTH = 100;
const MAX_TEXT_LENGTH = { description: 500, note: 2000 } as const;
const MAX_REDEEM_POINTS = 1_000_000_000;

export function readSaleRow(row: RawRow, columns: SaleColumnMapping[], context: SaleRowContext): SaleRow {
  const cells = new Map<SaleImportField, Cell>();
  const texts = new Map<SaleImportField, string>();
  for (const column of columns) {
    if (!column.field) continue;
    const cell = row.cells[column.index] ?? null;
    const text = cellText(cell);
    if (text === '') continue;
    cells.set(column.field, cell);
    texts.set(column.field, text);
  }

  const result: SaleRow = {
    line: row.line,
    reference: texts.get('reference') ?? null,
    sale: {},
    item: {
      sku: texts.get('sku') ?? null,
      description: texts.get('description') ?? null,
      quantity: null,
      unitPrice: null,
      unitPriceWithTax: null,
      discountPercent: null,
      taxRate: null,
    },
    issues: [],
    texts,
  };
  const fail = (field: SaleImportField, code: string, params?: MessageParams) => {
    const value = texts.get(field) ?? '';
    result.issues.push({ field, value, code, params: { value, ...params } });
  };

  readTexts(result, fail);
  readSaleValues(result, cells, context, fail);
  readLineNumbers(result, cells, context, fail);
  return result;
}

type Fail = (field: SaleImportField, code: string, params?: MessageParams) => void;

function readTexts(result: SaleRow, fail: Fail): void {
  if (result.reference !== null && result.reference.length > MAX_REFERENCE_LENGTH) {
    fail('reference', 'too_long', { max: MAX_REFERENCE_LENGTH });
  }
  if (result.item.description !== null && result.item.description.length > MAX_TEXT_LENGTH.description) {
    fail('description', 'too_long', { max: MAX_TEXT_LENGTH.description });
  }
  for (const field of ['customer', 'location', 'paymentMethod', 'note'] as const) {
    const text = result.texts.get(field);
    if (text !== undefined) result.sale[field] = text;
  }
  if ((result.sale.note?.length ?? 0) > MAX_TEXT_LENGTH.note) fail('note', 'too_long', { max: MAX_TEXT_LENGTH.note });
}

function readSaleValues(result: SaleRow, cells: Map<SaleImportField, Cell>, context: SaleRowContext, fail: Fail): void {
  const dateCell = cells.get('date');
  if (dateCell !== undefined) {
    let parsed;
    if (dateCell instanceof Date) parsed = dateFromCell(dateCell);
    else if (typeof dateCell === 'number') parsed = dateFromSerial(dateCell);
    else parsed = parseDate(result.texts.get('date') ?? '', { order: context.dateOrder, today: context.today });
    if (parsed.ok && parsed.date) result.sale.date = parsed.date;
    else fail('date', 'import_invalid_date', { format: context.dateOrder });
  }

  const status = result.texts.get('status');
  if (status !== undefined) {
    const value = readSaleStatus(status);
    if (value) result.sale.status = value;
    else fail('status', 'invalid_enum', { allowed: 'validée, en attente (final, parked)' });
  }

  const term = result.texts.get('payTerm');
  if (term !== undefined) {
    const value = readSalePayTerm(term, cells.get('payTerm') ?? null);
    if (value === undefined) fail('payTerm', 'pay_term_unreadable');
    else result.sale.payTerm = value;
  }

  const points = result.texts.get('redeemPoints');
  if (points !== undefined) {
    const cell = cells.get('redeemPoints');
    const digits = points.replace(/[\s\u00a0\u202f]/g, '');
    let value = Number.NaN;
    if (typeof cell === 'number') value = cell;
    else if (/^\d{1,10}$/.test(digits)) value = Number(digits);
    if (Number.isSafeInteger(value) && value >= 0 && value <= MAX_REDEEM_POINTS) result.sale.redeemPoints = value;
    else fail('redeemPoints', 'import_sale_points_invalid');
  }

  const paid = readMoney(cells.get('paid'), result.texts.get('paid'), context);
  if (paid?.ok) result.sale.paid = paid.minor;
  else if (paid) fail('paid', paid.code, paid.params);
}

type MoneyCell = { ok: true; minor: number } | { ok: false; code: string; params?: MessageParams };

/** Reads an amount that may not be negative, or returns undefined for an empty cell. */
function readMoney(cell: Cell | undefined, text: string | undefined, context: SaleRowContext): MoneyCell | undefined {
  if (cell === undefined) return undefined;
  const parsed = typeof cell === 'number'
    ? amountFromNumber(cell, context.currency)
    : parseAmount(text ?? '', context.currency, context.numberLocale);
  if (!parsed.ok) {
    const params = {
      digits: minorDigits(context.currency),
      example: context.numberLocale === 'fr' ? '1 234,50' : '1,234.50',
      max: formatMoney(MAX_AMOUNT_MINOR, context.currency, context.numberLocale),
    };
    return { ok: false, code: parsed.code, params };
  }
  if (parsed.minor === null) return undefined;
  if (parsed.minor < 0) return { ok: false, code: 'amount_negative' };
  return { ok: true, minor: parsed.minor };
}

function readLineNumbers(result: SaleRow, cells: Map<SaleImportField, Cell>, context: SaleRowContext, fail: Fail): void {
  const item = result.item;
  const quantity = readScaled(cells.get('quantity'), result.texts.get('quantity'), 3);
  if (quantity === null) fail('quantity', 'invalid_quantity');
  else item.quantity = quantity ?? null;

  for (const field of ['discountPercent', 'taxRate'] as const) {
    const value = readScaled(cells.get(field), result.texts.get(field), 2);
    if (value === null) fail(field, 'invalid_percent');
    else item[field] = value ?? null;
  }

  for (const field of ['unitPrice', 'unitPriceWithTax'] as const) {
    const price = readMoney(cells.get(field), result.texts.get(field), context);
    if (price?.ok) item[field] = price.minor;
    else if (price) fail(field, price.code, price.params);
  }
}

const statuses: Record<string, SaleValues['status']> = {
  final: 'final', finale: 'final', valide: 'final', validee: 'final', validated: 'final', confirmed: 'final',
  confirme: 'final', confirmee: 'final', paid: 'final', payee: 'final', paye: 'final', completed: 'final',
  complete: 'final', terminee: 'final', termine: 'final', done: 'final',
  parked: 'parked', 'en attente': 'parked', attente: 'parked', suspendue: 'parked', suspendu: 'parked',
  suspended: 'parked', 'on hold': 'parked', hold: 'parked', pending: 'parked', draft: 'parked', brouillon: 'parked',
};

/** Reads a sale status in French or English; null when the text names none. */
export function readSaleStatus(text: string): SaleValues['status'] | null {
  return statuses[normaliseHeader(text)] ?? null;
}

const dueAtOnce = new Set(['comptant', 'cash', 'immediat', 'a reception', 'reception', 'due on receipt', 'immediate']);

/**
 * Reads a pay term (`30`, `30 jours`, `2 mois fin de mois`), or null for a
 * sale due at once (`comptant`). Returns undefined when the text is no term.
 */
export function readSalePayTerm(text: string, cell: Cell): PayTerm | null | undefined {
  if (dueAtOnce.has(normaliseHeader(text))) return null;
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 ? { number: cell, unit: 'days', endOfMonth: false } : undefined;
  const parts = readPayTerm(text);
  if (!parts || parts.number === null) return undefined;
  return { number: parts.number, unit: parts.unit ?? 'days', endOfMonth: parts.endOfMonth };
}

/**
 * Reads a quantity or a percentage as an API decimal with at most `digits`
 * decimals: `1,5`, `1.5`, `20 %`, or a spreadsheet number. Returns undefined
 * for an empty cell and null for a value that cannot be read.
 */
export function readScaled(cell: Cell | undefined, text: string | undefined, digits: number): string | null | undefined {
  if (cell === undefined || text === undefined) return undefined;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return null;
    const fixed = cell.toFixed(digits);
    if (Math.abs(Number(fixed) - cell) > 1e-9 * Math.max(1, cell)) return null;
    return trimZeros(fixed);
  }
  const plain = text.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '').replace(',', '.');
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(plain);
  if (!match) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return null;
  return fraction ? `${match[1]}.${fraction}` : (match[1] ?? '');
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
