/**
 * Keeps what a merge would otherwise lose of the merged contacts. A merged
 * contact's phone number that the kept contact lacks goes into the kept
 * contact's empty alternate number, then landline field, so searching the
 * number still finds the contact. Every other value that lost to the kept
 * contact's own is written in a note on the kept contact, one note per
 * merged contact, in the business's language.
 */
import type { ContactRow, ContactUpdate } from '../../db/schema.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { Locale } from '../../shared/messages.ts';
import { truncateText } from '../../shared/text.ts';
import { customFieldLabel, isCustomField, parseLabels } from '../../transfer/mapping/fields.ts';
import type { Executor } from '../../db/database.ts';
import { MAX_NOTE_BODY, MAX_NOTE_HEADING, type NoteJson } from '../notes.ts';
import { phoneDigits } from '../phones.ts';
import { loyaltyCardKey } from '../search/search-terms.ts';
import type { ContactBusiness } from '../validate.ts';
import type { ContactActor } from '../visibility.ts';

type Column = Exclude<keyof ContactRow, undefined>;

/** A value of a merged contact that the kept contact did not take. */
export interface Leftover {
  /** API field name, or a custom field key such as `custom1`. */
  field: string;
  value: string;
}

export interface ContactLeftovers {
  contact: Pick<ContactRow, 'id' | 'code' | 'name'>;
  values: Leftover[];
}

/** Phone fields with their typed and E.164 columns, in the order their numbers are placed. */
const phoneFields = [
  { field: 'mobile', typed: 'mobile', e164: 'mobile_e164' },
  { field: 'alternateNumber', typed: 'alternate_number', e164: 'alternate_number_e164' },
  { field: 'landline', typed: 'landline', e164: 'landline_e164' },
] as const;

/** Fields that receive a merged contact's number when the kept contact leaves them empty. */
const freeNumberFields = phoneFields.slice(1);

/**
 * Text fields whose merged value is listed when it differs from the kept
 * one, with the column read and the key that two equal values share. Type,
 * kind, status, code and the money fields are left out: the note names the
 * merged contact's code, and the others are settings rather than details.
 */
const textFields: { field: string; column: Column; key?: (value: string) => string }[] = [
  { field: 'prefix', column: 'prefix' },
  { field: 'firstName', column: 'first_name' },
  { field: 'middleName', column: 'middle_name' },
  { field: 'lastName', column: 'last_name' },
  { field: 'businessName', column: 'business_name' },
  { field: 'email', column: 'email', key: (value) => value.trim().toLowerCase() },
  { field: 'taxNumber', column: 'tax_number', key: (value) => value.replace(/[^0-9a-z]/gi, '').toUpperCase() },
  { field: 'addressLine1', column: 'address_line1' },
  { field: 'addressLine2', column: 'address_line2' },
  { field: 'city', column: 'city' },
  { field: 'state', column: 'state' },
  { field: 'zipCode', column: 'zip_code' },
  { field: 'country', column: 'country' },
  { field: 'shippingAddress', column: 'shipping_address' },
  { field: 'dateOfBirth', column: 'date_of_birth' },
  { field: 'loyaltyCardNumber', column: 'loyalty_card_number', key: loyaltyCardKey },
  { field: 'bankIban', column: 'bank_iban', key: (value) => value.replace(/\s/g, '').toUpperCase() },
  { field: 'bankBic', column: 'bank_bic', key: (value) => value.replace(/\s/g, '').toUpperCase() },
  { field: 'bankHolder', column: 'bank_holder' },
];

/** Folds case, accents and runs of spaces, so `FAURE` and `Fauré ` count as the same value. */
function foldedText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Name parts a merged contact may hold in another order (first and last name swapped) without losing anything. */
const nameFields = new Set(['firstName', 'middleName', 'lastName']);

