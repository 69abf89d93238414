/**
 * The downloadable import template, an XLSX workbook. Its first sheet has
 * the headers the import maps (in French or English), drop-down lists for
 * the fixed choices and the business's customer groups, and two example rows
 * that import as they are. The instructions sheet explains every column.
 */
import ExcelJS from 'exceljs';
import { loadContactBusiness } from '../../contacts/business.ts';
import { parseCustomFields } from '../../contacts/serialize.ts';
import type { Executor } from '../../db/database.ts';
import type { Locale } from '../../shared/messages.ts';
import { choiceWord, type ExportColumn, exportColumns } from '../export/columns.ts';

const LAST_ROW = 2000;

const help: Record<Locale, Record<string, [required: string, format: string]>> = {
  fr: {
    code: ['non', 'Laissé vide, il est créé (CO0001…). Sert à retrouver le contact lors d’un nouvel import.'],
    type: ['non', 'Client, Fournisseur ou Client et fournisseur (ou 1, 2, 3). Client par défaut.'],
    kind: ['non', 'Particulier ou Entreprise.'],
    firstName: ['oui, pour un particulier', 'Texte.'],
    businessName: ['oui, pour une entreprise', 'Texte.'],
    mobile: ['oui', 'Tel que vous l’écrivez : 06 12 34 56 78 ou +33 6 12 34 56 78.'],
    email: ['non', 'Adresse e-mail.'],
    country: ['non', 'Code pays (FR, BE…) ou nom du pays. Pays du commerce par défaut.'],
    dateOfBirth: ['non', 'JJ/MM/AAAA ou AAAA-MM-JJ.'],
    customerGroup: ['non', 'Nom d’un groupe de clients existant.'],
    creditLimit: ['non', 'Montant, par exemple 1 500,00 ; vide : pas de limite ; 0 : pas de crédit.'],
    payTerm: ['non', 'Nombre de jours ou de mois.'],
    payTermUnit: ['non', 'jours, mois, jours fin de mois ou mois fin de mois.'],
    openingBalance: ['non', 'Montant signé : positif si le contact vous doit, négatif si vous lui devez.'],
    openingBalanceDate: ['non', 'JJ/MM/AAAA ; aujourd’hui par défaut.'],
    status: ['non', 'Actif ou Inactif. Actif par défaut.'],
  },
  en: {
    code: ['no', 'Left empty, one is generated (CO0001…). Finds the contact again on a later import.'],
    type: ['no', 'Customer, Supplier or Both (or 1, 2, 3). Customer by default.'],
    kind: ['no', 'Individual or Business.'],
    firstName: ['yes, for an individual', 'Text.'],
    businessName: ['yes, for a business', 'Text.'],
    mobile: ['yes', 'As you write it: 06 12 34 56 78 or +33 6 12 34 56 78.'],
    email: ['no', 'Email address.'],
    country: ['no', 'Country code (FR, BE…) or name. The business’s country by default.'],
    dateOfBirth: ['no', 'DD/MM/YYYY or YYYY-MM-DD.'],
    customerGroup: ['no', 'Name of an existing customer group.'],
    creditLimit: ['no', 'Amount, for example 1,500.00; empty: no limit; 0: no credit.'],
    payTerm: ['no', 'Number of days or months.'],
    payTermUnit: ['no', 'days, months, days end of month or months end of month.'],
    openingBalance: ['no', 'Signed amount: positive when the contact owes you, negative when you owe them.'],
    openingBalanceDate: ['no', 'DD/MM/YYYY; today by default.'],
    status: ['no', 'Active or Inactive. Active by default.'],
  },
};

const sheetNames = {
  fr: { contacts: 'Contacts', instructions: 'Instructions', lists: 'Listes' },
  en: { contacts: 'Contacts', instructions: 'Instructions', lists: 'Lists' },
} as const;

