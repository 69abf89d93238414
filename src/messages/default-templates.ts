/**
 * The French and English templates every business starts with, one per
 * event, none sent automatically until the business switches it on.
 */
import type { Channel, MessageLocale, TemplateEvent } from './catalogue.ts';

export interface DefaultContent {
  subject: string;
  html: string;
  text: string;
  /** The SMS and WhatsApp text. */
  short: string;
}

export interface DefaultTemplate {
  event: TemplateEvent;
  name: Record<MessageLocale, string>;
  content: Record<MessageLocale, DefaultContent>;
}

const signatureFr = 'À bientôt,\n{{business_name}}\n{{business_phone}}';
const signatureEn = 'Best regards,\n{{business_name}}\n{{business_phone}}';
const htmlSignatureFr = '<p>À bientôt,<br>{{business_name}}<br>{{business_phone}}</p>';
const htmlSignatureEn = '<p>Best regards,<br>{{business_name}}<br>{{business_phone}}</p>';

function email(locale: MessageLocale, subject: string, paragraphs: string[], short: string): DefaultContent {
  const greeting = locale === 'fr' ? 'Bonjour {{contact_name}},' : 'Hello {{contact_name}},';
  const signature = locale === 'fr' ? signatureFr : signatureEn;
  const htmlSignature = locale === 'fr' ? htmlSignatureFr : htmlSignatureEn;
  const html = [`<p>${greeting}</p>`, ...paragraphs.map((p) => (p === '{{open_items}}' ? p : `<p>${p}</p>`)), htmlSignature];
  return {
    subject,
    html: html.join('\n'),
    text: [greeting, ...paragraphs, signature].join('\n\n'),
    short,
  };
}

