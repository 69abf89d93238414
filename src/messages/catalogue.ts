/**
 * The catalogue of messages: template events with their audience, channels,
 * locales, and the placeholders each event may use.
 */

export const templateEvents = [
  'new_sale',
  'payment_received',
  'payment_reminder',
  'account_statement',
  'new_purchase',
  'payment_made',
  'items_received',
] as const;
export type TemplateEvent = (typeof templateEvents)[number];

export const channels = ['email', 'sms', 'whatsapp'] as const;
export type Channel = (typeof channels)[number];

export const locales = ['fr', 'en'] as const;
export type MessageLocale = (typeof locales)[number];

export function audienceOf(event: TemplateEvent): 'customer' | 'supplier' {
  return event === 'new_purchase' || event === 'payment_made' || event === 'items_received' ? 'supplier' : 'customer';
}

export type PlaceholderGroup = 'business' | 'contact' | 'document' | 'account' | 'payment' | 'location' | 'general';

export interface Placeholder {
  name: string;
  group: PlaceholderGroup;
  description: { fr: string; en: string };
}

const customFieldCount = 10;

const listed: Placeholder[] = [
  { name: 'business_name', group: 'business', description: { fr: 'Nom de l’entreprise', en: 'Business name' } },
  { name: 'business_phone', group: 'business', description: { fr: 'Téléphone du magasin principal', en: 'Phone of the main location' } },
  { name: 'business_email', group: 'business', description: { fr: 'E-mail du magasin principal', en: 'Email of the main location' } },
  { name: 'business_address', group: 'business', description: { fr: 'Adresse du magasin principal', en: 'Address of the main location' } },
  { name: 'contact_name', group: 'contact', description: { fr: 'Nom affiché du contact', en: 'Display name of the contact' } },
  { name: 'contact_first_name', group: 'contact', description: { fr: 'Prénom', en: 'First name' } },
  { name: 'contact_last_name', group: 'contact', description: { fr: 'Nom de famille', en: 'Last name' } },
  { name: 'contact_business_name', group: 'contact', description: { fr: 'Raison sociale', en: 'Business name of the contact' } },
  { name: 'contact_code', group: 'contact', description: { fr: 'Code du contact', en: 'Contact code' } },
  { name: 'contact_email', group: 'contact', description: { fr: 'E-mail du contact', en: 'Contact email' } },
  { name: 'contact_mobile', group: 'contact', description: { fr: 'Mobile du contact', en: 'Contact mobile' } },
  ...Array.from({ length: customFieldCount }, (_, index): Placeholder => ({
    name: `contact_custom${index + 1}`,
    group: 'contact',
    description: { fr: `Champ personnalisé ${index + 1}`, en: `Custom field ${index + 1}` },
  })),
  { name: 'document_number', group: 'document', description: { fr: 'Numéro du document', en: 'Document number' } },
  { name: 'document_date', group: 'document', description: { fr: 'Date du document', en: 'Document date' } },
  { name: 'document_total', group: 'document', description: { fr: 'Total du document', en: 'Document total' } },
  { name: 'document_paid', group: 'document', description: { fr: 'Montant réglé du document', en: 'Amount paid on the document' } },
  { name: 'document_due', group: 'document', description: { fr: 'Reste dû sur le document', en: 'Amount still due on the document' } },
  { name: 'document_due_date', group: 'document', description: { fr: 'Échéance du document', en: 'Due date of the document' } },
  {
    name: 'contact_due',
    group: 'account',
    description: {
      fr: 'Solde net du contact au jour de l’envoi, avances déduites, sans les opérations datées plus tard (négatif : la boutique lui doit)',
      en: 'Net balance of the contact on the sending day after advances, without entries dated later (negative: the shop owes the contact)',
    },
  },
  {
    name: 'open_items',
    group: 'account',
    description: {
      fr: 'Liste des pièces ouvertes (en relance : celles qui ont atteint le niveau)',
      en: 'List of open items (in a reminder: those that reached the level)',
    },
  },
  {
    name: 'open_items_due',
    group: 'account',
    description: {
      fr: 'Montant dû sur les pièces listées, avances déduites',
      en: 'Amount due on the listed items after advances',
    },
  },
  { name: 'payment_reference', group: 'payment', description: { fr: 'Référence du paiement', en: 'Payment reference' } },
  { name: 'payment_amount', group: 'payment', description: { fr: 'Montant du paiement', en: 'Payment amount' } },
  { name: 'payment_date', group: 'payment', description: { fr: 'Date du paiement', en: 'Payment date' } },
  { name: 'payment_method', group: 'payment', description: { fr: 'Moyen de paiement', en: 'Payment method' } },
  { name: 'location_name', group: 'location', description: { fr: 'Nom du magasin', en: 'Location name' } },
  { name: 'location_address', group: 'location', description: { fr: 'Adresse du magasin', en: 'Location address' } },
  { name: 'location_phone', group: 'location', description: { fr: 'Téléphone du magasin', en: 'Location phone' } },
  { name: 'location_email', group: 'location', description: { fr: 'E-mail du magasin', en: 'Location email' } },
  { name: 'today', group: 'general', description: { fr: 'Date du jour', en: 'Today’s date' } },
];

export const placeholders: readonly Placeholder[] = listed;

const byName = new Map(listed.map((p) => [p.name, p]));

export function findPlaceholder(name: string): Placeholder | undefined {
  return byName.get(name);
}

const everyGroup: PlaceholderGroup[] = ['business', 'contact', 'document', 'account', 'payment', 'location', 'general'];

/** The groups an event's templates may use; free text sent by hand may use them all. */
export const groupsByEvent: Record<TemplateEvent | 'manual', readonly PlaceholderGroup[]> = {
  new_sale: ['business', 'contact', 'document', 'account', 'location', 'general'],
  payment_received: ['business', 'contact', 'payment', 'document', 'account', 'location', 'general'],
  payment_reminder: ['business', 'contact', 'document', 'account', 'location', 'general'],
  account_statement: ['business', 'contact', 'account', 'location', 'general'],
  new_purchase: ['business', 'contact', 'document', 'account', 'location', 'general'],
  payment_made: ['business', 'contact', 'payment', 'document', 'account', 'location', 'general'],
  items_received: ['business', 'contact', 'document', 'account', 'location', 'general'],
  manual: everyGroup,
};
