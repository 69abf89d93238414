import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ImportField } from '../../src/transfer/mapping/fields.ts';
import { readRows } from '../helpers/transfer-files.ts';

async function cards(text: string | Buffer) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const { table, rows } = await readRows(bytes);
  expect(table.format).toBe('vcf');
  return rows.map((row) => {
    const fields: Partial<Record<ImportField, string>> = {};
    row.cells.forEach((cell, index) => {
      const field = table.fixedFields?.[index];
      if (field && cell !== null) fields[field] = String(cell);
    });
    return { line: row.line, fields };
  });
}

describe('vCard reader', () => {
  it('reads a 3.0 card with several phones and emails', async () => {
    const [card] = await cards([
      'BEGIN:VCARD', 'VERSION:3.0', 'N:Lefèvre;Françoise;;Mme;', 'FN:Françoise Lefèvre',
      'TEL;TYPE=HOME:01 02 03 04 05', 'TEL;TYPE=CELL:06 12 34 56 78', 'TEL;TYPE=FAX:01 99 99 99 99',
      'EMAIL;TYPE=HOME:perso@example.fr', 'EMAIL;TYPE=WORK,PREF:pro@example.fr',
      'ADR;TYPE=HOME:;Bât. B;12 rue des Écoles;Besançon;;25000;France', 'BDAY:1958-03-15', 'END:VCARD', '',
    ].join('\r\n'));
    expect(card?.fields).toEqual({
      kind: 'individual', prefix: 'Mme', firstName: 'Françoise', lastName: 'Lefèvre',
      mobile: '06 12 34 56 78', landline: '01 02 03 04 05', email: 'pro@example.fr',
      addressLine1: '12 rue des Écoles', addressLine2: 'Bât. B', city: 'Besançon', zipCode: '25000',
      country: 'France', dateOfBirth: '1958-03-15',
    });
  });

  it('decodes 2.1 quoted-printable values with soft line breaks', async () => {
    const [card] = await cards([
      'BEGIN:VCARD', 'VERSION:2.1', 'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gr=C3=BCn;J=C3=B6rg',
      'ADR;HOME;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:;;Stra=C3=9Fe 2=0A=',
      'Hinterhaus;K=C3=B6ln;;50667;', 'TEL;CELL;VOICE:+49 151 1234567', 'END:VCARD',
    ].join('\r\n'));
    expect(card?.fields.lastName).toBe('Grün');
    expect(card?.fields.firstName).toBe('Jörg');
    expect(card?.fields.addressLine1).toBe('Straße 2');
    expect(card?.fields.addressLine2).toBe('Hinterhaus');
    expect(card?.fields.city).toBe('Köln');
    expect(card?.fields.mobile).toBe('+49 151 1234567');
  });

  it('decodes quoted-printable without a charset as UTF-8, else Windows-1252', async () => {
    const [utf, latin] = await cards([
      'BEGIN:VCARD', 'VERSION:2.1', 'N;ENCODING=QUOTED-PRINTABLE:S=C3=A8te;A', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:2.1', 'N;ENCODING=QUOTED-PRINTABLE:S=E8te;B', 'END:VCARD',
    ].join('\r\n'));
    expect(utf?.fields.lastName).toBe('Sète');
    expect(latin?.fields.lastName).toBe('Sète');
  });

  it('joins a fold that splits a multi-byte character', async () => {
    const name = Buffer.from('N:Lef', 'utf8');
    const accent = Buffer.from('è', 'utf8');
    const bytes = Buffer.concat([
      Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\n'), name, accent.subarray(0, 1), Buffer.from('\r\n '),
      accent.subarray(1), Buffer.from('vre;Noël\r\nEMAIL:n@example.fr\r\nEND:VCARD\r\n'),
    ]);
    const [card] = await cards(bytes);
    expect(card?.fields.lastName).toBe('Lefèvre');
    expect(card?.fields.firstName).toBe('Noël');
  });

  it('skips photos and keeps the fields after them', async () => {
    const photo = 'A'.repeat(74);
    const [card] = await cards([
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Anne Roussel', 'N:Roussel;Anne;;;',
      `PHOTO;ENCODING=b;TYPE=JPEG:${photo}`, ` ${photo}`, ` ${photo}`, 'TEL;TYPE=CELL:0611223344', 'END:VCARD',
    ].join('\r\n'));
    expect(card?.fields.mobile).toBe('0611223344');
    expect(JSON.stringify(card)).not.toContain('AAAA');
  });

  it('reads a card with only an email and one with only an organisation', async () => {
    const [onlyEmail, organisation] = await cards([
      'BEGIN:VCARD', 'VERSION:4.0', 'EMAIL:seul@example.fr', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'N:;;;;', 'FN:Fromagerie Dubois', 'ORG:Fromagerie Dubois;', 'END:VCARD',
    ].join('\n'));
    expect(onlyEmail?.fields).toEqual({ kind: 'individual', email: 'seul@example.fr' });
    expect(organisation?.fields).toEqual({ kind: 'business', businessName: 'Fromagerie Dubois' });
  });

  it('reads 4.0 tel URIs, grouped properties and escapes', async () => {
    const [card] = await cards([
      'BEGIN:VCARD', 'VERSION:4.0', 'FN:Sherlock Holmes', 'N:Holmes;Sherlock;;;',
      'TEL;VALUE=uri;TYPE="voice,cell":tel:+44-20-7224-3688;ext=12',
      'item1.ADR;TYPE=work:;;221B Baker Street\\, flat 1;London;;NW1;United Kingdom',
      'X-COMPTOIR-CODE:CO0042', 'X-COMPTOIR-OPENING-BALANCE:-12.50', 'END:VCARD',
    ].join('\r\n'));
    expect(card?.fields.mobile).toBe('+44-20-7224-3688 ext. 12');
    expect(card?.fields.addressLine1).toBe('221B Baker Street, flat 1');
    expect(card?.fields.code).toBe('CO0042');
    expect(card?.fields.openingBalance).toBe('-12.50');
  });

  it('reads UTF-16 vCards and gives each card its line', async () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Çelik;Hélène;;;\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:Nœl;Zoé;;;\r\nEND:VCARD\r\n';
    const result = await cards(iconv.encode(text, 'utf-16be'));
    expect(result.map((card) => [card.line, card.fields.lastName])).toEqual([[1, 'Çelik'], [5, 'Nœl']]);
  });

  it('ignores an embedded card and a card cut off at the end of the file', async () => {
    const result = await cards([
      'BEGIN:VCARD', 'VERSION:2.1', 'N:Outer;A', 'AGENT:', 'BEGIN:VCARD', 'N:Inner;B', 'END:VCARD', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'N:Cut;C',
    ].join('\r\n'));
    expect(result.map((card) => card.fields.lastName)).toEqual(['Outer', 'Cut']);
  });
});
