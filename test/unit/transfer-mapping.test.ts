import { describe, expect, it } from 'vitest';
import type { OpenedTable, RawRow } from '../../src/transfer/formats/table.ts';
import { lookupHeader, normaliseHeader } from '../../src/transfer/mapping/aliases.ts';
import { type ColumnMapping, mapColumns, originalTemplateFields } from '../../src/transfer/mapping/auto-map.ts';
import { fieldLabels, importFields } from '../../src/transfer/mapping/fields.ts';

function table(header: string[], rows: string[][] = [], headerLine: number | null = 1): OpenedTable {
  const sample: RawRow[] = rows.map((cells, i) => ({ line: i + 2, cells }));
  return {
    format: 'csv', encoding: 'utf-8', delimiter: ';', headerLine, header, fixedFields: null, sample,
    skippedLines: [], rows: (async function* () {})(),
  };
}

const fields = (columns: ColumnMapping[]) => columns.map((column) => column.field);

/** Labels for the four custom fields of the original template, which a business must name before importing them. */
const templateLabels = { custom1: 'Parrain', custom2: 'Allergies', custom3: 'Couleur', custom4: 'Taille' };

describe('header names', () => {
  it('normalises case, accents and punctuation', () => {
    expect(normaliseHeader("Solde d'ouverture")).toBe('solde d ouverture');
    expect(normaliseHeader('  TÉLÉPHONE  ')).toBe('telephone');
    expect(normaliseHeader('Œuvre')).toBe('oeuvre');
  });

  it.each([
    ['Téléphone', 'phone'], ['Tel.', 'phone'], ['Phone', 'phone'], ['Mobile', 'mobile'], ['E-mail', 'email'],
    ['Email *', 'email'], ["Solde d'ouverture", 'openingBalance'], ['Opening Balance', 'openingBalance'],
    ['Prénom', 'firstName'], ['PRENOM', 'firstName'], ['Code postal', 'zipCode'], ['CP', 'zipCode'],
    ['Birthday (yyyy-mm-dd)', 'dateOfBirth'], ['ALT. CONTACT NO.', 'alternateNumber'], ['DOB', 'dateOfBirth'],
    ['province/state', 'state'], ['postal_code/zip_code', 'zipCode'], ['Name* (s.name)', 'fullName'],
    ['CustomerCode (s.code_client)', 'code'], ['VATIntraShort (s.tva_intra)', 'taxNumber'],
    ['Nom & prénom', 'fullName'], ['Raison sociale', 'businessName'], ['Limite de crédit', 'creditLimit'],
    ['Plafond crédit', 'creditLimit'],
  ])('maps %s', (header, expected) => {
    const target = lookupHeader(header);
    const found = target?.kind === 'field' ? target.field : target?.kind;
    expect(found).toBe(expected);
  });

  it('knows every header Comptoir writes, in both languages', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const field of importFields) {
        const target = lookupHeader(fieldLabels[locale][field]);
        const found = target?.kind === 'field' ? target.field : target?.kind;
        expect(found === field || (field === 'lastName' && found === 'nameOrSurname')).toBe(true);
      }
      for (const column of ['name', 'balance', 'receivable', 'payable', 'createdAt'] as const) {
        expect(lookupHeader(fieldLabels[locale][column])?.kind).toBe('readOnly');
      }
    }
  });
});

