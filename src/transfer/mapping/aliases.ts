/**
 * Header names that map to each field, in French and English with their
 * common variants, the headers of Comptoir's own exports and template, and
 * the original 27-column template (`CONTACT TYPE`, `ALT. CONTACT NO.`,
 * `DOB`…). Every alias is written normalised (see `normaliseHeader`).
 */
import { type ImportField, type ReadOnlyColumn, fieldLabels, importFields, readOnlyColumns } from './fields.ts';

/**
 * Lower case, accents removed, ligatures expanded, and every run of other
 * characters turned into one space: `Solde d'ouverture` → `solde d ouverture`.
 */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Normalises a header without its hints in brackets and required-field stars: `Email *` → `email`. */
export function strippedHeader(text: string): string {
  return normaliseHeader(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\*/g, ' '));
}

/**
 * Headers that name a phone without saying which: the first such column
 * with values becomes the mobile (required), the next ones landline and
 * alternate number, unless the file has columns that name those.
 */
export const genericPhoneAliases = [
  'telephone', 'tel', 'phone', 'phone number', 'numero de telephone', 'n telephone', 'no telephone',
  'num telephone', 'telephone 1', 'phone 1', 'phone 1 value', 'contact number', 'contact no',
  'work phone', 'telephone travail', 'business phone',
];

/** `Nom` is the last name next to a first-name column, and the whole name without one. */
export const surnameOrNameAliases = ['nom', 'nom s'];

const aliases: Record<ImportField, string[]> = {
  type: ['type', 'contact type', 'type de contact', 'type contact', 'type de tiers', 'client fournisseur'],
  kind: ['kind', 'nature', 'type de personne', 'particulier entreprise', 'individual business'],
  prefix: ['prefix', 'prefixe', 'civilite', 'title', 'titre', 'name prefix', 'salutation', 'appellation'],
  firstName: [
    'first name', 'firstname', 'prenom', 'prenoms', 'given name', 'contact first name', 'forename',
    'prenom du contact',
  ],
  middleName: ['middle name', 'second prenom', 'deuxieme prenom', 'autres prenoms', 'additional name', 'middle'],
  lastName: [
    'last name', 'lastname', 'nom de famille', 'family name', 'surname', 'contact last name', 'nom du contact',
    'patronyme',
  ],
  businessName: [
    'business name', 'company', 'company name', 'societe', 'entreprise', 'raison sociale', 'organisation',
    'organization', 'organisme', 'nom de l entreprise', 'nom de la societe', 'organization 1 name', 'enseigne',
    'denomination',
  ],
  fullName: [
    'name', 'full name', 'nom complet', 'display name', 'nom prenom', 'prenom nom', 'nom et prenom',
    'nom prenoms', 'customer name', 'client name', 'nom du client', 'client', 'contact name', 'contact',
    'nom affiche', 'nom d affichage', 'identite',
  ],
  code: [
    'code', 'contact id', 'contact code', 'code contact', 'code client', 'customer code', 'client code',
    'code fournisseur', 'supplier code', 'numero client', 'numero de client', 'n client', 'no client',
    'customer number', 'customer id', 'client id', 'reference', 'ref', 'reference client', 'account number',
    'numero de compte client', 'customercode', 'id client', 'code tiers', 'numero de membre',
  ],
  taxNumber: [
    'tax number', 'tax id', 'vat', 'vat number', 'vat id', 'tva', 'numero de tva', 'n tva', 'no tva',
    'tva intracommunautaire', 'numero tva intracommunautaire', 'tva intra', 'vat intra', 'vatintrashort',
    'numero fiscal', 'identifiant fiscal', 'tax number vat', 'numero de tva intracommunautaire',
  ],
  openingBalance: [
    'opening balance', 'solde d ouverture', 'solde initial', 'solde de depart', 'solde a nouveau', 'a nouveau',
    'initial balance', 'starting balance', 'solde ouverture', 'balance d ouverture',
  ],
  openingBalanceDate: [
    'opening balance date', 'date du solde d ouverture', 'date d ouverture', 'date solde d ouverture',
    'date du solde initial', 'opening date', 'date de l a nouveau',
  ],
  payTerm: [
    'pay term', 'payment term', 'payment terms', 'delai de paiement', 'delai paiement', 'conditions de paiement',
    'condition de paiement', 'terms', 'pay term number',
  ],
  payTermUnit: [
    'pay term period', 'pay term unit', 'pay term type', 'unite du delai', 'unite delai', 'periode du delai',
    'unite du delai de paiement', 'payment term unit',
  ],
  creditLimit: [
    'credit limit', 'limite de credit', 'plafond', 'plafond de credit', 'encours autorise', 'encours maximum',
    'limite credit', 'credit max', 'plafond credit', 'plafond du credit',
  ],
  email: [
    'email', 'e mail', 'mail', 'courriel', 'adresse e mail', 'adresse email', 'adresse mail',
    'adresse electronique', 'email address', 'e mail address', 'primary email', 'e mail 1 value',
    'email 1', 'mel', 'adresse courriel', 'customer e mail', 'customer email', 'e mail du client',
  ],
  mobile: [
    'mobile', 'portable', 'telephone portable', 'tel portable', 'tel mobile', 'telephone mobile', 'mobile phone',
    'mobile number', 'numero de mobile', 'numero de portable', 'cell', 'cellular', 'cell phone', 'gsm', 'natel',
    'mobile telephone', 'phone mobile',
  ],
  alternateNumber: [
    'alternate number', 'alternate contact number', 'alt contact no', 'alt contact number', 'autre telephone',
    'autre numero', 'telephone 2', 'phone 2', 'second phone', 'telephone secondaire', 'other phone',
    'phone 2 value',
  ],
  landline: [
    'landline', 'fixe', 'telephone fixe', 'tel fixe', 'home phone', 'telephone domicile', 'tel domicile',
    'ligne fixe', 'phone fixed',
  ],
  addressLine1: [
    'address line 1', 'adresse ligne 1', 'adresse', 'adresse 1', 'address', 'address 1', 'address1', 'street',
    'rue', 'adresse postale', 'billing street', 'home address', 'street address', 'adresse de facturation',
    'address 1 street', 'voie', 'ligne adresse 1',
  ],
  addressLine2: [
    'address line 2', 'adresse ligne 2', 'adresse 2', 'address 2', 'address2', 'complement d adresse',
    'complement adresse', 'complement', 'billing apt suite', 'home address 2', 'apt suite', 'ligne adresse 2',
    'address 1 extended address',
  ],
  city: [
    'city', 'ville', 'town', 'localite', 'commune', 'home city', 'billing city', 'address 1 city', 'municipality',
  ],
  state: [
    'state', 'region', 'province', 'departement', 'province state', 'state province', 'billing state province',
    'home state', 'address 1 region', 'county', 'canton',
  ],
  country: ['country', 'pays', 'billing country', 'home country', 'address 1 country', 'code pays', 'country code'],
  zipCode: [
    'zip code', 'zip', 'zipcode', 'code postal', 'cp', 'postal code', 'postcode', 'post code',
    'postal code zip code', 'billing postal code', 'home zipcode', 'address 1 postal code', 'npa',
  ],
  shippingAddress: ['shipping address', 'adresse de livraison', 'livraison', 'delivery address', 'shipping street'],
  dateOfBirth: [
    'date of birth', 'dob', 'date de naissance', 'birthday', 'naissance', 'anniversaire', 'birth date', 'birthdate',
    'ne le', 'nee le', 'date naissance',
  ],
  customerGroup: [
    'customer group', 'groupe', 'groupe client', 'groupe de clients', 'groupe clients', 'group', 'client group',
    'categorie client', 'categorie de client', 'groupe tarifaire',
  ],
  loyaltyCardNumber: [
    'loyalty card', 'loyalty card number', 'carte de fidelite', 'numero de carte de fidelite', 'carte fidelite',
    'n carte fidelite', 'numero carte fidelite', 'card number', 'numero de carte',
  ],
  status: ['status', 'statut', 'etat', 'active', 'actif', 'enabled', 'contact status'],
  bankIban: ['iban', 'bank iban', 'compte bancaire iban', 'rib iban'],
  bankBic: ['bic', 'swift', 'bic swift', 'bank bic', 'code bic'],
  bankHolder: ['account holder', 'titulaire du compte', 'titulaire', 'bank account holder', 'bank holder'],
  birthYear: ['birth year', 'annee de naissance', 'year of birth'],
  birthMonth: ['birth month', 'mois de naissance', 'month of birth'],
  birthDay: ['birth day', 'jour de naissance', 'day of birth'],
  custom1: [], custom2: [], custom3: [], custom4: [], custom5: [],
  custom6: [], custom7: [], custom8: [], custom9: [], custom10: [],
};