export const defaultTemplates: DefaultTemplate[] = [
  {
    event: 'new_sale',
    name: { fr: 'Nouvelle vente', en: 'New sale' },
    content: {
      fr: email('fr', 'Votre achat {{document_number}} chez {{business_name}}', [
        'Merci pour votre achat du {{document_date}} : {{document_total}}, dont {{document_paid}} réglé.',
        'Reste à payer : {{document_due}}, échéance le {{document_due_date}}.',
      ], '{{business_name}} : merci pour votre achat {{document_number}} de {{document_total}}. Reste à payer {{document_due}}, échéance le {{document_due_date}}.'),
      en: email('en', 'Your purchase {{document_number}} at {{business_name}}', [
        'Thank you for your purchase of {{document_date}}: {{document_total}}, of which {{document_paid}} is paid.',
        'Still to pay: {{document_due}}, due {{document_due_date}}.',
      ], '{{business_name}}: thank you for your purchase {{document_number}} of {{document_total}}. Still to pay {{document_due}}, due {{document_due_date}}.'),
    },
  },
  {
    event: 'payment_received',
    name: { fr: 'Paiement reçu', en: 'Payment received' },
    content: {
      fr: email('fr', 'Paiement reçu : {{payment_amount}}', [
        'Nous avons bien reçu votre paiement de {{payment_amount}} ({{payment_method}}, réf. {{payment_reference}}) le {{payment_date}}.',
        'Votre solde est maintenant de {{contact_due}}.',
      ], '{{business_name}} : paiement de {{payment_amount}} reçu le {{payment_date}}, merci. Solde : {{contact_due}}.'),
      en: email('en', 'Payment received: {{payment_amount}}', [
        'We have received your payment of {{payment_amount}} ({{payment_method}}, ref. {{payment_reference}}) on {{payment_date}}.',
        'Your balance is now {{contact_due}}.',
      ], '{{business_name}}: payment of {{payment_amount}} received on {{payment_date}}, thank you. Balance: {{contact_due}}.'),
    },
  },
  {
    event: 'payment_reminder',
    name: { fr: 'Relance de paiement', en: 'Payment reminder' },
    content: {
      fr: email('fr', 'Rappel : {{open_items_due}} à régler', [
        'Sauf erreur de notre part, les pièces suivantes restent à régler :',
        '{{open_items}}',
        'Montant dû, avances déduites : {{open_items_due}}.',
        'Si vous avez déjà réglé, merci de ne pas tenir compte de ce message.',
      ], '{{business_name}} : rappel, {{open_items_due}} reste à régler (échéance le {{document_due_date}}). Si c’est déjà fait, merci !'),
      en: email('en', 'Reminder: {{open_items_due}} to pay', [
        'Unless we are mistaken, the following items are still unpaid:',
        '{{open_items}}',
        'Amount due after advances: {{open_items_due}}.',
        'If you have already paid, please disregard this message.',
      ], '{{business_name}}: reminder, {{open_items_due}} is still to pay (due {{document_due_date}}). If already paid, thank you!'),
    },
  },
  {
    event: 'account_statement',
    name: { fr: 'Relevé de compte', en: 'Account statement' },
    content: {
      fr: email('fr', 'Votre relevé de compte chez {{business_name}}', [
        'Veuillez trouver ci-joint votre relevé de compte au {{today}}.',
        'Solde : {{contact_due}}.',
      ], '{{business_name}} : votre solde au {{today}} est de {{contact_due}}.'),
      en: email('en', 'Your account statement at {{business_name}}', [
        'Please find attached your account statement as of {{today}}.',
        'Balance: {{contact_due}}.',
      ], '{{business_name}}: your balance as of {{today}} is {{contact_due}}.'),
    },
  },
  {
    event: 'new_purchase',
    name: { fr: 'Nouvelle commande', en: 'New purchase order' },
    content: {
      fr: email('fr', 'Commande {{document_number}} de {{business_name}}', [
        'Nous vous confirmons notre commande {{document_number}} du {{document_date}} pour un total de {{document_total}}.',
      ], '{{business_name}} : commande {{document_number}} du {{document_date}}, total {{document_total}}.'),
      en: email('en', 'Order {{document_number}} from {{business_name}}', [
        'We confirm our order {{document_number}} of {{document_date}} for a total of {{document_total}}.',
      ], '{{business_name}}: order {{document_number}} of {{document_date}}, total {{document_total}}.'),
    },
  },
  {
    event: 'payment_made',
    name: { fr: 'Paiement effectué', en: 'Payment made' },
    content: {
      fr: email('fr', 'Paiement de {{payment_amount}} de {{business_name}}', [
        'Nous vous avons réglé {{payment_amount}} ({{payment_method}}, réf. {{payment_reference}}) le {{payment_date}}.',
      ], '{{business_name}} : paiement de {{payment_amount}} effectué le {{payment_date}} (réf. {{payment_reference}}).'),
      en: email('en', 'Payment of {{payment_amount}} from {{business_name}}', [
        'We have paid you {{payment_amount}} ({{payment_method}}, ref. {{payment_reference}}) on {{payment_date}}.',
      ], '{{business_name}}: payment of {{payment_amount}} made on {{payment_date}} (ref. {{payment_reference}}).'),
    },
  },
  {
    event: 'items_received',
    name: { fr: 'Marchandises reçues', en: 'Items received' },
    content: {
      fr: email('fr', 'Réception de la commande {{document_number}}', [
        'Nous avons bien reçu les marchandises de la commande {{document_number}} du {{document_date}}.',
      ], '{{business_name}} : marchandises de la commande {{document_number}} bien reçues, merci.'),
      en: email('en', 'Order {{document_number}} received', [
        'We have received the items of order {{document_number}} of {{document_date}}.',
      ], '{{business_name}}: items of order {{document_number}} received, thank you.'),
    },
  },
];

/** Returns the subject, HTML and text of one default template for one channel and locale. */
export function defaultContentFor(
  template: DefaultTemplate,
  channel: Channel,
  locale: MessageLocale,
): { subject: string | null; html: string | null; text: string } {
  const content = template.content[locale];
  if (channel === 'email') return { subject: content.subject, html: content.html, text: content.text };
  return { subject: null, html: null, text: content.short };
}
