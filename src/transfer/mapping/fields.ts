/**
 * The contact fields a column can be mapped to, with the headers Comptoir
 * writes for them in French and English (exports and the template use
 * these, so both import back unchanged).
 */
import type { Locale } from '../../shared/messages.ts';

export const CUSTOM_FIELD_COUNT = 10;

const customFields = [
  'custom1', 'custom2', 'custom3', 'custom4', 'custom5', 'custom6', 'custom7', 'custom8', 'custom9', 'custom10',
] as const;

export const importFields = [
  'type', 'kind', 'prefix', 'firstName', 'middleName', 'lastName', 'businessName', 'fullName',
  'code', 'taxNumber', 'openingBalance', 'openingBalanceDate', 'payTerm', 'payTermUnit', 'creditLimit',
  'email', 'mobile', 'alternateNumber', 'landline', 'addressLine1', 'addressLine2', 'city', 'state',
  'country', 'zipCode', 'shippingAddress', 'dateOfBirth', 'customerGroup', 'loyaltyCardNumber', 'status',
  'bankIban', 'bankBic', 'bankHolder', 'birthYear', 'birthMonth', 'birthDay', ...customFields,
] as const;

export type ImportField = (typeof importFields)[number];
export type CustomFieldKey = (typeof customFields)[number];

/** Columns an export writes that are computed, so an import reads past them. */
export const readOnlyColumns = ['name', 'balance', 'receivable', 'payable', 'createdAt'] as const;
export type ReadOnlyColumn = (typeof readOnlyColumns)[number];

export function isImportField(value: string): value is ImportField {
  return (importFields as readonly string[]).includes(value);
}

export function isCustomField(field: string): field is CustomFieldKey {
  return /^custom([1-9]|10)$/.test(field);
}

type Labels = Record<ImportField | ReadOnlyColumn, string>;

const customLabels = (word: string) =>
  Object.fromEntries(customFields.map((key, i) => [key, `${word} ${i + 1}`])) as Record<CustomFieldKey, string>;

export const fieldLabels: Record<Locale, Labels> = {
  fr: {
    type: 'Type', kind: 'Nature', prefix: 'Civilité', firstName: 'Prénom', middleName: 'Deuxième prénom',
    lastName: 'Nom', businessName: 'Raison sociale', fullName: 'Nom complet', code: 'Code contact',
    taxNumber: 'Numéro de TVA', openingBalance: "Solde d'ouverture",
    openingBalanceDate: "Date du solde d'ouverture", payTerm: 'Délai de paiement',
    payTermUnit: 'Unité du délai', creditLimit: 'Limite de crédit', email: 'E-mail', mobile: 'Mobile',
    alternateNumber: 'Autre téléphone', landline: 'Téléphone fixe', addressLine1: 'Adresse ligne 1',
    addressLine2: 'Adresse ligne 2', city: 'Ville', state: 'Région', country: 'Pays', zipCode: 'Code postal',
    shippingAddress: 'Adresse de livraison', dateOfBirth: 'Date de naissance',
    customerGroup: 'Groupe de clients', loyaltyCardNumber: 'Carte de fidélité', status: 'Statut',
    bankIban: 'IBAN', bankBic: 'BIC', bankHolder: 'Titulaire du compte', birthYear: 'Année de naissance',
    birthMonth: 'Mois de naissance', birthDay: 'Jour de naissance', ...customLabels('Champ personnalisé'),
    name: 'Nom complet (calculé)', balance: 'Solde', receivable: 'À recevoir', payable: 'À payer',
    createdAt: 'Créé le',
  },
  en: {
    type: 'Type', kind: 'Kind', prefix: 'Prefix', firstName: 'First name', middleName: 'Middle name',
    lastName: 'Last name', businessName: 'Business name', fullName: 'Full name', code: 'Contact code',
    taxNumber: 'Tax number', openingBalance: 'Opening balance', openingBalanceDate: 'Opening balance date',
    payTerm: 'Pay term', payTermUnit: 'Pay term unit', creditLimit: 'Credit limit', email: 'Email',
    mobile: 'Mobile', alternateNumber: 'Alternate number', landline: 'Landline',
    addressLine1: 'Address line 1', addressLine2: 'Address line 2', city: 'City', state: 'State',
    country: 'Country', zipCode: 'Zip code', shippingAddress: 'Shipping address',
    dateOfBirth: 'Date of birth', customerGroup: 'Customer group', loyaltyCardNumber: 'Loyalty card',
    status: 'Status', bankIban: 'IBAN', bankBic: 'BIC', bankHolder: 'Account holder', birthYear: 'Birth year',
    birthMonth: 'Birth month', birthDay: 'Birth day', ...customLabels('Custom field'),
    name: 'Full name (computed)', balance: 'Balance', receivable: 'Receivable', payable: 'Payable',
    createdAt: 'Created at',
  },
};

/** Names of fields inside a sentence, for row messages ("ligne 3 : le nom est obligatoire"). */
export const fieldNouns: Record<Locale, Partial<Record<ImportField, string>>> = {
  fr: {
    fullName: 'le nom', lastName: 'le nom', firstName: 'le prénom', businessName: 'la raison sociale',
    mobile: 'le mobile', email: "l'e-mail", type: 'le type', code: 'le code contact',
    payTerm: 'le délai de paiement', payTermUnit: "l'unité du délai",
  },
  en: {
    fullName: 'the name', lastName: 'the last name', firstName: 'the first name',
    businessName: 'the business name', mobile: 'the mobile', email: 'the email', type: 'the type',
    code: 'the contact code', payTerm: 'the pay term', payTermUnit: 'the pay term unit',
  },
};

/** Reads the business's custom field labels (JSON text), an empty set when unreadable. */
export function parseLabels(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Returns the header of a custom field: the business's own label when it set one. */
export function customFieldLabel(key: CustomFieldKey, locale: Locale, labels: Record<string, string>): string {
  return labels[key]?.trim() || fieldLabels[locale][key];
}
