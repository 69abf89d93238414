/**
 * The columns of a products file, as exported and as read back on import:
 * fixed columns, then one price column per selling price group, headed
 * "Prix : <group>" in French or "Price: <group>" in English. Headers are
 * recognised in either language, case and accents ignored.
 */
import type { Locale } from '../shared/messages.ts';
import { nameKey } from './values.ts';

export type ProductColumn = 'sku' | 'name' | 'sellingPrice' | 'taxRate' | 'active';

export const productColumns: readonly ProductColumn[] = ['sku', 'name', 'sellingPrice', 'taxRate', 'active'];

const labels: Record<Locale, Record<ProductColumn, string>> = {
  fr: { sku: 'Référence', name: 'Nom', sellingPrice: 'Prix de vente TTC', taxRate: 'Taux de TVA', active: 'Actif' },
  en: { sku: 'SKU', name: 'Name', sellingPrice: 'Selling price incl. tax', taxRate: 'Tax rate', active: 'Active' },
};

const aliases: Record<ProductColumn, string[]> = {
  sku: ['reference', 'ref', 'sku', 'code', 'code article', 'article'],
  name: ['nom', 'name', 'designation', 'libelle', 'produit', 'product'],
  sellingPrice: ['prix de vente ttc', 'prix de vente', 'prix ttc', 'prix', 'selling price incl. tax', 'selling price', 'price'],
  taxRate: ['taux de tva', 'tva', 'tva %', 'tax rate', 'tax', 'vat', 'vat rate'],
  active: ['actif', 'active', 'statut', 'status'],
};

export function columnLabel(column: ProductColumn, locale: Locale): string {
  return labels[locale][column];
}

export function priceColumnLabel(groupName: string, locale: Locale): string {
  return locale === 'fr' ? `Prix : ${groupName}` : `Price: ${groupName}`;
}

export type HeaderMeaning = { column: ProductColumn } | { priceGroupKey: string } | null;

/** Tells which column a header of an imported file names: a fixed column, a price group's price, or none. */
export function readHeader(header: string): HeaderMeaning {
  const key = nameKey(header);
  const group = /^(?:prix|price)\s*:\s*(.+)$/.exec(key);
  if (group?.[1]) return { priceGroupKey: nameKey(group[1]) };
  for (const column of productColumns) {
    if (aliases[column].includes(key)) return { column };
  }
  return null;
}
