import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName } from '../../src/contacts/file-names.ts';
import { detectFileType, zipEntryNames } from '../../src/contacts/file-types.ts';

/** A ZIP archive with stored (uncompressed) entries, enough for the type checks. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name);
    const dataBytes = Buffer.from(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(dataBytes.length, 18);
    local.writeUInt32LE(dataBytes.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, dataBytes);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + dataBytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('detectFileType', () => {
  it('reads the office formats from the archive', () => {
    const docx = zip([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w/>']]);
    const xlsx = zip([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<x/>']]);
    const odt = zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<o/>']]);
    expect(zipEntryNames(docx)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(detectFileType(docx, 'docx')?.extensions).toEqual(['docx']);
    expect(detectFileType(xlsx, 'xlsx')?.extensions).toEqual(['xlsx']);
    expect(detectFileType(odt, 'odt')?.extensions).toEqual(['odt']);
  });

  it('rejects other archives', () => {
    expect(detectFileType(zip([['readme.txt', 'x']]), 'docx')).toBeNull();
    expect(detectFileType(zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']]), 'odt')).toBeNull();
  });

  it('reads images and PDF by their signature', () => {
    expect(detectFileType(Buffer.from('%PDF-1.7\n'), 'pdf')?.mime).toBe('application/pdf');
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'jpg')?.mime).toBe('image/jpeg');
    expect(detectFileType(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'), 'webp')?.mime).toBe('image/webp');
  });

  it('accepts Windows-1252 text and rejects binary', () => {
    expect(detectFileType(Buffer.from('nom;ville\r\nL\xe9a;S\xe8te\r\n', 'latin1'), 'csv')?.mime).toBe('text/csv');
    expect(detectFileType(Buffer.from([0x68, 0x69, 0x00]), 'txt')).toBeNull();
    expect(detectFileType(Buffer.from([0x1b, 0x5b, 0x33, 0x31, 0x6d]), 'txt')).toBeNull();
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\a\\devis.pdf', 'devis.pdf'],
    ['.htaccess', 'htaccess'],
    ['  facture  juin .pdf ', 'facture juin .pdf'],
    ['a<b>c:d"e|f?g*.txt', 'a_b_c_d_e_f_g_.txt'],
    ['rapport\u202efdp.exe', 'rapportfdp.exe'],
    ['line\nbreak.txt', 'linebreak.txt'],
    ['', 'document'],
  ])('turns %j into %j', (raw, safe) => {
    expect(sanitizeFileName(raw)).toBe(safe);
  });

  it('keeps the extension of a long name', () => {
    const name = sanitizeFileName(`${'é'.repeat(200)}.docx`);
    expect(name).toHaveLength(150);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('sends an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Reçu "n°1".pdf')).toBe(
      `attachment; filename="Recu _n1_.pdf"; filename*=UTF-8''Re%C3%A7u%20%22n%C2%B01%22.pdf`,
    );
  });
});
