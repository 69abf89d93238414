/**
 * The downloadable sales import template, an XLSX workbook: a sheet with
 * the headers the import maps (in French or English), drop-down lists for
 * the status and the business's locations, example rows, and a sheet that
 * explains every column. The examples use the business's first customer
 * and product when it has them, so they import as they are.
 */
import ExcelJS from 'exceljs';
import type { Executor } from '../../../db/database.ts';
import { loadBusiness } from '../../../ledger/business.ts';
import { todayIn } from '../../../ledger/dates.ts';
import { listPaymentMethods } from '../../../payments/methods.ts';
import type { Locale } from '../../../shared/messages.ts';
import { type SaleImportField, saleFieldLabels } from './fields.ts';

const LAST_ROW = 2000;

const columns: { field: SaleImportField; width: number; format?: string }[] = [
  { field: 'reference', width: 22, format: '@' },
  { field: 'date', width: 14, format: 'dd/mm/yyyy' },
  { field: 'customer', width: 22, format: '@' },
  { field: 'location', width: 18, format: '@' },
  { field: 'status', width: 14 },
  { field: 'sku', width: 20, format: '@' },
  { field: 'description', width: 30, format: '@' },
  { field: 'quantity', width: 11, format: '0.###' },
  { field: 'unitPrice', width: 18, format: '#,##0.00' },
  { field: 'discountPercent', width: 12, format: '0.##' },
  { field: 'taxRate', width: 10, format: '0.##' },
  { field: 'payTerm', width: 20, format: '@' },
  { field: 'redeemPoints', width: 16, format: '0' },
  { field: 'paid', width: 14, format: '#,##0.00' },
  { field: 'paymentMethod', width: 18, format: '@' },
  { field: 'note', width: 30, format: '@' },
];

const help: Record<Locale, Record<SaleImportField, [required: string, content: string]>> = {
  fr: {
    reference: ['oui', 'Votre numéro de vente ou de ticket. Les lignes d’une même vente ont la même référence ; une référence déjà importée est refusée.'],
    date: ['oui', 'JJ/MM/AAAA ou AAAA-MM-JJ, sur au moins une ligne de la vente.'],
    customer: ['non', 'Code client, numéro de carte de fidélité, e-mail ou mobile d’un client existant. Vide : vente sans client, réglée en totalité avec son mode de paiement, ou « en attente ».'],
    location: ['non', 'Nom d’un de vos magasins. Le magasin principal par défaut.'],
    status: ['non', 'Validée ou En attente. Validée par défaut : la vente entre dans le compte du client.'],
    sku: ['non', 'Référence d’un produit du catalogue : sa désignation, son prix et sa TVA remplissent les cases laissées vides.'],
    description: ['si pas de produit', 'Texte de la ligne.'],
    quantity: ['non', 'Jusqu’à 3 décimales. 1 par défaut.'],
    unitPrice: ['si pas de produit', 'Prix unitaire hors taxes. Vide : le prix de vente TTC du produit, que le client paie tel quel. Le prix du groupe du client remplace celui du produit, comme pour une vente saisie.'],
    unitPriceWithTax: ['non', 'Prix unitaire toutes taxes comprises, à la place du prix HT : le client paie exactement ce prix fois la quantité (une colonne « Prix unitaire TTC » est reconnue).'],
    discountPercent: ['non', 'Remise de la ligne en pourcentage, par exemple 10.'],
    taxRate: ['non', 'Taux de TVA en pourcentage (20, 5,5…). Vide : celui du produit.'],
    payTerm: ['non', '30, 30 jours, 2 mois, 30 jours fin de mois ou comptant. Vide : le délai du client.'],
    redeemPoints: ['non', 'Points de fidélité que la vente utilise, dans les limites de vos réglages de fidélité.'],
    paid: ['non', 'Montant réglé avec la vente. Vide avec un mode de paiement : la vente est réglée en totalité. Le reste entre dans le compte du client.'],
    paymentMethod: ['si montant payé', 'Espèces, Carte bancaire, Chèque, Virement, Autre ou un mode que vous avez ajouté.'],
    note: ['non', 'Texte libre gardé sur la vente.'],
  },
  en: {
    reference: ['yes', 'Your sale or receipt number. The rows of one sale share its reference; a reference already imported is rejected.'],
    date: ['yes', 'DD/MM/YYYY or YYYY-MM-DD, on at least one row of the sale.'],
    customer: ['no', 'Customer code, loyalty card number, email or mobile of an existing customer. Empty: a walk-in sale, paid in full with its payment method, or parked.'],
    location: ['no', 'Name of one of your locations. The main location by default.'],
    status: ['no', 'Final or Parked. Final by default: the sale goes to the customer’s account.'],
    sku: ['no', 'SKU of a catalogue product: its name, price and tax rate fill the cells left empty.'],
    description: ['without a product', 'Text of the line.'],
    quantity: ['no', 'Up to 3 decimals. 1 by default.'],
    unitPrice: ['without a product', 'Unit price excluding tax. Empty: the product’s selling price including tax, which the customer pays as it is. The customer group’s price replaces the product’s, as for a sale entered by hand.'],
    unitPriceWithTax: ['no', 'Unit price including tax, instead of the price excluding tax: the customer pays exactly this price times the quantity (a “Unit price incl. tax” column is recognised).'],
    discountPercent: ['no', 'Line discount in percent, for example 10.'],
    taxRate: ['no', 'Tax rate in percent (20, 5.5…). Empty: the product’s.'],
    payTerm: ['no', '30, 30 days, 2 months, 30 days end of month or cash. Empty: the customer’s term.'],
    redeemPoints: ['no', 'Loyalty points the sale spends, within your loyalty settings.'],
    paid: ['no', 'Amount paid with the sale. Empty with a payment method: the sale is paid in full. The rest goes to the customer’s account.'],
    paymentMethod: ['with an amount paid', 'Cash, Card, Cheque, Bank transfer, Other or a method you added.'],
    note: ['no', 'Free text kept on the sale.'],
  },
};

