/**
 * Writes a printable contact list as PDF with pdfkit: one line per contact
 * and the totals at the end. The text is set in DejaVu Sans, a Unicode
 * TrueType font read from the `dejavu-fonts-ttf` package at run time, so
 * `Nœl`, `août`, `’` and `€` print as typed.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { ContactRow } from '../../db/schema.ts';
import { formatMoney } from '../../shared/money.ts';
import type { Locale } from '../../shared/messages.ts';
import { choiceWord } from './columns.ts';

const fontDirectory = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const pdfFonts = {
  regular: join(fontDirectory, 'DejaVuSans.ttf'),
  bold: join(fontDirectory, 'DejaVuSans-Bold.ttf'),
};

export interface PdfContext {
  locale: Locale;
  currency: string;
  businessName: string;
  timezone: string;
  /** The moment printed as the export date. */
  now: Date;
  /** False prints no balance column and no money totals, for a user without `ledger.view`; true when absent. */
  figures?: boolean;
}

const text = {
  fr: {
    title: 'Liste des contacts', exported: 'Exportée le', page: 'Page', count: 'Contacts',
    receivable: 'Total à recevoir', payable: 'Total à payer', net: 'Solde net',
    headers: ['Code', 'Nom', 'Type', 'Mobile', 'E-mail', 'Ville', 'Solde'],
  },
  en: {
    title: 'Contact list', exported: 'Exported on', page: 'Page', count: 'Contacts',
    receivable: 'Total receivable', payable: 'Total payable', net: 'Net balance',
    headers: ['Code', 'Name', 'Type', 'Mobile', 'Email', 'City', 'Balance'],
  },
} as const;

const widths = [60, 190, 95, 95, 170, 90, 70];
const ROW_HEIGHT = 14;
const MARGIN = 36;

/**
 * Formats an amount for print with plain spaces: Intl writes a narrow
 * no-break space between thousands and a no-break space before the symbol,
 * which text extraction and search in PDF readers handle unevenly.
 */
export function printedAmount(minor: number, currency: string, locale: Locale): string {
  return formatMoney(minor, currency, locale).replace(/[\u202f\u00a0]/g, ' ');
}

export function pdfStream(pages: AsyncIterable<ContactRow[]>, context: PdfContext): Readable {
  const words = text[context.locale];
  const document = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: `${words.title} — ${context.businessName}` },
  });
  document.registerFont('regular', pdfFonts.regular);
  document.registerFont('bold', pdfFonts.bold);

  let pageNumber = 0;
  let y = 0;
  const bottom = () => document.page.height - MARGIN - ROW_HEIGHT * 2;
  const startPage = () => {
    if (pageNumber > 0) document.addPage();
    pageNumber += 1;
    y = heading(document, context, pageNumber);
  };

  const write = async () => {
    startPage();
    let count = 0;
    let receivable = 0n;
    let payable = 0n;
    for await (const rows of pages) {
      for (const row of rows) {
        if (y > bottom()) startPage();
        const balance = Number(row.balance);
        const cells = [row.code, row.name, choiceWord(context.locale, row.type), row.mobile, row.email ?? '', row.city ?? ''];
        if (context.figures !== false) cells.push(printedAmount(balance, context.currency, context.locale));
        line(document, y, cells, 'regular');
        y += ROW_HEIGHT;
        count += 1;
        if (balance > 0) receivable += BigInt(balance);
        else payable -= BigInt(balance);
      }
    }
    if (y > bottom() - ROW_HEIGHT * 3) startPage();
    totals(document, y + ROW_HEIGHT / 2, context, { count, receivable, payable });
    document.end();
  };
  write().catch((error: unknown) => document.destroy(error as Error));
  return document;
}

function heading(document: PDFKit.PDFDocument, context: PdfContext, pageNumber: number): number {
  const words = text[context.locale];
  const date = new Intl.DateTimeFormat(context.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: context.timezone,
  }).format(context.now);
  document.font('bold').fontSize(14).text(`${words.title} — ${context.businessName}`, MARGIN, MARGIN, { lineBreak: false });
  document.font('regular').fontSize(9)
    .text(`${words.exported} ${date} · ${words.page} ${pageNumber}`, MARGIN, MARGIN + 20, { lineBreak: false });
  const top = MARGIN + 42;
  const headers = context.figures === false ? words.headers.slice(0, -1) : [...words.headers];
  line(document, top, headers, 'bold');
  document.moveTo(MARGIN, top + ROW_HEIGHT - 3).lineTo(document.page.width - MARGIN, top + ROW_HEIGHT - 3).lineWidth(0.5).stroke();
  return top + ROW_HEIGHT + 2;
}

function line(document: PDFKit.PDFDocument, y: number, cells: string[], font: 'regular' | 'bold'): void {
  document.font(font).fontSize(8.5);
  let x = MARGIN;
  cells.forEach((cell, index) => {
    const width = widths[index] ?? 60;
    const last = index === cells.length - 1;
    document.text(cell, x, y, { width: width - 4, lineBreak: false, ellipsis: true, align: last ? 'right' : 'left' });
    x += width;
  });
}

function totals(
  document: PDFKit.PDFDocument,
  y: number,
  context: PdfContext,
  sums: { count: number; receivable: bigint; payable: bigint },
): void {
  const words = text[context.locale];
  const money = (minor: bigint) => printedAmount(Number(minor), context.currency, context.locale);
  const rows: [string, string][] = [
    [words.count, new Intl.NumberFormat(context.locale === 'fr' ? 'fr-FR' : 'en-GB').format(sums.count).replace(/[\u202f\u00a0]/g, ' ')],
  ];
  if (context.figures !== false) {
    rows.push([words.receivable, money(sums.receivable)], [words.payable, money(sums.payable)], [words.net, money(sums.receivable - sums.payable)]);
  }
  const labelX = document.page.width - MARGIN - 320;
  rows.forEach(([label, value], index) => {
    const rowY = y + index * ROW_HEIGHT;
    document.font('bold').fontSize(9).text(label, labelX, rowY, { width: 200, lineBreak: false });
    document.font('regular').text(value, labelX + 200, rowY, { width: 120, align: 'right', lineBreak: false });
  });
}
