/**
 * A small vCard 2.1 / 3.0 / 4.0 reader written for imports (ical.js 2.2
 * reads 3.0 and 4.0 but not 2.1's quoted-printable values). Lines are
 * unfolded on bytes before decoding, so a fold that splits a multi-byte
 * UTF-8 character still gives the character. Quoted-printable soft line
 * breaks are joined, and PHOTO, LOGO, SOUND and KEY data is skipped without
 * being kept in memory. Each card becomes one row with a cell per import field.
 */
import iconv from 'iconv-lite';
import { importFields, type ImportField } from '../mapping/fields.ts';
import { decodeAll, type DetectedEncoding } from './encoding.ts';
import type { Cell, RawRow } from './table.ts';

/** The columns of a vCard row: every import field, in catalogue order. */
export const vcardColumns: readonly ImportField[] = importFields;

interface Property {
  group: string | null;
  name: string;
  params: Map<string, string[]>;
  value: string;
}

const skippedProperties = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Returns the `X-COMPTOIR-…` property that carries a field vCard has no standard property for. */
export function extensionProperty(field: ImportField): string {
  return `X-COMPTOIR-${field.replace(/([A-Z])/g, '-$1').toUpperCase()}`;
}

const extensionFields = new Map(importFields.map((field) => [extensionProperty(field), field]));

export async function* readVcardRows(bytes: Buffer, encoding: DetectedEncoding): AsyncGenerator<RawRow> {
  const source = encoding.encoding.startsWith('utf-16')
    ? Buffer.from(decodeAll(bytes, encoding), 'utf8')
    : bytes.subarray(encoding.bomLength);
  const fallback = encoding.encoding.startsWith('utf') ? 'windows-1252' : encoding.encoding;

  let card: Property[] | null = null;
  let cardLine = 0;
  let depth = 0;
  for (const { line, bytes: logical } of logicalLines(source)) {
    const property = parseProperty(logical, fallback);
    if (!property) continue;
    if (property.name === 'BEGIN' && /^vcard$/i.test(property.value.trim())) {
      depth += 1;
      if (depth === 1) {
        card = [];
        cardLine = line;
      }
      continue;
    }
    if (property.name === 'END' && /^vcard$/i.test(property.value.trim())) {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && card) {
        yield { line: cardLine, cells: cardCells(card) };
        card = null;
      }
      continue;
    }
    if (card && depth === 1) card.push(property);
  }
  if (card) yield { line: cardLine, cells: cardCells(card) };
}

