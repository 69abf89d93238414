import { PassThrough } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { streamXlsxRows } from '../../src/transfer/formats/xlsx.ts';
import { SharedStrings } from '../../src/transfer/formats/xlsx-strings.ts';
import { entryData, listZipEntries } from '../../src/transfer/formats/zip-guard.ts';
import type { RawRow } from '../../src/transfer/formats/table.ts';
import { readRows, zipFile, type ZipPart } from '../helpers/transfer-files.ts';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface PackageXml {
  /** The `<sheetData>` content of the first sheet. */
  rows: string;
  /** The `<si>` elements of the shared-strings part, which is left out when this is absent. */
  sharedStrings?: string;
  /** The content of the styles part's root element, which is left out when this is absent. */
  styles?: string;
  /** Attributes of `<workbookPr>`. */
  workbookProperties?: string;
  /** Write the sheet entry after the shared strings, as most writers do, or before them. */
  sheetFirst?: boolean;
}

/** Builds a minimal XLSX package by hand, for cases the project's writers never produce. */
function handWrittenXlsx(xml: PackageXml): Buffer {
  const text = (name: string, data: string): ZipPart => ({ name, data: Buffer.from(data, 'utf8') });
  const relations = [
    `<Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>`,
    xml.sharedStrings === undefined ? '' : `<Relationship Id="rId2" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>`,
    xml.styles === undefined ? '' : `<Relationship Id="rId3" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>`,
  ].join('');
  const sheet = text('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}"><sheetData>${xml.rows}</sheetData></worksheet>`);
  const strings = xml.sharedStrings === undefined ? [] : [text('xl/sharedStrings.xml', `<sst xmlns="${MAIN}">${xml.sharedStrings}</sst>`)];
  const parts: ZipPart[] = [
    text('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    text('_rels/.rels', `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    text('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><workbookPr ${xml.workbookProperties ?? ''}/><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    text('xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${relations}</Relationships>`),
    ...(xml.sheetFirst ? [sheet, ...strings] : [...strings, sheet]),
  ];
  if (xml.styles !== undefined) parts.push(text('xl/styles.xml', `<styleSheet xmlns="${MAIN}">${xml.styles}</styleSheet>`));
  return zipFile(parts);
}

async function streamedRows(bytes: Buffer): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of streamXlsxRows(bytes)) rows.push(row);
  return rows;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const entryNames = (bytes: Buffer) => listZipEntries(bytes).map((entry) => entry.name);

/** Inflates the files of a zip archive, in their stored order. */
function unzipped(bytes: Buffer): ZipPart[] {
  return listZipEntries(bytes)
    .filter((entry) => !entry.name.endsWith('/'))
    .map((entry) => ({ name: entry.name, data: inflateRawSync(entryData(bytes, entry)) }));
}

describe('XLSX streaming reader', () => {
  it('reads a sheet stored before sharedStrings', async () => {
    // Enough rows for several read chunks, with accents that a chunk may cut in two.
    const data = [['Nom', 'Mobile'], ...Array.from({ length: 3000 }, (_, i) => [`Émilie Séverine n° ${i}`, `06${String(i).padStart(8, '0')}`])];
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(data), 'A');
    const bytes = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', bookSST: true }) as Buffer;
    const names = entryNames(bytes);
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/sharedStrings.xml'));
    const sheetEntry = listZipEntries(bytes).find((entry) => entry.name === 'xl/worksheets/sheet1.xml');
    expect(sheetEntry?.method).toBe(0);
    expect(sheetEntry?.uncompressedSize).toBeGreaterThan(3 * 64 * 1024);

    const rows = await streamedRows(bytes);
    expect(rows).toHaveLength(data.length);
    expect(rows.map((row) => row.cells)).toEqual(data);
    expect(rows.map((row) => row.line)).toEqual(data.map((_, index) => index + 1));
  });

  it('reads a hand-written sheet before sharedStrings', async () => {
    const bytes = handWrittenXlsx({
      sheetFirst: true,
      sharedStrings: '<si><t>Nom</t></si><si><t>Martin</t></si>',
      rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>',
    });
    expect(await streamedRows(bytes)).toEqual([{ line: 1, cells: ['Nom'] }, { line: 2, cells: ['Martin'] }]);
  });

  it('reads a zip with data descriptors', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: true, useStyles: true });
    const sheet = writer.addWorksheet('Contacts');
    sheet.addRow(['Nom', 'Code postal', 'Date de naissance']).commit();
    const row = sheet.addRow(['Martin', 1000, new Date(Date.UTC(1958, 2, 15))]);
    row.getCell(2).numFmt = '00000';
    row.getCell(3).numFmt = 'dd/mm/yyyy';
    row.commit();
    sheet.commit();
    await writer.commit();
    const bytes = Buffer.concat(chunks);
    // Bit 3 of the local header's flags: sizes follow the data in a descriptor.
    const sheetEntry = listZipEntries(bytes).find((entry) => entry.name === 'xl/worksheets/sheet1.xml');
    expect(sheetEntry).toBeDefined();
    expect(bytes.readUInt16LE((sheetEntry?.localHeaderOffset ?? 0) + 6) & 0x08).toBe(0x08);

    const rows = await streamedRows(bytes);
    expect(rows[0]?.cells).toEqual(['Nom', 'Code postal', 'Date de naissance']);
    expect(rows[1]?.cells.slice(0, 2)).toEqual(['Martin', '01000']);
    expect((rows[1]?.cells[2] as Date).toISOString()).toBe('1958-03-15T00:00:00.000Z');
  });

  it('joins rich text runs of shared strings', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Contacts');
    sheet.getCell('A1').value = 'Raison sociale';
    sheet.getCell('A2').value = { richText: [{ text: 'Dupont ' }, { font: { bold: true }, text: 'SARL' }] };
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const rows = await streamedRows(bytes);
    expect(rows.map((row) => row.cells)).toEqual([['Raison sociale'], ['Dupont SARL']]);
  });

  it('skips phonetic runs and decodes escapes', async () => {
    const bytes = handWrittenXlsx({
      sharedStrings: [
        '<si>\n  <r><t xml:space="preserve">Yamada </t></r>\n  <r><rPr><b/></rPr><t>Taro</t></r>\n  <rPh sb="0" eb="2"><t>ヤマダ</t></rPh>\n</si>',
        '<si><t>1 rue Haute_x000D_\nBâtiment B</t></si>',
        '<si><t>_x005F_x0041_ &amp; fils</t></si>',
      ].join(''),
      rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>',
    });
    const [row] = await streamedRows(bytes);
    expect(row?.cells).toEqual(['Yamada Taro', '1 rue Haute\r\nBâtiment B', '_x0041_ & fils']);
  });

  it('keeps indexes after an empty shared string', async () => {
    const bytes = handWrittenXlsx({
      sharedStrings: '<si><t>Nom</t></si><si><t/></si><si><t></t></si><si><t>Émilie</t></si>',
      rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>',
    });
    const [row] = await streamedRows(bytes);
    expect(row?.cells).toEqual(['Nom', null, null, 'Émilie']);
  });

  it('reads inline strings with and without runs', async () => {
    const bytes = handWrittenXlsx({
      rows: [
        '<row r="1">',
        '<c r="A1" t="inlineStr"><is><t>Martin</t></is></c>',
        '<c r="B1" t="inlineStr"><is><r><t xml:space="preserve">Cave </t></r><r><rPr><i/></rPr><t>Guérin</t></r></is></c>',
        '<c r="C1" t="inlineStr"><is><t><![CDATA[A & B <SARL>]]></t></is></c>',
        '<c r="D1" t="inlineStr"><is><t>0612345678</t></is></c>',
        '</row>',
      ].join(''),
    });
    const [row] = await streamedRows(bytes);
    expect(row?.cells).toEqual(['Martin', 'Cave Guérin', 'A & B <SARL>', '0612345678']);
  });

  it('places cells and rows without r', async () => {
    const bytes = handWrittenXlsx({
      sharedStrings: '<si><t>Nom</t></si><si><t>Ville</t></si>',
      rows: [
        '<row><c t="s"><v>0</v></c><c/><c t="s"><v>1</v></c></row>',
        '<row><c t="inlineStr"><is><t>Martin</t></is></c><c r="D2"><v>7</v></c><c><v>8</v></c></row>',
        '<row r="5"><c r="B5" t="inlineStr"><is><t>Petit</t></is></c></row>',
        '<row><c t="inlineStr"><is><t>Blanc</t></is></c></row>',
      ].join(''),
    });
    expect(await streamedRows(bytes)).toEqual([
      { line: 1, cells: ['Nom', null, 'Ville'] },
      { line: 2, cells: ['Martin', null, null, 7, 8] },
      { line: 5, cells: [null, 'Petit'] },
      { line: 6, cells: ['Blanc'] },
    ]);
  });

  it('reads cached values of formulas', async () => {
    const bytes = handWrittenXlsx({
      rows: [
        '<row r="1">',
        '<c r="A1"><v>2</v></c>',
        '<c r="B1"><f t="shared" ref="B1:C1" si="0">A1*2</f><v>4</v></c>',
        '<c r="C1"><f t="shared" si="0"/><v>8</v></c>',
        '<c r="D1" t="str"><f>"06"&amp;"12"</f><v>0612</v></c>',
        '<c r="E1" t="b"><f>TRUE()</f><v>1</v></c>',
        '<c r="F1" t="e"><f>NA()</f><v>#N/A</v></c>',
        '<c r="G1"><f>A1+1</f></c>',
        '<c r="H1" t="b"><v>0</v></c>',
        '</row>',
      ].join(''),
    });
    const [row] = await streamedRows(bytes);
    expect(row?.cells).toEqual([2, 4, 8, '0612', true, '#N/A', null, false]);
  });

  it('applies number formats of styles', async () => {
    const bytes = handWrittenXlsx({
      workbookProperties: 'date1904="1"',
      styles: [
        '<numFmts count="3"><numFmt numFmtId="164" formatCode="00000"/><numFmt numFmtId="165" formatCode="[$-40C]d\\ mmmm\\ yyyy"/>',
        '<numFmt numFmtId="166" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts>',
        '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>',
        '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="9"/></cellXfs>',
        '<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="yyyy"/></dxf></dxfs>',
      ].join(''),
      rows: '<row r="1"><c r="A1"><v>12.5</v></c><c r="B1" s="1"><v>0</v></c><c r="C1" s="2"><v>1000</v></c><c r="D1" s="3"><v>1.5</v></c><c r="E1" s="4"><v>1234.5</v></c><c r="F1" s="5"><v>0.2</v></c></row>',
    });
    const [row] = await streamedRows(bytes);
    expect(row?.cells[0]).toBe(12.5);
    expect((row?.cells[1] as Date).toISOString()).toBe('1904-01-01T00:00:00.000Z');
    expect(row?.cells[2]).toBe('01000');
    expect((row?.cells[3] as Date).toISOString()).toBe('1904-01-02T12:00:00.000Z');
    expect(row?.cells[4]).toBe(1234.5);
    expect(row?.cells[5]).toBe('20%');
  });

  it('reads ISO date cells', async () => {
    const bytes = handWrittenXlsx({
      rows: '<row r="1"><c r="A1" t="d"><v>1958-03-15</v></c><c r="B1" t="d"><v>2024-03-15T10:30:00</v></c><c r="C1" t="d"><v>hier</v></c></row>',
    });
    const [row] = await streamedRows(bytes);
    expect((row?.cells[0] as Date).toISOString()).toBe('1958-03-15T00:00:00.000Z');
    expect((row?.cells[1] as Date).toISOString()).toBe('2024-03-15T10:30:00.000Z');
    expect(row?.cells[2]).toBe('hier');
  });

  it('reads prefixed element names', async () => {
    const xml = `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Martin</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const rebuilt = zipFile([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from(`<x:workbook xmlns:x="${MAIN}" xmlns:rel="${RELATIONSHIPS}"><x:sheets><x:sheet name="A" sheetId="1" rel:id="rId9"/></x:sheets></x:workbook>`) },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(`<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId9" Type="${RELATIONSHIPS}/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>`) },
      { name: 'xl/worksheets/data.xml', data: Buffer.from(xml) },
    ]);
    expect(await streamedRows(rebuilt)).toEqual([{ line: 1, cells: ['Martin'] }]);
  });

  it('takes the first sheet in tab order', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').getCell('A1').value = 'Ne pas importer';
    workbook.addWorksheet('Contacts').getCell('A1').value = 'Nom';
    const parts = unzipped(Buffer.from(await workbook.xlsx.writeBuffer()));
    // Swap the two tabs, leaving sheet1.xml (Notes) first among the entries.
    const book = parts.find((part) => part.name === 'xl/workbook.xml');
    const text = book?.data.toString('utf8') ?? '';
    const sheets = /<sheets>(<sheet [^>]*\/>)(<sheet [^>]*\/>)<\/sheets>/.exec(text);
    expect(sheets).not.toBeNull();
    if (book && sheets) book.data = Buffer.from(text.replace(sheets[0], `<sheets>${sheets[2]}${sheets[1]}</sheets>`), 'utf8');

    expect(await streamedRows(zipFile(parts))).toEqual([{ line: 1, cells: ['Nom'] }]);
  });

  it('rejects a column beyond XFD', async () => {
    const bytes = handWrittenXlsx({ rows: '<row r="1"><c r="ZZZZZ1"><v>1</v></c></row>' });
    const error = await rejection(streamedRows(bytes));
    expect(error.code).toBe('file_unreadable');
  });

  it('rejects malformed sheet XML', async () => {
    const bytes = handWrittenXlsx({ rows: '<row r="1"><c r="A1"><v>1</c></row>' });
    const error = await rejection(streamedRows(bytes));
    expect(error.code).toBe('file_unreadable');
  });

  it('reads odd files through the import reader', async () => {
    const bytes = handWrittenXlsx({
      sheetFirst: true,
      sharedStrings: '<si><t>Nom</t></si><si><t>Mobile</t></si><si><t/></si>',
      rows: [
        '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>',
        '<row><c t="inlineStr"><is><r><t xml:space="preserve">Cave </t></r><r><t>Guérin</t></r></is></c><c t="inlineStr"><is><t>0612345678</t></is></c><c t="s"><v>2</v></c></row>',
      ].join(''),
    });
    const { table, rows } = await readRows(bytes);
    expect(table.format).toBe('xlsx');
    expect(table.header).toEqual(['Nom', 'Mobile']);
    expect(rows).toEqual([{ line: 2, cells: ['Cave Guérin', '0612345678'] }]);
  });
});

describe('compact shared strings', () => {
  it('returns every string it grew past', () => {
    const strings = new SharedStrings();
    const texts = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? '' : `Contact n° ${i} — Émilie ${'é'.repeat(i % 13)}`));
    for (const text of texts) strings.add(text);
    expect(strings.size).toBe(texts.length);
    for (const index of [0, 1, 6, 7, 4095, 4096, 4097, 12_345, 19_999]) expect(strings.get(index)).toBe(texts[index]);
    expect(strings.get(20_000)).toBeUndefined();
    expect(strings.get(-1)).toBeUndefined();
    expect(strings.get(1.5)).toBeUndefined();
  });
});
