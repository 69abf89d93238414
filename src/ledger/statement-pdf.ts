/**
 * The statement of account as a PDF: the ledger lines of a period with their
 * running balance, the contact's figures and the aging of what is open. The
 * text uses DejaVu Sans, embedded from the `dejavu-fonts-ttf` package, whose
 * glyphs cover French (é, œ, ’, €) and the no-break spaces Intl prints.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import type { Locale } from '../shared/messages.ts';
import { formatMoney } from '../shared/money.ts';
import { type Aging, agingOf } from './aging.ts';
import { loadBusiness } from './business.ts';
import { todayIn } from './dates.ts';
import { overdueByContact } from './account.ts';
import { entryLabel, longDate, shortDate, signedMoney } from './labels.ts';
import { type LedgerLine, readLedgerLines, readLedgerPage } from './read-ledger.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

const words = {
  fr: {
    title: 'Relevé de compte',
    period: (from: string | null, to: string) => (from ? `Période du ${from} au ${to}` : `Jusqu’au ${to}`),
    printed: 'Édité le',
    location: 'Lieu',
    allLocations: ' (tous les lieux)',
    columns: ['Date', 'Référence', 'Opération', 'Débit', 'Crédit', 'Solde'],
    openingRow: 'Solde au',
    closingRow: 'Solde au',
    totals: 'Totaux de la période',
    figures: 'Situation du compte au',
    figuresWithLater: 'Situation du compte avec les opérations datées jusqu’au',
    laterIncluded: ' (opérations datées plus tard comprises)',
    balance: 'Solde (positif : le client nous doit)',
    receivable: 'À recevoir',
    payable: 'À payer',
    advance: 'Avance disponible',
    overdue: 'Échu non réglé',
    aging: 'Échéancier des sommes dues au',
    agingPayable: 'Échéancier des sommes à payer au',
    buckets: ['Non échu', '1–30 jours', '31–60 jours', '61–90 jours', 'Plus de 90 jours', 'Total'],
    page: 'Page',
    colon: '\u00a0: ',
  },
  en: {
    title: 'Statement of account',
    period: (from: string | null, to: string) => (from ? `Period from ${from} to ${to}` : `Up to ${to}`),
    printed: 'Printed on',
    location: 'Location',
    allLocations: ' (all locations)',
    columns: ['Date', 'Reference', 'Transaction', 'Debit', 'Credit', 'Balance'],
    openingRow: 'Balance on',
    closingRow: 'Balance on',
    totals: 'Period totals',
    figures: 'Account position on',
    figuresWithLater: 'Account position with the entries dated up to',
    laterIncluded: ' (entries dated later included)',
    balance: 'Balance (positive: the contact owes us)',
    receivable: 'Receivable',
    payable: 'Payable',
    advance: 'Advance available',
    overdue: 'Overdue',
    aging: 'Aging of amounts due on',
    agingPayable: 'Aging of amounts payable on',
    buckets: ['Not yet due', '1–30 days', '31–60 days', '61–90 days', 'Over 90 days', 'Total'],
    page: 'Page',
    colon: ': ',
  },
};

/** Column x positions and widths on an A4 page with 40-point margins. */
const columns = [
  { x: 40, width: 60, align: 'left' },
  { x: 100, width: 85, align: 'left' },
  { x: 185, width: 140, align: 'left' },
  { x: 325, width: 75, align: 'right' },
  { x: 400, width: 75, align: 'right' },
  { x: 475, width: 80, align: 'right' },
] as const;

/**
 * Renders the statement of `range`. With `location` set, the lines, the
 * opening and closing balances and the aging are those of that location,
 * while the account position stays the contact's over every location.
 */