const words = {
  fr: { sheet: 'Ventes', instructions: 'Instructions', lists: 'Listes', final: 'Validée', parked: 'En attente', free: 'Emballage cadeau', card: 'Carte bancaire' },
  en: { sheet: 'Sales', instructions: 'Instructions', lists: 'Lists', final: 'Final', parked: 'Parked', free: 'Gift wrapping', card: 'Card' },
} as const;

export async function salesImportTemplate(db: Executor, businessId: string, locale: Locale): Promise<Buffer> {
  const business = await loadBusiness(db, businessId);
  const locations = await db
    .selectFrom('locations')
    .where('business_id', '=', businessId)
    .where('is_active', '=', 1)
    .orderBy('name')
    .select('name')
    .execute();
  const workbook = new ExcelJS.Workbook();
  const text = words[locale];
  const sheet = workbook.addWorksheet(text.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: saleFieldLabels[locale][column.field],
    key: column.field,
    width: column.width,
    ...(column.format ? { style: { numFmt: column.format } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of await exampleRows(db, businessId, locale, todayIn(business.timezone))) sheet.addRow(row);

  const lists = workbook.addWorksheet(text.lists, { state: 'hidden' });
  addList(sheet, lists, 1, 'status', [text.final, text.parked]);
  addList(sheet, lists, 2, 'location', locations.map((location) => location.name));
  const methods = await listPaymentMethods(db, businessId, locale);
  addList(sheet, lists, 3, 'paymentMethod', methods.filter((method) => method.active).map((method) => method.label));
  addInstructions(workbook.addWorksheet(text.instructions), locale);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Three sales: one of two lines for a customer, a walk-in sale paid by card and a parked walk-in sale. */
async function exampleRows(db: Executor, businessId: string, locale: Locale, today: string) {
  const customer = await db
    .selectFrom('contacts')
    .where('business_id', '=', businessId)
    .where('type', 'in', ['customer', 'both'])
    .where('status', '=', 'active')
    .orderBy('code')
    .select('code')
    .executeTakeFirst();
  const products = await db
    .selectFrom('products')
    .where('business_id', '=', businessId)
    .where('is_active', '=', 1)
    .orderBy('sku')
    .select('sku')
    .limit(2)
    .execute();
  const [first, second] = products;
  const date = new Date(`${today}T00:00:00Z`);
  const text = words[locale];
  const productCells = (product: (typeof products)[number] | undefined, quantity: number) =>
    product
      ? { sku: product.sku, quantity }
      : { description: text.free, quantity, unitPrice: 2.5, taxRate: 20 };
  return [
    { reference: 'T-0001', date, customer: customer?.code ?? 'CO0001', status: text.final, ...productCells(first, 2), discountPercent: 10 },
    { reference: 'T-0001', ...productCells(second, 1) },
    { reference: 'T-0002', date, status: text.final, description: text.free, quantity: 1, unitPrice: 2.5, taxRate: 20, paymentMethod: text.card },
    { reference: 'T-0003', date, status: text.parked, description: text.free, quantity: 1, unitPrice: 2.5, taxRate: 20 },
  ];
}

function addList(sheet: ExcelJS.Worksheet, lists: ExcelJS.Worksheet, listColumn: number, field: SaleImportField, values: string[]): void {
  const index = columns.findIndex((column) => column.field === field);
  if (values.length === 0 || index < 0) return;
  values.forEach((value, row) => {
    lists.getCell(row + 1, listColumn).value = value;
  });
  const letter = lists.getColumn(listColumn).letter;
  const target = sheet.getColumn(index + 1).letter;
  // exceljs 4.4 has `worksheet.dataValidations`, but its type definitions leave it out.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
  validations.add(`${target}2:${target}${LAST_ROW}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`'${lists.name}'!$${letter}$1:$${letter}$${values.length}`],
    showErrorMessage: true,
  });
}

function addInstructions(sheet: ExcelJS.Worksheet, locale: Locale): void {
  const titles = locale === 'fr' ? ['Colonne', 'Obligatoire', 'Contenu'] : ['Column', 'Required', 'Content'];
  const intro = locale === 'fr'
    ? 'Une ligne par ligne de vente dans la feuille Ventes. Chaque vente passe par les mêmes règles qu’une vente saisie : prix du groupe de clients, limite de crédit, points de fidélité. Les colonnes peuvent être retirées ou déplacées ; l’en-tête suffit à les reconnaître.'
    : 'One row per sale line in the Sales sheet. Each sale follows the rules of a sale entered by hand: customer group price, credit limit, loyalty points. Columns may be removed or moved; the header is enough to recognise them.';
  sheet.columns = [{ width: 26 }, { width: 20 }, { width: 100 }];
  sheet.addRow([intro]);
  sheet.addRow([]);
  sheet.addRow(titles).font = { bold: true };
  for (const field of [...columns.map((column) => column.field), 'unitPriceWithTax' as const]) {
    const [required, content] = help[locale][field];
    sheet.addRow([saleFieldLabels[locale][field], required, content]);
  }
}