/** Returns the folded words of a person's first, middle and last names, sorted, so that their order does not count. */
function nameWords(row: ContactRow): string {
  const words = [row.first_name, row.middle_name, row.last_name].flatMap((part) => (part ? foldedText(part).split(' ') : []));
  return words.sort().join(' ');
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** Returns the key two numbers share when they are the same: E.164 when known, else the digits. */
function phoneKey(typed: string, e164: string | null): string {
  return e164 ?? phoneDigits(typed);
}

function customFieldsOf(text: string | null | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Places the merged contacts' numbers that the kept contact lacks into its
 * empty number fields (changing `values`), and returns, per merged contact,
 * the values the kept contact did not take. A number the kept contact had
 * before a choice replaced it is placed the same way, first. A number
 * field named in `fields` keeps the value the user chose, even an empty one.
 */
export function keepMergedValues(
  kept: ContactRow,
  merged: ContactRow[],
  fields: Record<string, string>,
  values: ContactUpdate,
): ContactLeftovers[] {
  const update = values as Record<string, unknown>;
  // The kept contact's empty number fields that no choice names are filled
  // here rather than by the first merged contact with a value, so that each
  // number lands once and a mobile comes before another contact's landline.
  const freeFields = freeNumberFields.filter((phone) => textOf(kept[phone.typed]) === null && fields[phone.field] === undefined);
  for (const phone of freeFields) {
    update[phone.typed] = kept[phone.typed];
    update[phone.e164] = kept[phone.e164];
  }
  const result = { ...kept, ...values } as ContactRow;
  const knownPhones = new Set<string>();
  for (const phone of phoneFields) {
    const typed = textOf(result[phone.typed]);
    if (typed !== null) knownPhones.add(phoneKey(typed, result[phone.e164]));
  }

  /** Places one number of `row` in a free field unless the result has it, and returns it when it found no place. */
  const placeNumber = (row: ContactRow, phone: (typeof phoneFields)[number]): string | null => {
    const typed = textOf(row[phone.typed]);
    if (typed === null) return null;
    const key = phoneKey(typed, row[phone.e164]);
    if (knownPhones.has(key)) return null;
    const free = freeFields.shift();
    if (!free) return typed;
    update[free.typed] = typed;
    update[free.e164] = row[phone.e164];
    knownPhones.add(key);
    return null;
  };

  // The kept contact's own number that a choice in `fields` replaced comes
  // first. Without a free field it is dropped, because the user chose so.
  for (const phone of phoneFields) placeNumber(kept, phone);

  return merged.map((row) => {
    const leftovers: Leftover[] = [];
    for (const phone of phoneFields) {
      const lost = placeNumber(row, phone);
      if (lost !== null) leftovers.push({ field: phone.field, value: lost });
    }
    const sameName = nameWords(row) === nameWords(result);
    for (const text of textFields) {
      if (sameName && nameFields.has(text.field)) continue;
      const value = textOf(row[text.column]);
      const keptValue = textOf(result[text.column]);
      if (value === null) continue;
      const keyOf = text.key ?? foldedText;
      if (keptValue !== null && keyOf(keptValue) === keyOf(value)) continue;
      leftovers.push({ field: text.field, value });
    }
    const keptCustom = customFieldsOf(values.custom_fields ?? kept.custom_fields);
    for (const [key, raw] of Object.entries(customFieldsOf(row.custom_fields))) {
      const value = textOf(raw);
      const keptValue = textOf(keptCustom[key]);
      if (value === null || (keptValue !== null && foldedText(keptValue) === foldedText(value))) continue;
      leftovers.push({ field: key, value });
    }
    return { contact: { id: row.id, code: row.code, name: row.name }, values: leftovers };
  });
}

const noteWording = {
  fr: {
    heading: (name: string, code: string) => `Valeurs non reprises de ${name} (${code})`,
    intro: (name: string, code: string) =>
      `La fusion de ${name} (${code}) dans ce contact n’a pas repris ces valeurs, car ce contact avait déjà les siennes :`,
  },
  en: {
    heading: (name: string, code: string) => `Values not kept from ${name} (${code})`,
    intro: (name: string, code: string) =>
      `Merging ${name} (${code}) into this contact did not keep these values, because this contact already had its own:`,
  },
} as const;

/**
 * Labels of the fields a note names, as the contact form shows them
 * (`contact.fields` in web/src/i18n), so that a reader finds the field the
 * value belongs to. The import's column labels differ for some fields.
 */
const noteFieldLabels: Record<Locale, Record<string, string>> = {
  fr: {
    mobile: 'Mobile', alternateNumber: 'Autre numéro', landline: 'Téléphone fixe', prefix: 'Civilité',
    firstName: 'Prénom', middleName: 'Deuxième prénom', lastName: 'Nom de famille', businessName: 'Raison sociale',
    email: 'E-mail', taxNumber: 'Numéro de TVA', addressLine1: 'Adresse', addressLine2: 'Complément d’adresse',
    city: 'Ville', state: 'Région', zipCode: 'Code postal', country: 'Pays', shippingAddress: 'Adresse de livraison',
    dateOfBirth: 'Date de naissance', loyaltyCardNumber: 'Carte de fidélité', bankIban: 'IBAN', bankBic: 'BIC',
    bankHolder: 'Titulaire du compte',
  },
  en: {
    mobile: 'Mobile', alternateNumber: 'Alternate number', landline: 'Landline', prefix: 'Title',
    firstName: 'First name', middleName: 'Middle name', lastName: 'Last name', businessName: 'Business name',
    email: 'Email', taxNumber: 'VAT number', addressLine1: 'Address', addressLine2: 'Address line 2',
    city: 'City', state: 'State or region', zipCode: 'Postcode', country: 'Country', shippingAddress: 'Shipping address',
    dateOfBirth: 'Date of birth', loyaltyCardNumber: 'Loyalty card', bankIban: 'IBAN', bankBic: 'BIC',
    bankHolder: 'Account holder',
  },
};

/** Returns the label of a leftover's field in `locale`: the form's label, or the business's own for a custom field. */
export function noteFieldLabel(field: string, locale: Locale, customLabels: Record<string, string>): string {
  if (isCustomField(field)) return customFieldLabel(field, locale, customLabels);
  return noteFieldLabels[locale][field] ?? field;
}

/**
 * Writes a value as the note's reader expects it: a country by its name with
 * its code, as « Espagne (ES) », and a birth date with the month in words, as
 * « 6 janvier 1982 ». Other values stay as stored.
 */
function noteValue(leftover: Leftover, locale: Locale): string {
  // A value that is not a two-letter code, which the display names reject, stays as stored.
  if (leftover.field === 'country' && /^[A-Z]{2}$/.test(leftover.value)) {
    const name = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }).of(leftover.value);
    return name ? `${name} (${leftover.value})` : leftover.value;
  }
  if (leftover.field === 'dateOfBirth' && /^\d{4}-\d{2}-\d{2}$/.test(leftover.value)) {
    const date = new Date(`${leftover.value}T00:00:00Z`);
    const format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    return format.format(date);
  }
  return leftover.value;
}