/** Joins folded lines (leading space or tab) and quoted-printable soft breaks, on bytes. */
function* logicalLines(source: Buffer): Generator<{ line: number; bytes: Buffer }> {
  let current: Buffer[] = [];
  let currentLine = 0;
  let quotedPrintable = false;
  let skipping = false;
  let physical = 0;

  const flush = function* () {
    if (current.length > 0) yield { line: currentLine, bytes: Buffer.concat(current) };
    current = [];
  };

  let start = 0;
  while (start < source.length) {
    let end = source.indexOf(0x0a, start);
    if (end < 0) end = source.length;
    let line = source.subarray(start, end);
    if (line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    start = end + 1;
    physical += 1;

    const folded = line[0] === 0x20 || line[0] === 0x09;
    const last = current[current.length - 1];
    const softBreak = quotedPrintable && last !== undefined && last[last.length - 1] === 0x3d;
    if (current.length > 0 && (folded || softBreak)) {
      if (skipping) continue;
      if (softBreak) current[current.length - 1] = last.subarray(0, last.length - 1);
      current.push(folded && !softBreak ? line.subarray(1) : line);
      continue;
    }
    yield* flush();
    if (line.length === 0) continue;
    current = [line];
    currentLine = physical;
    const colon = line.indexOf(0x3a);
    const head = line.subarray(0, Math.max(0, colon)).toString('latin1').toUpperCase();
    quotedPrintable = head.includes('QUOTED-PRINTABLE');
    skipping = skippedProperties.has(propertyName(head));
    if (skipping) current = [line.subarray(0, colon + 1)];
  }
  yield* flush();
}

/** `item1.TEL;TYPE=CELL` → `TEL`. */
function propertyName(head: string): string {
  const semicolon = head.indexOf(';');
  const qualified = semicolon < 0 ? head : head.slice(0, semicolon);
  return qualified.slice(qualified.lastIndexOf('.') + 1).trim();
}

function parseProperty(bytes: Buffer, fallback: string): Property | null {
  const colon = indexOutsideQuotes(bytes, 0x3a);
  if (colon < 0) return null;
  const head = bytes.subarray(0, colon).toString('latin1');
  const parts = splitOutsideQuotes(head, ';');
  const fullName = (parts.shift() ?? '').trim();
  const dot = fullName.lastIndexOf('.');
  const group = dot >= 0 ? fullName.slice(0, dot) : null;
  const name = (dot >= 0 ? fullName.slice(dot + 1) : fullName).toUpperCase();
  if (!name) return null;

  const params = new Map<string, string[]>();
  for (const part of parts) {
    const equals = part.indexOf('=');
    const key = (equals < 0 ? 'TYPE' : part.slice(0, equals)).trim().toUpperCase();
    const raw = equals < 0 ? part : part.slice(equals + 1);
    const values = splitOutsideQuotes(raw, ',').map((value) => value.trim().replace(/^"|"$/g, ''));
    if (equals < 0 && /^(QUOTED-PRINTABLE|BASE64|8BIT|7BIT|B)$/i.test(part.trim())) {
      params.set('ENCODING', [part.trim()]);
      continue;
    }
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }

  const rawValue = bytes.subarray(colon + 1);
  const encodingParam = (params.get('ENCODING')?.[0] ?? '').toUpperCase();
  if (encodingParam === 'B' || encodingParam === 'BASE64') return { group, name, params, value: '' };
  const charset = params.get('CHARSET')?.[0];
  const valueBytes = encodingParam === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(rawValue) : rawValue;
  return { group, name, params, value: decodeText(valueBytes, charset, fallback) };
}

function indexOutsideQuotes(bytes: Buffer, target: number): number {
  let quoted = false;
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x22) quoted = !quoted;
    else if (bytes[i] === target && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function decodeQuotedPrintable(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] as number;
    if (byte === 0x3d && i + 2 < bytes.length) {
      const hex = bytes.subarray(i + 1, i + 3).toString('latin1');
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out.push(Number.parseInt(hex, 16));
        i += 2;
        continue;
      }
    }
    out.push(byte);
  }
  return Buffer.from(out);
}