describe('column mapping', () => {
  it('maps the original template in upper and title case', () => {
    const upper = ['CONTACT TYPE', 'PREFIX', 'FIRST NAME', 'MIDDLE NAME', 'LAST NAME', 'BUSINESS NAME', 'CONTACT ID',
      'TAX NUMBER', 'OPENING BALANCE', 'PAY TERM', 'PAY TERM PERIOD', 'CREDIT LIMIT', 'EMAIL', 'MOBILE',
      'ALT. CONTACT NO.', 'LANDLINE', 'CITY', 'STATE', 'COUNTRY', 'ADDRESS LINE 1', 'ADDRESS LINE 2', 'ZIP CODE', 'DOB',
      'CUSTOM FIELD 1', 'CUSTOM FIELD 2', 'CUSTOM FIELD 3', 'CUSTOM FIELD 4'];
    const labelled = { customLabels: templateLabels };
    expect(fields(mapColumns(table(upper), labelled))).toEqual(originalTemplateFields);
    const title = upper.map((h) => h.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase()));
    expect(fields(mapColumns(table(title), labelled))).toEqual(originalTemplateFields);
    const withoutBirth = upper.filter((h) => h !== 'DOB');
    expect(fields(mapColumns(table(withoutBirth), labelled))).toEqual(originalTemplateFields.filter((f) => f !== 'dateOfBirth'));
  });

  it('maps a headerless file of the original width by position', () => {
    const columns = mapColumns(table([], [Array.from({ length: 27 }, (_, i) => `v${i}`)], null), { customLabels: templateLabels });
    expect(fields(columns)).toEqual(originalTemplateFields);
    expect(columns[0]?.source).toBe('position');
    expect(columns[0]?.key).toBe('#1');
  });

  it('reads Nom as the last name next to Prénom, else as the whole name', () => {
    expect(fields(mapColumns(table(['Nom', 'Prénom'])))).toEqual(['lastName', 'firstName']);
    expect(fields(mapColumns(table(['Nom', 'Email'])))).toEqual(['fullName', 'email']);
  });

  it('gives generic phone columns to mobile first, then landline', () => {
    expect(fields(mapColumns(table(['Téléphone', 'Tel 2'])))).toEqual(['mobile', null]);
    expect(fields(mapColumns(table(['Mobile', 'Téléphone'])))).toEqual(['mobile', 'landline']);
    const twice = mapColumns(table(['Phone', 'Name', 'Phone'], [['', 'A', '0600000001']]));
    expect(fields(twice)).toEqual(['landline', 'fullName', 'mobile']);
    expect(twice.map((column) => column.key)).toEqual(['Phone', 'Name', '#3']);
  });

  it('lists unknown, read-only and duplicate columns', () => {
    const columns = mapColumns(table(['Nom', 'Couleur préférée', 'Solde', 'Email', 'Courriel']));
    expect(columns.map((column) => [column.field, column.reason])).toEqual([
      ['fullName', null], [null, 'unknown'], [null, 'readOnly'], ['email', null], [null, 'duplicate'],
    ]);
  });

  it('puts the user choice and the saved mapping first', () => {
    const saved = new Map([['couleur preferee', 'custom1' as const], ['email', null]]);
    const columns = mapColumns(table(['Couleur préférée', 'Email', 'Ville']), {
      saved, user: { Ville: 'state' }, customLabels: { custom1: 'Couleur' },
    });
    expect(columns.map((column) => [column.field, column.source, column.reason])).toEqual([
      ['custom1', 'saved', null], [null, 'saved', 'ignored'], ['state', 'user', null],
    ]);
  });

  it('leaves out custom fields without a label', () => {
    const byHeader = mapColumns(table(['Nom', 'Champ personnalisé 2', 'Custom field 3']), { customLabels: { custom3: 'Allergies' } });
    expect(fields(byHeader)).toEqual(['fullName', null, 'custom3']);
    expect(byHeader[1]?.reason).toBe('unlabelled');

    const byPosition = mapColumns(table([], [Array.from({ length: 27 }, (_, i) => `v${i}`)], null), { customLabels: { custom1: 'Parrain' } });
    expect(fields(byPosition).slice(-4)).toEqual(['custom1', null, null, null]);
    expect(byPosition.slice(-3).map((column) => column.reason)).toEqual(['unlabelled', 'unlabelled', 'unlabelled']);

    const byUser = mapColumns(table(['Nom', 'Segment']), { user: { Segment: 'custom2' } });
    expect(fields(byUser)).toEqual(['fullName', 'custom2']);
  });

  it('maps custom field labels of the business', () => {
    const columns = mapColumns(table(['Nom', 'Allergies']), { customLabels: { custom3: 'Allergies' } });
    expect(fields(columns)).toEqual(['fullName', 'custom3']);
  });

  it('guesses e-mail, phone and name columns from values without a header', () => {
    const rows = [['2', 'Durand Anne', 'a@b.fr', '', '0600000001', '16/07/2024'], ['3', 'Petit Paul', 'p@b.fr', '', '06 00 00 00 02', '16/07/2024']];
    const columns = mapColumns(table([], rows, null));
    expect(fields(columns)).toEqual([null, 'fullName', 'email', null, 'mobile', null]);
    expect(columns[2]?.source).toBe('values');
  });
});
