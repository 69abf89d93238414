/**
 * The words that the demo shop writes into the database, in French and in
 * English: the shop, its locations, loyalty scheme, customer groups, custom
 * fields and products, its reminder levels, and the notes and lines of its
 * history. Names of people, towns, regions and streets are the same in both.
 */

export const demoLanguages = ['fr', 'en'] as const;
export type DemoLanguage = (typeof demoLanguages)[number];

export interface DemoTexts {
  businessName: string;
  /** Name of the location that the business starts with. */
  shopLocation: string;
  /** Name of the second location, at the covered market. */
  marketLocation: string;
  loyaltyName: string;
  groups: { professionals: string; friends: string };
  customFieldLabels: { custom1: string; custom2: string; custom3: string };
  /** The two values of the delivery day custom field. */
  deliveryDays: [string, string];
  reminderLevels: { beforeDue: string; afterDue: string };
  /** Note of a payment that settles an opening balance. */
  openingSettlementNote: string;
  advanceReference: string;
  advanceNote: string;
  /** Line of every purchase from a supplier. */
  restockLine: string;
}

const french: DemoTexts = {
  businessName: 'Épicerie du Marché',
  shopLocation: 'Boutique Centre',
  marketLocation: 'Marché couvert',
  loyaltyName: 'Points fidélité',
  groups: { professionals: 'Professionnels', friends: 'Amis de la boutique' },
  customFieldLabels: { custom1: 'Allergies', custom2: 'Jour de livraison', custom3: 'Parrain' },
  deliveryDays: ['Mardi', 'Vendredi'],
  reminderLevels: { beforeDue: 'Rappel avant échéance', afterDue: 'Relance après échéance' },
  openingSettlementNote: 'Règlement du solde d’ouverture',
  advanceReference: 'Acompte commande',
  advanceNote: 'Acompte versé avant livraison',
  restockLine: 'Réassort marchandises',
};

const english: DemoTexts = {
  businessName: 'The Market Grocery',
  shopLocation: 'Town Centre Shop',
  marketLocation: 'Covered Market',
  loyaltyName: 'Loyalty points',
  groups: { professionals: 'Trade customers', friends: 'Friends of the shop' },
  customFieldLabels: { custom1: 'Allergies', custom2: 'Delivery day', custom3: 'Referred by' },
  deliveryDays: ['Tuesday', 'Friday'],
  reminderLevels: { beforeDue: 'Reminder before the due date', afterDue: 'Reminder after the due date' },
  openingSettlementNote: 'Settlement of the opening balance',
  advanceReference: 'Order deposit',
  advanceNote: 'Deposit paid before delivery',
  restockLine: 'Restock of goods',
};

export const demoTexts: Record<DemoLanguage, DemoTexts> = { fr: french, en: english };

/** The demo products: name in each language, tax-included selling price in cents, and tax rate in percent. */
export const demoProducts: { name: Record<DemoLanguage, string>; price: number; taxRate: string }[] = [
  { name: { fr: 'Comté 18 mois (250 g)', en: 'Comté cheese, aged 18 months (250 g)' }, price: 690, taxRate: '5.5' },
  { name: { fr: 'Miel de lavande (500 g)', en: 'Lavender honey (500 g)' }, price: 1150, taxRate: '5.5' },
  { name: { fr: 'Huile d’olive vierge (75 cl)', en: 'Virgin olive oil (75 cl)' }, price: 1390, taxRate: '5.5' },
  { name: { fr: 'Café en grains (1 kg)', en: 'Coffee beans (1 kg)' }, price: 2450, taxRate: '5.5' },
  { name: { fr: 'Vin d’Arbois rouge', en: 'Arbois red wine' }, price: 1680, taxRate: '20' },
  { name: { fr: 'Confiture de mirabelles', en: 'Mirabelle plum jam' }, price: 520, taxRate: '5.5' },
  { name: { fr: 'Panier garni', en: 'Gift hamper' }, price: 4500, taxRate: '5.5' },
  { name: { fr: 'Savon de Marseille', en: 'Marseille soap' }, price: 450, taxRate: '20' },
  { name: { fr: 'Saucisse de Morteau', en: 'Morteau sausage' }, price: 890, taxRate: '5.5' },
  { name: { fr: 'Thé vert (100 g)', en: 'Green tea (100 g)' }, price: 780, taxRate: '5.5' },
];
