/**
 * The columns of a sales file: one row per sale line, with the sale's own
 * values (reference, date, customer…) repeated or left empty on its other
 * lines. Each field has the header Comptoir writes in French and English
 * (the template uses them) and the names other software gives it. A header
 * whose meaning depends on a guess, such as a bare `Prix` or `Référence`,
 * maps to nothing until the user picks its field.
 */
import type { Locale } from '../../../shared/messages.ts';
import { normaliseHeader, strippedHeader } from '../../mapping/aliases.ts';

export const saleImportFields = [
  'reference', 'date', 'customer', 'location', 'status', 'sku', 'description', 'quantity', 'unitPrice',
  'unitPriceWithTax', 'discountPercent', 'taxRate', 'payTerm', 'redeemPoints', 'paid', 'paymentMethod', 'note',
] as const;

export type SaleImportField = (typeof saleImportFields)[number];

/** Fields that belong to the sale rather than to one line: every line of a sale gives the same value or none. */
export const saleLevelFields: readonly SaleImportField[] = [
  'date', 'customer', 'location', 'status', 'payTerm', 'redeemPoints', 'paid', 'paymentMethod', 'note',
];

export function isSaleImportField(value: string): value is SaleImportField {
  return (saleImportFields as readonly string[]).includes(value);
}

export const saleFieldLabels: Record<Locale, Record<SaleImportField, string>> = {
  fr: {
    reference: 'Référence de la vente', date: 'Date', customer: 'Client', location: 'Magasin', status: 'Statut',
    sku: 'Référence produit', description: 'Désignation', quantity: 'Quantité', unitPrice: 'Prix unitaire HT',
    unitPriceWithTax: 'Prix unitaire TTC', discountPercent: 'Remise %', taxRate: 'TVA %',
    payTerm: 'Délai de paiement', redeemPoints: 'Points utilisés', paid: 'Montant payé', paymentMethod: 'Mode de paiement',
    note: 'Note',
  },
  en: {
    reference: 'Sale reference', date: 'Date', customer: 'Customer', location: 'Location', status: 'Status',
    sku: 'SKU', description: 'Description', quantity: 'Quantity', unitPrice: 'Unit price excl. tax',
    unitPriceWithTax: 'Unit price incl. tax', discountPercent: 'Discount %', taxRate: 'Tax rate %',
    payTerm: 'Pay term', redeemPoints: 'Points redeemed', paid: 'Amount paid', paymentMethod: 'Payment method',
    note: 'Note',
  },
};

const aliases: Record<SaleImportField, string[]> = {
  reference: [
    'reference vente', 'ref vente', 'numero de vente', 'numero vente', 'n vente', 'no vente', 'vente', 'ticket',
    'numero de ticket', 'n ticket', 'no ticket', 'facture', 'numero de facture', 'n facture', 'no facture',
    'sale', 'sale number', 'sale id', 'receipt', 'receipt number', 'invoice', 'invoice number', 'order',
    'order number', 'commande', 'numero de commande',
  ],
  date: ['date de vente', 'date vente', 'date du ticket', 'date de facture', 'date facture', 'sale date', 'invoice date', 'order date'],
  customer: [
    'code client', 'customer code', 'client code', 'numero client', 'n client', 'customer id', 'client id',
    'carte de fidelite', 'carte fidelite', 'loyalty card', 'email client', 'e mail client', 'customer email',
    'mobile client', 'customer mobile', 'acheteur', 'buyer',
  ],
  location: ['boutique', 'point de vente', 'store', 'shop', 'site', 'emplacement', 'lieu de vente'],
  status: ['etat', 'state', 'statut de la vente', 'sale status'],
  sku: [
    'sku', 'reference article', 'ref article', 'ref produit', 'code article', 'code produit', 'product code',
    'product sku', 'item code', 'item sku', 'article code',
  ],
  description: ['designation', 'libelle', 'produit', 'article', 'product', 'item', 'product name', 'nom du produit', 'item name'],
  quantity: ['quantite', 'qte', 'qty', 'qte vendue', 'quantity sold', 'nombre', 'nb'],
  unitPrice: ['prix unitaire hors taxes', 'pu ht', 'prix ht', 'unit price excl tax', 'unit price excluding tax', 'price excl tax', 'net unit price'],
  unitPriceWithTax: [
    'prix unitaire toutes taxes comprises', 'pu ttc', 'prix ttc', 'prix de vente ttc', 'unit price incl tax',
    'unit price including tax', 'price incl tax', 'gross unit price',
  ],
  discountPercent: ['remise', 'remise ligne', 'taux de remise', 'rabais', 'discount', 'line discount', 'discount rate'],
  taxRate: ['tva', 'taux de tva', 'taux tva', 'tax', 'tax rate', 'vat', 'vat rate', 'taxe'],
  payTerm: ['delai de paiement', 'delai paiement', 'conditions de paiement', 'payment term', 'payment terms', 'terms'],
  redeemPoints: ['points', 'points fidelite', 'points de fidelite utilises', 'redeem points', 'redeemed points', 'loyalty points redeemed'],
  paid: [
    'paye', 'montant paye', 'montant regle', 'regle', 'encaisse', 'montant encaisse', 'deja paye', 'paid',
    'paid amount', 'amount paid', 'payment amount', 'amount received',
  ],
  paymentMethod: [
    'moyen de paiement', 'mode de reglement', 'moyen de reglement', 'type de paiement', 'paiement', 'reglement',
    'paye par', 'payment', 'payment type', 'paid by', 'tender', 'tender type', 'method of payment',
  ],
  note: ['commentaire', 'remarque', 'comment', 'memo', 'notes'],
};

function buildIndex(): Map<string, SaleImportField> {
  const index = new Map<string, SaleImportField>();
  const add = (alias: string, field: SaleImportField) => {
    const key = normaliseHeader(alias);
    if (!index.has(key)) index.set(key, field);
  };
  for (const field of saleImportFields) {
    add(saleFieldLabels.fr[field], field);
    add(saleFieldLabels.en[field], field);
    for (const alias of aliases[field]) add(alias, field);
  }
  return index;
}

const aliasIndex = buildIndex();

/** Finds the field a header names, whole or without its hints in brackets, or null. */
export function lookupSaleHeader(header: string): SaleImportField | null {
  for (const key of [normaliseHeader(header), strippedHeader(header)]) {
    const field = key ? aliasIndex.get(key) : undefined;
    if (field) return field;
  }
  return null;
}

/** Labels of the fields a column can be mapped to, in the caller's language. */
export function saleMappableFields(locale: Locale): { field: SaleImportField; label: string }[] {
  return saleImportFields.map((field) => ({ field, label: saleFieldLabels[locale][field] }));
}