const examples: Record<Locale, Record<string, string | number | Date>[]> = {
  fr: [
    {
      type: 'Client', kind: 'Particulier', prefix: 'Mme', firstName: 'Élodie', lastName: 'Martin',
      mobile: '06 11 22 33 44', email: 'elodie.martin@example.fr', addressLine1: '12 rue des Écoles',
      zipCode: '25000', city: 'Besançon', country: 'FR', dateOfBirth: new Date(Date.UTC(1985, 3, 12)),
      creditLimit: 500, payTerm: 30, payTermUnit: 'jours', openingBalance: 120.5, status: 'Actif',
    },
    {
      type: 'Fournisseur', kind: 'Entreprise', businessName: 'Fromagerie Dubois SARL', mobile: '07 98 76 54 32',
      email: 'contact@fromagerie-dubois.example.fr', taxNumber: 'FR40303265045', addressLine1: '3 place du Marché',
      zipCode: '01000', city: 'Bourg-en-Bresse', country: 'FR', payTerm: 30, payTermUnit: 'jours fin de mois',
      openingBalance: -250, status: 'Actif',
    },
  ],
  en: [
    {
      type: 'Customer', kind: 'Individual', prefix: 'Ms', firstName: 'Élodie', lastName: 'Martin',
      mobile: '06 11 22 33 44', email: 'elodie.martin@example.fr', addressLine1: '12 rue des Écoles',
      zipCode: '25000', city: 'Besançon', country: 'FR', dateOfBirth: new Date(Date.UTC(1985, 3, 12)),
      creditLimit: 500, payTerm: 30, payTermUnit: 'days', openingBalance: 120.5, status: 'Active',
    },
    {
      type: 'Supplier', kind: 'Business', businessName: 'Fromagerie Dubois SARL', mobile: '07 98 76 54 32',
      email: 'contact@fromagerie-dubois.example.fr', taxNumber: 'FR40303265045', addressLine1: '3 place du Marché',
      zipCode: '01000', city: 'Bourg-en-Bresse', country: 'FR', payTerm: 30, payTermUnit: 'days end of month',
      openingBalance: -250, status: 'Active',
    },
  ],
};

export async function importTemplate(db: Executor, businessId: string, locale: Locale): Promise<Buffer> {
  const business = await loadContactBusiness(db, businessId);
  const groups = await db.selectFrom('customer_groups').select('name').where('business_id', '=', businessId).orderBy('name').execute();
  const columns = exportColumns({
    locale,
    customLabels: parseCustomFields(business.custom_field_labels),
    groupNames: new Map(),
    timezone: business.timezone,
  })
    .filter((column) => column.key !== 'balance' && column.key !== 'createdAt');

  const workbook = new ExcelJS.Workbook();
  const names = sheetNames[locale];
  const sheet = workbook.addWorksheet(names.contacts, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(14, column.header.length + 4),
    style: styleOf(column),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const example of examples[locale]) sheet.addRow(example);

  const lists = workbook.addWorksheet(names.lists, { state: 'hidden' });
  const choiceLists: Partial<Record<string, string[]>> = {
    type: ['customer', 'supplier', 'both'].map((value) => choiceWord(locale, value)),
    kind: ['individual', 'business'].map((value) => choiceWord(locale, value)),
    payTermUnit: locale === 'fr'
      ? ['jours', 'mois', 'jours fin de mois', 'mois fin de mois']
      : ['days', 'months', 'days end of month', 'months end of month'],
    status: ['active', 'inactive'].map((value) => choiceWord(locale, value)),
    customerGroup: groups.map((group) => group.name),
  };
  let listColumn = 0;
  for (const [key, values] of Object.entries(choiceLists)) {
    const index = columns.findIndex((column) => column.key === key);
    if (!values || values.length === 0 || index < 0) continue;
    listColumn += 1;
    values.forEach((value, row) => {
      lists.getCell(row + 1, listColumn).value = value;
    });
    const letter = lists.getColumn(listColumn).letter;
    const range = `'${names.lists}'!$${letter}$1:$${letter}$${values.length}`;
    const target = sheet.getColumn(index + 1).letter;
    rangeValidations(sheet).add(`${target}2:${target}${LAST_ROW}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: true,
    });
  }

  addInstructions(workbook.addWorksheet(names.instructions), columns, locale);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Validations on a whole range: exceljs 4.4 has `worksheet.dataValidations`
 * but its type definitions leave it out.
 */
function rangeValidations(sheet: ExcelJS.Worksheet) {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
}

function styleOf(column: ExportColumn): Partial<ExcelJS.Style> {
  if (column.kind === 'amount') return { numFmt: '#,##0.00' };
  if (column.kind === 'date') return { numFmt: 'dd/mm/yyyy' };
  // Text format keeps leading zeros of phones and zip codes typed in later rows.
  if (column.kind === 'text') return { numFmt: '@' };
  return {};
}

function addInstructions(sheet: ExcelJS.Worksheet, columns: ExportColumn[], locale: Locale): void {
  const titles = locale === 'fr' ? ['Colonne', 'Obligatoire', 'Contenu'] : ['Column', 'Required', 'Content'];
  const intro = locale === 'fr'
    ? 'Remplissez une ligne par contact dans la feuille Contacts. Les colonnes peuvent être retirées ou mises dans un autre ordre ; l’en-tête suffit à les reconnaître.'
    : 'Fill in one row per contact in the Contacts sheet. Columns may be removed or reordered; the header is enough to recognise them.';
  sheet.columns = [{ width: 28 }, { width: 24 }, { width: 90 }];
  sheet.addRow([intro]);
  sheet.addRow([]);
  sheet.addRow(titles).font = { bold: true };
  for (const column of columns) {
    const [required, format] = help[locale][column.key] ?? [locale === 'fr' ? 'non' : 'no', locale === 'fr' ? 'Texte.' : 'Text.'];
    sheet.addRow([column.header, required, format]);
  }
}
