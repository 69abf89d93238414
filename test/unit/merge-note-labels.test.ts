/**
 * A merge writes a note on the kept contact. The note names each value by
 * its field's label on the contact form, in French and in English.
 */
import { describe, expect, it } from 'vitest';
import { leftoverNoteText } from '../../src/contacts/merge/merge-leftovers.ts';
import type { ContactBusiness } from '../../src/contacts/validate.ts';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };

/** Each field a note can name, with its key under `contact.fields` in the web app's translations. */
const noteFields: [field: string, formKey: keyof typeof fr.contact.fields][] = [
  ['mobile', 'mobile'],
  ['alternateNumber', 'alternateNumber'],
  ['landline', 'landline'],
  ['prefix', 'prefix'],
  ['firstName', 'firstName'],
  ['middleName', 'middleName'],
  ['lastName', 'lastName'],
  ['businessName', 'businessName'],
  ['email', 'email'],
  ['taxNumber', 'taxNumber'],
  ['addressLine1', 'addressLine1'],
  ['addressLine2', 'addressLine2'],
  ['city', 'city'],
  ['state', 'state'],
  ['zipCode', 'zipCode'],
  ['country', 'country'],
  ['shippingAddress', 'shippingAddress'],
  ['dateOfBirth', 'dateOfBirth'],
  ['loyaltyCardNumber', 'loyaltyCardNumber'],
  ['bankIban', 'iban'],
  ['bankBic', 'bic'],
  ['bankHolder', 'holder'],
];

function business(locale: 'fr' | 'en', customFieldLabels = '{}'): ContactBusiness {
  return {
    id: 'b1', currency: 'EUR', country: 'FR', timezone: 'Europe/Paris', locale,
    contact_code_prefix: 'CO', custom_field_labels: customFieldLabels,
  };
}

/** Builds the note for one value of `field` and returns its last line. */
function noteLine(field: string, locale: 'fr' | 'en', customFieldLabels?: string): string {
  const leftovers = { contact: { id: 'c2', code: 'CO0002', name: 'Lucie Marchal' }, values: [{ field, value: 'valeur' }] };
  return leftoverNoteText(leftovers, business(locale, customFieldLabels)).body.split('\n').at(-1) ?? '';
}

describe('merge note labels', () => {
  it('alternate number uses form label', () => {
    expect(noteLine('alternateNumber', 'fr')).toBe('- Autre numéro : valeur');
    expect(noteLine('alternateNumber', 'en')).toBe('- Alternate number: valeur');
  });

  it.each(noteFields)('%s label in French', (field, formKey) => {
    expect(noteLine(field, 'fr')).toBe(`- ${fr.contact.fields[formKey]} : valeur`);
  });

  it.each(noteFields)('%s label in English', (field, formKey) => {
    expect(noteLine(field, 'en')).toBe(`- ${en.contact.fields[formKey]}: valeur`);
  });

  it('custom field by business label', () => {
    expect(noteLine('custom2', 'fr', JSON.stringify({ custom2: 'Parrain' }))).toBe('- Parrain : valeur');
    expect(noteLine('custom2', 'en')).toBe('- Custom field 2: valeur');
  });
});
