/**
 * Reads the fixed choices of a contact as files write them: the original
 * template's `1`/`2`/`3` for the type, French and English words, booleans
 * for the status, and pay terms such as `30 jours fin de mois`.
 */
import type { ContactKind, ContactStatus, ContactType, PayTermUnit } from '../../contacts/model.ts';
import { normaliseHeader } from '../mapping/aliases.ts';

function lookup<T extends string>(table: Record<string, T>, text: string): T | null {
  return table[normaliseHeader(text)] ?? null;
}

const types: Record<string, ContactType> = {
  '1': 'customer', customer: 'customer', client: 'customer', clients: 'customer', cliente: 'customer',
  '2': 'supplier', supplier: 'supplier', fournisseur: 'supplier', vendor: 'supplier', fournisseurs: 'supplier',
  '3': 'both', both: 'both', 'les deux': 'both', 'client et fournisseur': 'both', 'client fournisseur': 'both',
  'fournisseur et client': 'both', 'customer and supplier': 'both', 'customer supplier': 'both', 'client et fourn': 'both',
};

const kinds: Record<string, ContactKind> = {
  individual: 'individual', particulier: 'individual', person: 'individual', personne: 'individual',
  'personne physique': 'individual', private: 'individual', prive: 'individual',
  business: 'business', entreprise: 'business', societe: 'business', company: 'business',
  professionnel: 'business', pro: 'business', 'personne morale': 'business', organisation: 'business',
  organization: 'business', association: 'business',
};

const statuses: Record<string, ContactStatus> = {
  active: 'active', actif: 'active', '1': 'active', oui: 'active', yes: 'active', true: 'active',
  vrai: 'active', y: 'active', o: 'active', enabled: 'active',
  inactive: 'inactive', inactif: 'inactive', '0': 'inactive', non: 'inactive', no: 'inactive',
  false: 'inactive', faux: 'inactive', n: 'inactive', disabled: 'inactive', desactive: 'inactive',
};

export function readType(text: string): ContactType | null {
  return lookup(types, text);
}

export function readKind(text: string): ContactKind | null {
  return lookup(kinds, text);
}

export function readStatus(value: string | boolean): ContactStatus | null {
  if (typeof value === 'boolean') return value ? 'active' : 'inactive';
  return lookup(statuses, value);
}

export interface PayTermParts {
  number: number | null;
  unit: PayTermUnit | null;
  endOfMonth: boolean;
}

const unitWords: Record<string, PayTermUnit> = {
  j: 'days', jour: 'days', jours: 'days', d: 'days', day: 'days', days: 'days', jrs: 'days', jr: 'days',
  m: 'months', mois: 'months', month: 'months', months: 'months',
};

const endOfMonthPattern = /\b(fin de mois|fdm|end of month|eom|fin du mois)\b/;

/**
 * Reads `30`, `30 jours`, `2 mois`, `45 days end of month` or just a unit
 * (`jours`, `months fin de mois`). Returns null for any other text.
 */
export function readPayTerm(text: string): PayTermParts | null {
  const normalised = normaliseHeader(text);
  if (normalised === '') return { number: null, unit: null, endOfMonth: false };
  const endOfMonth = endOfMonthPattern.test(normalised);
  const rest = normalised.replace(endOfMonthPattern, ' ').replace(/\b(net|a|le)\b/g, ' ').trim();
  const match = /^(\d{1,4})?\s*([a-z]+)?$/.exec(rest.replace(/\s+/g, ' '));
  if (!match || (!match[1] && !match[2] && !endOfMonth)) return null;
  const unit = match[2] ? unitWords[match[2]] ?? null : null;
  if (match[2] && !unit) return null;
  return { number: match[1] ? Number(match[1]) : null, unit, endOfMonth };
}
