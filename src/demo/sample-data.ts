/**
 * Deterministic sample contacts: French and other European names, towns,
 * phones and businesses, the same for the same seed. Used by `comptoir demo`
 * and by the benchmarks' data generators.
 */
import type { DemoLanguage } from './demo-texts.ts';

/** A small seeded generator (mulberry32), so runs are repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = {
  FR: ['Élodie', 'Jérôme', 'Hélène', 'François', 'Chloé', 'Théo', 'Inès', 'Léa', 'Noël', 'Gaëlle',
    'Mathieu', 'Camille', 'Anaïs', 'Benoît', 'Zoé', 'Loïc', 'Maëlys', 'Sébastien', 'Cécile', 'Raphaël',
    'Marie', 'Jean', 'Nathalie', 'Pierre', 'Lucie', 'Julien', 'Émilie', 'Nicolas', 'Sophie', 'Thomas'],
  BE: ['Wout', 'Lotte', 'Maxime', 'Elise', 'Arnaud', 'Margaux'],
  DE: ['Jürgen', 'Grete', 'Lukas', 'Anja', 'Jörg', 'Käthe'],
  ES: ['José', 'María', 'Íñigo', 'Lucía', 'Álvaro', 'Begoña'],
  IT: ['Giovanni', 'Chiara', 'Niccolò', 'Francesca', 'Lorenzo', 'Giulia'],
};

const lastNames = {
  FR: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
    'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
    'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand',
    'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Müller', 'Henry', 'Roussel', 'Nicolas', 'Perrin',
    'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson'],
  BE: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Willems', 'Claes'],
  DE: ['Schmidt', 'Schneider', 'Fischer', 'Weber', 'Schäfer', 'Köhler'],
  ES: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez'],
  IT: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano'],
};

const towns: { city: string; zip: string; state: string }[] = [
  { city: 'Paris', zip: '75011', state: 'Île-de-France' },
  { city: 'Lyon', zip: '69003', state: 'Auvergne-Rhône-Alpes' },
  { city: 'Marseille', zip: '13006', state: 'Provence-Alpes-Côte d’Azur' },
  { city: 'Toulouse', zip: '31000', state: 'Occitanie' },
  { city: 'Nantes', zip: '44000', state: 'Pays de la Loire' },
  { city: 'Besançon', zip: '25000', state: 'Bourgogne-Franche-Comté' },
  { city: 'Sète', zip: '34200', state: 'Occitanie' },
  { city: 'Bourg-en-Bresse', zip: '01000', state: 'Auvergne-Rhône-Alpes' },
  { city: 'Saint-Émilion', zip: '33330', state: 'Nouvelle-Aquitaine' },
  { city: 'Lille', zip: '59000', state: 'Hauts-de-France' },
  { city: 'Strasbourg', zip: '67000', state: 'Grand Est' },
  { city: 'Rennes', zip: '35000', state: 'Bretagne' },
  { city: 'Ajaccio', zip: '20000', state: 'Corse' },
  { city: 'Fort-de-France', zip: '97200', state: 'Martinique' },
];

const foreignTowns = {
  BE: [{ city: 'Liège', zip: '4000', state: 'Wallonie' }, { city: 'Gent', zip: '9000', state: 'Vlaanderen' }],
  DE: [{ city: 'Köln', zip: '50667', state: 'Nordrhein-Westfalen' }, { city: 'München', zip: '80331', state: 'Bayern' }],
  ES: [{ city: 'Málaga', zip: '29001', state: 'Andalucía' }, { city: 'Donostia', zip: '20001', state: 'Gipuzkoa' }],
  IT: [{ city: 'Torino', zip: '10121', state: 'Piemonte' }, { city: 'Napoli', zip: '80121', state: 'Campania' }],
};

const streets = ['rue de la République', 'avenue Jean-Jaurès', 'boulevard Victor-Hugo', 'place du Marché',
  'rue des Écoles', 'chemin des Vignes', 'rue Saint-Michel', 'allée des Tilleuls', 'quai de la Fontaine'];

/** The trade that starts a French business name and ends an English one: « Épicerie Martin », "Martin Grocery". */
const trades: Record<DemoLanguage, string[]> = {
  fr: ['Épicerie', 'Boulangerie', 'Cave', 'Fromagerie', 'Restaurant', 'Atelier', 'Laiterie',
    'Œnothèque', 'Brasserie', 'Pâtisserie', 'Quincaillerie', 'Librairie', 'Traiteur', 'Primeur'],
  en: ['Grocery', 'Bakery', 'Wine Shop', 'Cheese Shop', 'Restaurant', 'Workshop', 'Dairy',
    'Wine Bar', 'Brewery', 'Patisserie', 'Hardware', 'Bookshop', 'Catering', 'Greengrocer'],
};

