/**
 * Writes contacts as vCard 4.0 (RFC 6350) or 3.0 (RFC 2426): UTF-8, CRLF,
 * lines folded at 75 octets without splitting a character. The standard
 * properties carry names, phones, e-mail, address and birthday. The fields
 * vCard has no property for go in `X-COMPTOIR-…` properties, which the
 * import reads back.
 */
import type { ContactRow } from '../../db/schema.ts';
import { formatDecimal } from '../../shared/money.ts';
import { extensionProperty } from '../formats/vcard-read.ts';
import type { ImportField } from '../mapping/fields.ts';

export type VcardVersion = '4.0' | '3.0';

export interface VcardContext {
  version: VcardVersion;
  currency: string;
  groupNames: Map<string, string>;
  /** False leaves out the opening balance, for a user without `ledger.view`; true when absent. */
  figures?: boolean;
}

/** Escapes a text value: backslash, comma, semicolon and line breaks. */
function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r?\n/g, '\\n');
}

function structured(parts: (string | null)[]): string {
  return parts.map((part) => escape(part ?? '')).join(';');
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  // Measured before any Buffer is made: most lines are short.
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const bytes = Buffer.from(line, 'utf8');
  const pieces: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // 0b10xxxxxx bytes continue a character: step back to its first byte.
    while (end < bytes.length && end > start && ((bytes[end] as number) & 0xc0) === 0x80) end -= 1;
    pieces.push(bytes.toString('utf8', start, end));
    start = end;
    limit = 74;
  }
  return pieces.join('\r\n ');
}

function compactDate(iso: string): string {
  return iso.replace(/-/g, '');
}

function extension(field: ImportField, value: string | number | null): string | null {
  if (value === null || value === '') return null;
  return `${extensionProperty(field)}:${escape(String(value))}`;
}

export function vcard(row: ContactRow, context: VcardContext): string {
  const figures = context.figures !== false;
  const v4 = context.version === '4.0';
  const lines: (string | null)[] = ['BEGIN:VCARD', `VERSION:${context.version}`];
  lines.push(`FN:${escape(row.name)}`);
  lines.push(`N:${structured([row.last_name, row.first_name, row.middle_name, row.prefix, null])}`);
  if (row.business_name) lines.push(`ORG:${escape(row.business_name)}`);
  if (v4) lines.push(`KIND:${row.kind === 'business' ? 'org' : 'individual'}`);
  else if (row.kind === 'business') lines.push('X-ABSHOWAS:COMPANY');

  if (row.mobile) lines.push(`TEL;TYPE=${v4 ? 'cell' : 'CELL'}:${escape(row.mobile)}`);
  if (row.landline) lines.push(`TEL;TYPE=${v4 ? 'home,voice' : 'HOME,VOICE'}:${escape(row.landline)}`);
  if (row.alternate_number) lines.push(`TEL;TYPE=${v4 ? 'voice,x-alternate' : 'VOICE,X-ALTERNATE'}:${escape(row.alternate_number)}`);
  if (row.email) lines.push(`EMAIL:${escape(row.email)}`);
  const hasAddress = [row.address_line1, row.address_line2, row.city, row.state, row.zip_code, row.country].some(Boolean);
  if (hasAddress) {
    lines.push(`ADR:${structured([null, row.address_line2, row.address_line1, row.city, row.state, row.zip_code, row.country])}`);
  }
  if (row.date_of_birth) lines.push(`BDAY:${v4 ? compactDate(row.date_of_birth) : row.date_of_birth}`);

  const group = row.customer_group_id ? context.groupNames.get(row.customer_group_id) ?? null : null;
  const payTermUnit = row.pay_term_unit ? `${row.pay_term_unit}${row.pay_term_end_of_month ? ' end of month' : ''}` : null;
  lines.push(
    extension('code', row.code),
    extension('type', row.type),
    extension('kind', row.kind),
    extension('taxNumber', row.tax_number),
    extension('openingBalance', !figures || row.opening_balance === 0 ? null : formatDecimal(Number(row.opening_balance), context.currency)),
    extension('openingBalanceDate', figures ? row.opening_balance_date : null),
    extension('creditLimit', row.credit_limit === null ? null : formatDecimal(Number(row.credit_limit), context.currency)),
    extension('payTerm', row.pay_term_number),
    extension('payTermUnit', payTermUnit),
    extension('customerGroup', group),
    extension('loyaltyCardNumber', row.loyalty_card_number),
    extension('status', row.status),
    extension('shippingAddress', row.shipping_address),
    extension('bankIban', row.bank_iban),
    extension('bankBic', row.bank_bic),
    extension('bankHolder', row.bank_holder),
    ...customExtensions(row),
  );
  lines.push('END:VCARD');
  return `${lines.filter((line): line is string => line !== null).map(foldLine).join('\r\n')}\r\n`;
}

function customExtensions(row: ContactRow): (string | null)[] {
  let fields: Record<string, unknown> = {};
  try {
    fields = JSON.parse(row.custom_fields || '{}') as Record<string, unknown>;
  } catch {
    return [];
  }
  return Object.entries(fields)
    .filter(([key, value]) => /^custom([1-9]|10)$/.test(key) && typeof value === 'string' && value !== '')
    .map(([key, value]) => extension(key as ImportField, value as string));
}

/** Cards per chunk, for chunks of some ten kilobytes (see CHUNK_ROWS in csv.ts). */
const CHUNK_CARDS = 32;

export async function* vcardChunks(pages: AsyncIterable<ContactRow[]>, context: VcardContext): AsyncGenerator<string> {
  for await (const rows of pages) {
    for (let start = 0; start < rows.length; start += CHUNK_CARDS) {
      yield rows.slice(start, start + CHUNK_CARDS).map((row) => vcard(row, context)).join('');
    }
  }
}