for (let i = 1; i <= 10; i += 1) {
  const key = `custom${i}` as ImportField;
  aliases[key].push(
    `custom field ${i}`, `custom ${i}`, `custom${i}`, `champ personnalise ${i}`, `champ libre ${i}`,
    `champ ${i}`, `personnalise ${i}`,
  );
}

const readOnlyAliases: Record<ReadOnlyColumn, string[]> = {
  name: ['nom complet calcule', 'full name computed'],
  balance: ['balance', 'solde', 'solde actuel', 'current balance', 'solde du compte'],
  receivable: ['receivable', 'a recevoir', 'creance', 'creances'],
  payable: ['payable', 'a payer', 'dette', 'dettes'],
  createdAt: ['created at', 'cree le', 'date de creation', 'creation date', 'date creation', 'datecreation'],
};

export type AliasTarget =
  | { kind: 'field'; field: ImportField }
  | { kind: 'phone' }
  | { kind: 'nameOrSurname' }
  | { kind: 'readOnly'; column: ReadOnlyColumn };

function buildIndex(): Map<string, AliasTarget> {
  const index = new Map<string, AliasTarget>();
  const add = (alias: string, target: AliasTarget) => {
    const key = normaliseHeader(alias);
    if (!index.has(key)) index.set(key, target);
    const compact = key.replace(/ /g, '');
    if (!index.has(compact)) index.set(compact, target);
  };
  for (const alias of genericPhoneAliases) add(alias, { kind: 'phone' });
  for (const alias of surnameOrNameAliases) add(alias, { kind: 'nameOrSurname' });
  for (const column of readOnlyColumns) {
    for (const alias of readOnlyAliases[column]) add(alias, { kind: 'readOnly', column });
    add(fieldLabels.fr[column], { kind: 'readOnly', column });
    add(fieldLabels.en[column], { kind: 'readOnly', column });
  }
  for (const field of importFields) {
    add(fieldLabels.fr[field], { kind: 'field', field });
    add(fieldLabels.en[field], { kind: 'field', field });
    for (const alias of aliases[field]) add(alias, { kind: 'field', field });
  }
  return index;
}

const aliasIndex = buildIndex();

/** Finds what a header names, trying it whole, then without hints, then without spaces. */
export function lookupHeader(header: string): AliasTarget | null {
  const whole = normaliseHeader(header);
  const stripped = strippedHeader(header);
  for (const key of [whole, stripped, whole.replace(/ /g, ''), stripped.replace(/ /g, '')]) {
    if (!key) continue;
    const target = aliasIndex.get(key);
    if (target) return target;
  }
  return null;
}
