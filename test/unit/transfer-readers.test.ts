import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../src/transfer/formats/encoding.ts';
import { readRows, legacyFile, xlsxFile, zipFile } from '../helpers/transfer-files.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function rejection(promise: Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; params: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('encodings', () => {
  it('strips the UTF-8 BOM from the first header', async () => {
    const { table, rows } = await readRows(Buffer.concat([BOM, utf8('Nom;Email\r\nDurand;a.durand@example.fr\r\n')]));
    expect(table.header[0]).toBe('Nom');
    expect(table.header[0]).toHaveLength(3);
    expect(table.encoding).toBe('utf-8');
    expect(rows.map((row) => row.cells)).toEqual([['Durand', 'a.durand@example.fr']]);
  });

  it('reads Windows-1252 curly apostrophes and accents', async () => {
    const bytes = Buffer.from('4e6f6d3b56696c6c650d0a4c92417465' + '6c69657220649' + '2c96c6f646965' + '3b53e87465', 'hex');
    const { table, rows } = await readRows(bytes);
    expect(table.encoding).toBe('windows-1252');
    expect(rows[0]?.cells).toEqual(['L’Atelier d’Élodie', 'Sète']);
    expect(JSON.stringify(rows)).not.toMatch(/[?\ufffd]/);
  });

  it('reads the same text in UTF-8 identically', async () => {
    const { rows } = await readRows(utf8('Nom;Ville\r\nL’Atelier d’Élodie;Sète\r\n'));
    expect(rows[0]?.cells).toEqual(['L’Atelier d’Élodie', 'Sète']);
  });

  it.each(['utf-16le', 'utf-16be'])('reads %s with and without BOM', async (encoding) => {
    const text = 'Nom;Ville\r\nLefèvre;Besançon\r\n';
    for (const withBom of [true, false]) {
      const body = iconv.encode(text, encoding, { addBOM: withBom });
      const { table, rows } = await readRows(body);
      expect(table.encoding).toBe(encoding);
      expect(table.header).toEqual(['Nom', 'Ville']);
      expect(rows[0]?.cells).toEqual(['Lefèvre', 'Besançon']);
    }
  });

  it('stops on a byte Windows-1252 cannot read instead of storing U+FFFD', async () => {
    const bytes = Buffer.concat([utf8('Nom;Ville\r\nA'), Buffer.from([0x81, 0xe9]), utf8(';B\r\n')]);
    const error = await rejection(readRows(bytes));
    expect(error.code).toBe('file_encoding_mismatch');
    expect(error.params.encoding).toBe('windows-1252');
  });

  it('takes a requested encoding over detection', () => {
    expect(detectEncoding(utf8('abc'), 'ISO-8859-15')).toEqual({ encoding: 'iso-8859-15', bomLength: 0 });
    expect(() => detectEncoding(utf8('abc'), 'klingon')).toThrow('file_encoding_unknown');
  });
});

describe('delimited text', () => {
  it.each([
    [';', 'Nom;Prénom;Téléphone\nMartin;Élodie;06 11 22 33 44\n'],
    [',', 'Nom,Prénom,Téléphone\nMartin,Élodie,06 11 22 33 44\n'],
    ['\t', 'Nom\tPrénom\tTéléphone\nMartin\tÉlodie\t06 11 22 33 44\n'],
    ['|', 'Nom|Prénom|Téléphone\nMartin|Élodie|06 11 22 33 44\n'],
  ])('detects %j as separator', async (delimiter, text) => {
    const { table, rows } = await readRows(utf8(text));
    expect(table.delimiter).toBe(delimiter);
    expect(rows[0]?.cells).toEqual(['Martin', 'Élodie', '06 11 22 33 44']);
  });

  it('keeps commas inside the values of a semicolon file', async () => {
    const { table, rows } = await readRows(utf8('Nom;Adresse;Solde\n"Roussel, Anne";"1, rue A";-12,50\nB;2 rue B;0\n'));
    expect(table.delimiter).toBe(';');
    expect(rows[0]?.cells).toEqual(['Roussel, Anne', '1, rue A', '-12,50']);
  });

  it('keeps line breaks inside quoted fields and numbers rows as a spreadsheet does', async () => {
    const { rows } = await readRows(utf8('Nom;Adresse\n"Martin";"1 rue A\nBâtiment B"\n\n"Petit";"2 rue B"\n'));
    expect(rows.map((row) => [row.line, row.cells[1]])).toEqual([
      [2, '1 rue A\nBâtiment B'],
      [4, '2 rue B'],
    ]);
  });

  it('reads CRLF, a trailing separator and empty lines', async () => {
    const { table, rows } = await readRows(utf8('A,B,\r\n1,2,\r\n\r\n3,4,\r\n\r\n'));
    expect(table.header).toEqual(['A', 'B', '']);
    expect(rows.map((row) => row.cells)).toEqual([['1', '2', ''], ['3', '4', '']]);
  });

  it('skips title lines above the header', async () => {
    const text = '"Export du 05/03/2024","",""\n"","",""\n"Nom","Email","Téléphone"\n"Durand","a@b.fr","0600000001"\n';
    const { table, rows } = await readRows(utf8(text));
    expect(table.headerLine).toBe(3);
    expect(table.skippedLines).toEqual([1]);
    expect(rows.map((row) => row.line)).toEqual([4]);
  });

  it('finds no header in a file of data', async () => {
    const { table, rows } = await readRows(utf8('1,"Durand Anne","a@b.fr","0600000001"\n2,"Petit Paul","p@b.fr","0600000002"\n'));
    expect(table.headerLine).toBeNull();
    expect(rows).toHaveLength(2);
  });

  it('reports an unclosed quote with its line', async () => {
    const error = await rejection(readRows(utf8('Nom;Ville\nA;B\n"C;D\nE;F\n')));
    expect(error.code).toBe('csv_quote_unclosed');
  });

  it('uses a requested header line and separator', async () => {
    const { table, rows } = await readRows(utf8('x;y\na,b\nc,d\n'), { delimiter: ',', headerLine: 2 });
    expect(table.header).toEqual(['a', 'b']);
    expect(rows.map((row) => row.cells)).toEqual([['c', 'd']]);
  });
});