/** Writes the text of one merged contact's note: the heading, then one line per value. */
export function leftoverNoteText(leftovers: ContactLeftovers, business: ContactBusiness): { heading: string; body: string } {
  const locale: Locale = business.locale === 'en' ? 'en' : 'fr';
  const wording = noteWording[locale];
  const customLabels = parseLabels(business.custom_field_labels ?? '{}');
  const separator = locale === 'fr' ? ' : ' : ': ';
  const { name, code } = leftovers.contact;
  const lines = leftovers.values.map(
    (leftover) => `- ${noteFieldLabel(leftover.field, locale, customLabels)}${separator}${noteValue(leftover, locale)}`,
  );
  return {
    heading: truncateText(wording.heading(name, code), MAX_NOTE_HEADING),
    body: truncateText([wording.intro(name, code), ...lines].join('\n'), MAX_NOTE_BODY),
  };
}

/** Adds a note on the kept contact for each merged contact with leftover values, and returns the notes. */
export async function writeLeftoverNotes(
  trx: Executor,
  actor: ContactActor,
  keptId: string,
  business: ContactBusiness,
  leftovers: ContactLeftovers[],
): Promise<NoteJson[]> {
  const notes: NoteJson[] = [];
  const withValues = leftovers.filter((entry) => entry.values.length > 0);
  if (withValues.length === 0) return notes;
  // A merge without a signed-in user writes its notes without an author, as Comptoir's own.
  const author = actor.userId === null
    ? undefined
    : await trx.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirst();
  const now = nowIso();
  for (const entry of withValues) {
    const { heading, body } = leftoverNoteText(entry, business);
    const row = {
      id: newId(),
      business_id: actor.businessId,
      contact_id: keptId,
      author_id: actor.userId,
      heading,
      body,
      is_private: 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('contact_notes').values(row).execute();
    notes.push({
      id: row.id,
      contactId: keptId,
      heading,
      body,
      isPrivate: false,
      authorId: row.author_id,
      authorName: author?.name ?? null,
      createdAt: now,
      updatedAt: now,
    });
  }
  return notes;
}