/** French legal forms, and « & Fils » and « et Cie », which English writes "& Sons" and "& Co". */
const businessSuffixes: Record<DemoLanguage, string[]> = {
  fr: ['SARL', 'SAS', 'EURL', '& Fils', 'et Cie', ''],
  en: ['SARL', 'SAS', 'EURL', '& Sons', '& Co', ''],
};

export interface SampleContact {
  type: 'customer' | 'supplier' | 'both';
  kind: 'individual' | 'business';
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
  mobile: string;
  email: string | null;
  addressLine1: string;
  city: string;
  zipCode: string;
  state: string;
  country: string;
  dateOfBirth: string | null;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/œ/g, 'oe').replace(/Œ/g, 'Oe')
    .replace(/[^A-Za-z0-9]+/g, '').toLowerCase();
}

// French mobile ranges that libphonenumber accepts: 06 then 0-2 or 4-8, 07 then 3-9.
const mobileLeads = ['060', '061', '062', '064', '065', '066', '067', '068', '073', '074', '075', '076', '077', '078', '079'];

function frenchMobile(random: () => number, index: number): string {
  // The index picks the range and the last seven digits, so every index up to
  // 150 million has its own number; the multiplier spreads neighbours apart.
  const lead = mobileLeads[index % mobileLeads.length] as string;
  const body = String((Math.floor(index / mobileLeads.length) * 7919 + 3_141_592) % 10_000_000).padStart(7, '0');
  const digits = lead + body;
  const style = Math.floor(random() * 3);
  if (style === 0) return digits;
  if (style === 1) return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
  return `+33 ${digits.slice(1, 2)} ${digits.slice(2).replace(/(\d{2})(?=\d)/g, '$1 ')}`;
}

function foreignMobile(random: () => number, country: string, index: number): string {
  const body = String((index * 104729 + Math.floor(random() * 89)) % 10_000_000).padStart(7, '0');
  switch (country) {
    case 'BE': return `+32 47${body.slice(0, 1)} ${body.slice(1, 3)} ${body.slice(3, 5)} ${body.slice(5)}`;
    case 'DE': return `+49 151 ${body}${Math.floor(random() * 10)}`;
    case 'ES': return `+34 6${body.slice(0, 2)} ${body.slice(2, 5)} ${body.slice(5)}${Math.floor(random() * 10)}`;
    default: return `+39 34${body.slice(0, 1)} ${body.slice(1)}${Math.floor(random() * 100).toString().padStart(2, '0')}`;
  }
}

function businessNameOf(random: () => number, lastName: string, language: DemoLanguage): string {
  // Both languages draw the trade, then the suffix, from lists of the same length, so they take the same numbers from `random`.
  const trade = pick(random, trades[language]);
  const suffix = pick(random, businessSuffixes[language]);
  const name = language === 'fr' ? `${trade} ${lastName} ${suffix}` : `${lastName} ${trade} ${suffix}`;
  return name.trim();
}

/**
 * Returns the contact at `index` for `seed`: the same inputs always give the
 * same contact. `language` sets only the words of a business name, so both
 * languages give the same people, places and numbers.
 */
export function sampleContact(seed: number, index: number, language: DemoLanguage = 'fr'): SampleContact {
  const random = seededRandom(seed * 1_000_003 + index);
  const roll = random();
  const country = roll < 0.85 ? 'FR' : pick(random, ['BE', 'DE', 'ES', 'IT'] as const);
  const names = country as keyof typeof firstNames;
  const town = pick(random, country === 'FR' ? towns : foreignTowns[country as keyof typeof foreignTowns]);
  const isBusiness = random() < 0.25;
  const typeRoll = random();
  const type = typeRoll < 0.8 ? 'customer' : typeRoll < 0.95 ? 'supplier' : 'both';
  const firstName = pick(random, firstNames[names]);
  const lastName = pick(random, lastNames[names]);
  const businessName = isBusiness ? businessNameOf(random, lastName, language) : null;
  const mobile = country === 'FR' ? frenchMobile(random, index) : foreignMobile(random, country, index);
  const hasEmail = random() < 0.7;
  const email = hasEmail ? `${ascii(firstName)}.${ascii(lastName)}${index}@example.${country.toLowerCase()}` : null;
  const year = 1940 + Math.floor(random() * 65);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const dateOfBirth = !isBusiness && random() < 0.4
    ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    : null;
  return {
    type,
    kind: isBusiness ? 'business' : 'individual',
    firstName: isBusiness ? null : firstName,
    lastName: isBusiness ? null : lastName,
    businessName,
    mobile,
    email,
    addressLine1: `${1 + Math.floor(random() * 120)} ${pick(random, streets)}`,
    city: town.city,
    zipCode: town.zip,
    state: town.state,
    country,
    dateOfBirth,
  };
}