export async function renderStatement(
  db: Executor,
  contact: ContactRow,
  range: { from?: string; to?: string },
  locale: Locale,
  location: { id: string; name: string } | null = null,
): Promise<Buffer> {
  const business = await loadBusiness(db, contact.business_id);
  const today = todayIn(business.timezone);
  const to = range.to ?? today;
  const scope = { businessId: contact.business_id, contactId: contact.id, locationId: location?.id ?? null };
  const head = await readLedgerPage(db, scope, { from: range.from, to, limit: 1 });
  const lines: LedgerLine[] = [];
  for await (const line of readLedgerLines(db, scope, { from: range.from, to })) lines.push(line);
  const aging = await agingOf(db, contact.business_id, contact.id, today, null, location?.id ?? null);
  const overdue = (await overdueByContact(db, contact.business_id, [contact.id], today)).get(contact.id);
  const figures = await db
    .selectFrom('contacts')
    .where('id', '=', contact.id)
    .select(['balance', 'receivable', 'payable', 'advance'])
    .executeTakeFirstOrThrow();
  // The stored figures, the open items and so the aging count every entry, a post-dated payment
  // too, so when the ledger runs past today they are labelled with its last date, not today's.
  const latestEntry = await db
    .selectFrom('ledger_entries')
    .where('business_id', '=', contact.business_id)
    .where('contact_id', '=', contact.id)
    .select((eb) => eb.fn.max('date').as('date'))
    .executeTakeFirst();
  const lastDate = latestEntry?.date && latestEntry.date > today ? latestEntry.date : null;

  const w = words[locale];
  const money = (minor: number) => formatMoney(minor, business.currency, locale);
  const signed = (minor: number) => signedMoney(minor, business.currency, locale);

  const doc = new PDFDocument({ size: 'A4', margin: 40, bufferPages: true, info: { Title: `${w.title} ${contact.name}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('regular', join(fontDir, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(fontDir, 'DejaVuSans-Bold.ttf'));

  doc.font('bold').fontSize(16).text(w.title);
  doc.font('regular').fontSize(10).text(business.name);
  doc.moveDown(0.5);
  doc.font('bold').text(contact.name);
  doc.font('regular');
  for (const part of addressLines(contact)) doc.text(part);
  doc.moveDown(0.5);
  doc.text(w.period(range.from ? longDate(range.from, locale) : null, longDate(to, locale)));
  if (location) doc.text(`${w.location}${w.colon}${location.name}`);
  doc.text(`${w.printed} ${longDate(today, locale)}`);
  doc.moveDown();

  const row = (cells: string[], font: 'regular' | 'bold' = 'regular') => {
    if (doc.y > doc.page.height - 80) {
      doc.addPage();
      row(w.columns, 'bold');
    }
    const y = doc.y;
    doc.font(font).fontSize(9);
    let bottom = y;
    cells.forEach((cell, index) => {
      const column = columns[index]!;
      doc.text(cell, column.x, y, { width: column.width, align: column.align });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = 40;
    doc.y = bottom + 2;
  };

  row(w.columns, 'bold');
  row(['', '', `${w.openingRow} ${shortDate(range.from ?? lines[0]?.date ?? to, locale)}`, '', '', signed(head.openingBalance)], 'bold');
  let debit = 0;
  let credit = 0;
  for (const line of lines) {
    debit += line.debit;
    credit += line.credit;
    const label = line.memo ? `${entryLabel(line.type, locale)} – ${line.memo}` : entryLabel(line.type, locale);
    row([
      shortDate(line.date, locale),
      line.reference,
      label,
      line.debit ? money(line.debit) : '',
      line.credit ? money(line.credit) : '',
      signed(line.balance),
    ]);
  }
  row(['', '', w.totals, money(debit), money(credit), ''], 'bold');
  row(['', '', `${w.closingRow} ${shortDate(to, locale)}`, '', '', signed(head.closingBalance)], 'bold');

  doc.moveDown();
  const figuresTitle = lastDate ? `${w.figuresWithLater} ${longDate(lastDate, locale)}` : `${w.figures} ${longDate(today, locale)}`;
  doc.font('bold').fontSize(11).text(`${figuresTitle}${location ? w.allLocations : ''}`, 40);
  doc.font('regular').fontSize(9);
  doc.text(`${w.balance}${w.colon}${signed(Number(figures.balance))}`);
  doc.text(`${w.receivable}${w.colon}${money(Number(figures.receivable))}`);
  if (Number(figures.payable) !== 0) doc.text(`${w.payable}${w.colon}${money(Number(figures.payable))}`);
  if (Number(figures.advance) !== 0) doc.text(`${w.advance}${w.colon}${money(Number(figures.advance))}`);
  doc.text(`${w.overdue}${w.colon}${money(overdue?.overdue ?? 0)}`);

  const agingSuffix = lastDate ? w.laterIncluded : '';
  agingTable(doc, `${w.aging} ${longDate(today, locale)}${agingSuffix}`, w.buckets, aging.receivable, money);
  if (aging.payable.total !== 0) {
    agingTable(doc, `${w.agingPayable} ${longDate(today, locale)}${agingSuffix}`, w.buckets, aging.payable, money);
  }

  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    doc.switchToPage(pages.start + index);
    // Below the bottom margin pdfkit would start a new page, so the footer lifts it.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).text(`${w.page} ${index + 1} / ${pages.count}`, 40, doc.page.height - 30, {
      width: doc.page.width - 80,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function addressLines(contact: ContactRow): string[] {
  const town = [contact.zip_code, contact.city].filter(Boolean).join(' ');
  return [contact.address_line1, contact.address_line2, town, contact.country].filter((part): part is string => Boolean(part));
}

function agingTable(
  doc: PDFKit.PDFDocument,
  title: string,
  headings: string[],
  aging: Aging,
  money: (minor: number) => string,
) {
  if (doc.y > doc.page.height - 120) doc.addPage();
  doc.moveDown();
  doc.font('bold').fontSize(11).text(title, 40);
  const values = [aging.notDue, aging.days1To30, aging.days31To60, aging.days61To90, aging.over90, aging.total];
  const width = (doc.page.width - 80) / headings.length;
  for (const [font, cells] of [['bold', headings], ['regular', values.map(money)]] as const) {
    const y = doc.y + 2;
    doc.font(font).fontSize(9);
    let bottom = y;
    cells.forEach((cell, index) => {
      doc.text(cell, 40 + index * width, y, { width: width - 4, align: 'right' });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = 40;
    doc.y = bottom;
  }
}
