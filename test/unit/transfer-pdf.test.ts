import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import type { ContactRow } from '../../src/db/schema.ts';
import { pdfFonts, pdfStream, printedAmount } from '../../src/transfer/export/pdf.ts';

function contact(fields: Partial<ContactRow>): ContactRow {
  return {
    code: 'CO0001', type: 'customer', name: '', mobile: '0611223344', email: null, city: null, balance: 0,
    ...fields,
  } as ContactRow;
}

async function render(rows: ContactRow[], locale: 'fr' | 'en'): Promise<{ text: string; bytes: Buffer }> {
  const stream = pdfStream((async function* () {
    yield rows;
  })(), { locale, currency: 'EUR', businessName: 'Épicerie d’Août', timezone: 'Europe/Paris', now: new Date('2024-08-15T10:00:00Z') });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return { text: (await parser.getText()).text, bytes };
  } finally {
    await parser.destroy();
  }
}

describe('contact list PDF', () => {
  it('keeps accents, ligatures, the date and amounts', async () => {
    const { text, bytes } = await render([
      contact({ name: 'Françoise Lefèvre-Nœl', city: 'Besançon', balance: 123456 }),
      contact({ code: 'CO0002', name: 'Zoé Çelik', balance: -50000 }),
    ], 'fr');
    expect(text).toContain('Françoise Lefèvre-Nœl');
    expect(text).toContain('août 2024');
    expect(text).toContain('1 234,56 €');
    expect(text).toContain('-500,00 €');
    expect(text).toContain('Besançon');
    expect(text).toContain('Épicerie d’Août');
    expect(text).not.toMatch(/[?□^]|\ufffd/);
    expect(bytes.toString('latin1')).toContain('DejaVuSans');
  });

  it('writes the totals of every page', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => contact({ code: `C${i}`, name: `Contact ${i}`, balance: i % 2 ? 1000 : -250 }));
    const { text } = await render(rows, 'en');
    expect(text).toContain('Contact list');
    expect(text).toContain('15 August 2024');
    expect(text).toContain('Page 3');
    expect(text).toMatch(/Contacts\s*120/);
    expect(text).toMatch(/Total receivable\s*€600\.00/);
    expect(text).toMatch(/Total payable\s*€150\.00/);
    expect(text).toMatch(/Net balance\s*€450\.00/);
  });

  it('reads its fonts from the installed package', () => {
    expect(pdfFonts.regular).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(printedAmount(123456, 'EUR', 'fr')).toBe('1 234,56 €');
  });
});