function decodeText(bytes: Buffer, charset: string | undefined, fallback: string): string {
  if (charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  try {
    return utf8.decode(bytes);
  } catch {
    return iconv.decode(bytes, fallback);
  }
}

/** Splits a structured value on unescaped `;` and removes the escapes of each part. */
function components(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (char === '\\' && i + 1 < value.length) {
      const next = value[i + 1] as string;
      current += next === 'n' || next === 'N' ? '\n' : next;
      i += 1;
    } else if (char === ';') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

/** Removes the escapes of a text value (`\\,` `\\;` `\\:` `\\\\` `\\n`), keeping `;` as text. */
function text(value: string): string {
  return value.replace(/\\(.)/g, (_, next: string) => (next === 'n' || next === 'N' ? '\n' : next)).trim();
}

function types(property: Property): string[] {
  return (property.params.get('TYPE') ?? []).map((type) => type.toLowerCase());
}

function isPreferred(property: Property): boolean {
  return types(property).includes('pref') || property.params.has('PREF');
}

function preferred(properties: Property[]): Property | undefined {
  return properties.find(isPreferred) ?? properties[0];
}

function cardCells(card: Property[]): Cell[] {
  const values = cardValues(card);
  return vcardColumns.map((field) => values.get(field) ?? null);
}

function cardValues(card: Property[]): Map<ImportField, string> {
  const values = new Map<ImportField, string>();
  const set = (field: ImportField, value: string | undefined) => {
    const cleaned = value?.trim();
    if (cleaned) values.set(field, cleaned);
  };
  const all = (name: string) => card.filter((property) => property.name === name);

  const name = all('N')[0];
  if (name) {
    const [family, given, additional, prefix] = components(name.value).map((part) => part.replace(/,/g, ' ').trim());
    set('lastName', family);
    set('firstName', given);
    set('middleName', additional);
    set('prefix', prefix);
  }
  const organisation = all('ORG')[0];
  if (organisation) set('businessName', components(organisation.value)[0]);
  const formatted = all('FN')[0];
  if (!values.has('lastName') && !values.has('firstName') && formatted) {
    if (!values.has('businessName')) set('fullName', text(formatted.value));
  }
  const kind = all('KIND')[0]?.value.trim().toLowerCase() ?? all('X-ABSHOWAS')[0]?.value.trim().toLowerCase();
  const business = kind === 'org' || kind === 'organization' || kind === 'company'
    || (!values.has('lastName') && !values.has('firstName') && values.has('businessName'));
  set('kind', business ? 'business' : 'individual');

  setPhones(all('TEL'), set);
  const email = preferred(all('EMAIL'));
  if (email) set('email', text(email.value));
  const address = preferred(all('ADR'));
  if (address) setAddress(components(address.value), set);
  const birthday = all('BDAY')[0]?.value.trim();
  // A birthday without a year (`--0415`) is passed on too: the row reader warns that it is left out.
  if (birthday) set('dateOfBirth', birthday);

  for (const property of card) {
    const field = extensionFields.get(property.name);
    if (field) set(field, text(property.value));
  }
  return values;
}

function setPhones(phones: Property[], set: (field: ImportField, value: string | undefined) => void): void {
  const usable = phones.filter((phone) => !types(phone).some((type) => type === 'fax' || type === 'pager'));
  const numbers = usable.map((phone) => ({ phone, number: phoneText(phone) })).filter((entry) => entry.number);
  const has = (phone: Property, wanted: string[]) => types(phone).some((type) => wanted.includes(type));
  // Comptoir's exports mark the alternate number, so it does not take the
  // landline's place when a contact has no landline.
  const alternates = numbers.filter((entry) => has(entry.phone, ['x-alternate']));
  const others = numbers.filter((entry) => !has(entry.phone, ['x-alternate']));
  const isCell = (phone: Property) => has(phone, ['cell', 'mobile', 'iphone']);
  const ordered = [
    ...others.filter((entry) => isCell(entry.phone) && isPreferred(entry.phone)),
    ...others.filter((entry) => isCell(entry.phone) && !isPreferred(entry.phone)),
    ...others.filter((entry) => !isCell(entry.phone) && isPreferred(entry.phone)),
    ...others.filter((entry) => !isCell(entry.phone) && !isPreferred(entry.phone)),
  ];
  const [mobile, landline, alternate] = ordered;
  set('mobile', mobile?.number);
  set('landline', landline?.number);
  set('alternateNumber', alternates[0]?.number ?? alternate?.number);
}

/** `tel:+44-555-555-5555;ext=5555` becomes `+44-555-555-5555 ext. 5555`. */
function phoneText(phone: Property): string {
  const value = phone.value.trim().replace(/\\([,;:\\])/g, '$1');
  if (!/^tel:/i.test(value)) return value;
  const [number = '', ...parameters] = value.slice(4).split(';');
  const extension = parameters.find((parameter) => /^ext=/i.test(parameter))?.slice(4);
  return extension ? `${number} ext. ${extension}` : number;
}

function setAddress(parts: string[], set: (field: ImportField, value: string | undefined) => void): void {
  const [poBox = '', extended = '', street = '', locality = '', region = '', code = '', country = ''] = parts;
  const streetLines = street.split('\n').map((line) => line.trim()).filter(Boolean);
  set('addressLine1', streetLines[0]);
  set('addressLine2', [...streetLines.slice(1), extended, poBox].filter(Boolean).join(', '));
  set('city', locality);
  set('state', region);
  set('zipCode', code);
  set('country', country);
}