describe('file types', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n...')],
    ['JSON', utf8('[{"name":"x"}]')],
    ['XML', utf8('<?xml version="1.0"?><odoo/>')],
    ['HTML', utf8('<html><table></table></html>')],
  ])('rejects %s', async (found, bytes) => {
    const error = await rejection(readRows(bytes));
    expect(error.code).toBe('file_type_unsupported');
    expect(error.params.found).toBe(found);
  });

  it('rejects binary data named as CSV', async () => {
    const bytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x3b, 0x00]);
    expect((await rejection(readRows(bytes))).code).toBe('file_not_text');
  });

  it('rejects an empty file', async () => {
    expect((await rejection(readRows(Buffer.alloc(0)))).code).toBe('file_empty');
  });

  it('rejects a ZIP that is not a workbook', async () => {
    const error = await rejection(readRows(zipFile([{ name: 'readme.txt', data: utf8('hello') }])));
    expect(error.code).toBe('file_type_unsupported');
    expect(error.params.found).toBe('ZIP');
  });
});

describe('zip bombs', () => {
  const sheetEntries = (data: Buffer, declaredSize?: number) => [
    { name: '[Content_Types].xml', data: utf8('<Types/>') },
    { name: 'xl/workbook.xml', data: utf8('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data, declaredSize },
  ];

  it('rejects an entry that declares more than the limit', async () => {
    const error = await rejection(readRows(zipFile(sheetEntries(utf8('<x/>'), 0xfffffff0))));
    expect(error.code).toBe('archive_too_large');
  });

  it('rejects an entry that inflates beyond what it declares', async () => {
    const bomb = Buffer.alloc(60 * 1024 * 1024, 0x41);
    const error = await rejection(readRows(zipFile(sheetEntries(bomb, 1000))));
    expect(error.code).toBe('archive_too_large');
  });

  it('rejects a truncated archive', async () => {
    const bytes = zipFile(sheetEntries(utf8('<x/>')));
    const error = await rejection(readRows(bytes.subarray(0, bytes.length - 30)));
    expect(error.code).toBe('file_unreadable');
  });
});

describe('workbooks', () => {
  it('reads typed XLSX cells as the user sees them', async () => {
    const bytes = await xlsxFile([
      ['Nom', 'Téléphone', 'Code postal', 'Date de naissance', 'Solde'],
      ['Martin', 612345678, { value: 1000, numFmt: '00000' }, new Date(Date.UTC(1958, 2, 15)), 1234.56],
      ['Petit', '0612345678', '01000', 45366, -15],
    ]);
    const { table, rows } = await readRows(bytes);
    expect(table.format).toBe('xlsx');
    expect(rows[0]?.cells.slice(0, 3)).toEqual(['Martin', 612345678, '01000']);
    expect((rows[0]?.cells[3] as Date).toISOString()).toBe('1958-03-15T00:00:00.000Z');
    expect(rows[0]?.cells[4]).toBe(1234.56);
    expect(rows[1]?.cells).toEqual(['Petit', '0612345678', '01000', 45366, -15]);
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it.each(['xls', 'ods'] as const)('reads legacy %s with dates by their day', async (bookType) => {
    const bytes = legacyFile([
      ['Nom', 'Téléphone', 'Date de naissance'],
      ['Martin', 612345678, new Date(Date.UTC(1958, 2, 15))],
      ['Petit', '0612345678', null],
    ], bookType);
    const { table, rows } = await readRows(bytes);
    expect(table.format).toBe(bookType);
    expect(table.header).toEqual(['Nom', 'Téléphone', 'Date de naissance']);
    expect(rows[0]?.cells.slice(0, 2)).toEqual(['Martin', 612345678]);
    expect((rows[0]?.cells[2] as Date).toISOString().slice(0, 10)).toBe('1958-03-15');
    expect(rows[1]?.cells.slice(0, 2)).toEqual(['Petit', '0612345678']);
  });

  it('rejects a damaged legacy workbook', async () => {
    const bytes = legacyFile([['Nom'], ['Martin']], 'xls');
    const error = await rejection(readRows(bytes.subarray(0, 600)));
    expect(error.code).toBe('file_unreadable');
  });
});
