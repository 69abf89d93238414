/**
 * Six months of trade for the demo shop: sales paid at the counter or on
 * account, purchases from suppliers, payments that settle them in full or
 * in part, and a few advances. Every step goes through the use case its API
 * route calls, in date order, so ledgers, open items, loyalty points and the
 * audit log are written as in real use. The same seed gives the same history
 * relative to the day it is loaded.
 */
import type { Executor } from '../db/database.ts';
import { createDocument } from '../documents/create-document.ts';
import { quoteSale } from '../documents/quote-sale.ts';
import type { Actor } from '../ledger/actor.ts';
import { addDays } from '../ledger/dates.ts';
import { recordPayment } from '../payments/record-payment.ts';
import { AppError } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';
import type { DemoTexts } from './demo-texts.ts';

/** How far back the history starts, in days before today. */
export const HISTORY_DAYS = 182;

export interface DemoProduct {
  id: string;
  name: string;
  /** Tax-included selling price in minor units. */
  price: number;
}

export interface DemoParty {
  id: string;
  type: 'customer' | 'supplier' | 'both';
  /** Opening balance in minor units: positive when the contact owes the shop. */
  openingBalance: number;
}

type Event =
  | { date: string; order: number; kind: 'sale'; contactId: string | null; settle: 'counter' | 'account'; payment: number; invoiced: boolean }
  | { date: string; order: number; kind: 'purchase'; contactId: string; amount: number }
  | { date: string; order: number; kind: 'advance'; contactId: string; amount: number }
  | { date: string; order: number; kind: 'settle_opening'; contactId: string; amount: number };

interface PaymentPlan {
  documentId: string;
  contactId: string;
  date: string;
  /** Share of the total paid, in percent. */
  percent: number;
  direction: 'received' | 'paid';
}

/**
 * Writes the history and returns how many sales, purchases and payments it
 * recorded. `progress` is called every 50 events and at the end with the share done (0 to 1).
 */
export async function loadDemoHistory(
  db: Executor,
  actor: Actor,
  setting: {
    today: string;
    random: () => number;
    parties: DemoParty[];
    products: DemoProduct[];
    /** Source of the payment notes and of the purchase line. */
    texts: DemoTexts;
    progress?: (done: number) => void;
  },
): Promise<{ sales: number; purchases: number; payments: number }> {
  const { today, random, parties, products, texts } = setting;
  const customers = parties.filter((party) => party.type !== 'supplier');
  const suppliers = parties.filter((party) => party.type !== 'customer');
  const events: Event[] = [];
  let order = 0;
  const dayInHistory = () => addDays(today, -1 - Math.floor(random() * HISTORY_DAYS));

  const saleCount = Math.round(customers.length * 1.5);
  for (let index = 0; index < saleCount; index += 1) {
    const walkIn = customers.length === 0 || random() < 0.1;
    const contactId = walkIn ? null : customers[Math.floor(random() * customers.length)]!.id;
    const onAccount = !walkIn && random() < 0.55;
    // On account: a third are paid in full later, a fifth in part, the rest stay open.
    const roll = random();
    let payment = 0;
    if (onAccount && roll < 0.33) payment = 100;
    else if (onAccount && roll < 0.53) payment = 20 + Math.floor(random() * 60);
    // Half the sales on account are invoiced at 30 days, the others take the customer's own term.
    const invoiced = random() < 0.5;
    events.push({ date: dayInHistory(), order: order++, kind: 'sale', contactId, settle: onAccount ? 'account' : 'counter', payment, invoiced });
  }
  // A few unpaid sales of the last three weeks at 30 days, so even a small demo has customers not yet due.
  const recentCount = customers.length === 0 ? 0 : Math.max(3, Math.round(customers.length / 40));
  for (let index = 0; index < recentCount; index += 1) {
    const contactId = customers[Math.floor(random() * customers.length)]!.id;
    const date = addDays(today, -1 - Math.floor(random() * 21));
    events.push({ date, order: order++, kind: 'sale', contactId, settle: 'account', payment: 0, invoiced: true });
  }
  const purchaseCount = Math.min(suppliers.length * 3, 60);
  for (let index = 0; index < purchaseCount; index += 1) {
    const contactId = suppliers[Math.floor(random() * suppliers.length)]!.id;
    events.push({ date: dayInHistory(), order: order++, kind: 'purchase', contactId, amount: 5_000 + Math.round(random() * 95_000) });
  }
  for (let index = 0; index < Math.min(2, customers.length); index += 1) {
    const contactId = customers[Math.floor(random() * customers.length)]!.id;
    events.push({ date: addDays(today, -2 - index * 5), order: order++, kind: 'advance', contactId, amount: (index + 1) * 5_000 });
  }
  // Most customers who owed money when the shop started on Comptoir have paid it since, oldest due date first.
  for (const party of customers) {
    if (party.openingBalance > 0 && random() < 0.65) {
      events.push({ date: dayInHistory(), order: order++, kind: 'settle_opening', contactId: party.id, amount: party.openingBalance });
    }
  }
  events.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);

  const plans: PaymentPlan[] = [];
  const counts = { sales: 0, purchases: 0, payments: 0 };
  let done = 0;
  for (const event of events) {
    // Payments planned for this date or earlier go before the day's new documents.
    while (plans.length > 0 && plans[0]!.date <= event.date) {
      await payPlanned(db, actor, plans.shift()!);
      counts.payments += 1;
    }
    if (event.kind === 'sale') {
      const sale = await recordSale(db, actor, event, saleLines(random, products));
      counts.sales += 1;
      if (sale && event.payment > 0) {
        const delay = 3 + Math.floor(random() * 40);
        const date = addDays(event.date, delay);
        if (date < today) insertPlan(plans, { documentId: sale, contactId: event.contactId!, date, percent: event.payment, direction: 'received' });
      }
    } else if (event.kind === 'purchase') {
      const purchase = await recordPurchase(db, actor, event, texts.restockLine);
      counts.purchases += 1;
      const date = addDays(event.date, 10 + Math.floor(random() * 30));
      if (random() < 0.7 && date < today) insertPlan(plans, { documentId: purchase, contactId: event.contactId, date, percent: 100, direction: 'paid' });
    } else if (event.kind === 'settle_opening') {
      await inTransaction(db, (trx) =>
        recordPayment(trx, actor, {
          contactId: event.contactId, amount: formatDecimal(event.amount, 'EUR'), method: 'cheque', date: event.date,
          direction: 'received', note: texts.openingSettlementNote,
        }));
      counts.payments += 1;
    } else {
      await inTransaction(db, (trx) =>
        recordPayment(trx, actor, {
          contactId: event.contactId, amount: formatDecimal(event.amount, 'EUR'), method: 'bank_transfer', date: event.date,
          direction: 'received', reference: texts.advanceReference, note: texts.advanceNote,
        }));
      counts.payments += 1;
    }
    done += 1;
    if (done % 50 === 0) setting.progress?.(done / events.length);
  }
  for (const plan of plans) {
    await payPlanned(db, actor, plan);
    counts.payments += 1;
  }
  setting.progress?.(1);
  return counts;
}

function insertPlan(plans: PaymentPlan[], plan: PaymentPlan): void {
  const at = plans.findIndex((other) => other.date > plan.date);
  if (at === -1) plans.push(plan);
  else plans.splice(at, 0, plan);
}

interface Line {
  description: string;
  quantity: string;
  productId: string;
  unitPriceWithTax: string;
}

function saleLines(random: () => number, products: DemoProduct[]): Line[] {
  const count = 1 + Math.floor(random() * 4);
  const lines: Line[] = [];
  for (let index = 0; index < count; index += 1) {
    const product = products[Math.floor(random() * products.length)]!;
    lines.push({
      description: product.name,
      quantity: String(1 + Math.floor(random() * 6)),
      productId: product.id,
      unitPriceWithTax: formatDecimal(product.price, 'EUR'),
    });
  }
  return lines;
}

/** Returns the sale's id when it is left on account, or null when it was paid at the counter. */
async function recordSale(
  db: Executor,
  actor: Actor,
  event: Extract<Event, { kind: 'sale' }>,
  lines: Line[],
): Promise<string | null> {
  const onAccount = async () =>
    inTransaction(db, (trx) => createDocument(trx, actor, 'sale', {
      contactId: event.contactId, date: event.date, status: 'final', lines,
      ...(event.invoiced ? { payTerm: { number: 30, unit: 'days' as const, endOfMonth: false } } : {}),
    }));
  if (event.settle === 'account') {
    try {
      return (await onAccount()).id;
    } catch (error) {
      // A customer at its credit limit pays at the counter, as the till would ask.
      if (!(error instanceof AppError) || error.code !== 'credit_limit_exceeded') throw error;
    }
  }
  await inTransaction(db, async (trx) => {
    const quote = await quoteSale(trx, actor, { contactId: event.contactId, lines });
    const method = quote.total.length > 5 ? 'card' : 'cash';
    return createDocument(trx, actor, 'sale', {
      contactId: event.contactId, date: event.date, status: 'final', lines, payments: [{ amount: quote.total, method }],
    });
  });
  return null;
}

async function recordPurchase(
  db: Executor,
  actor: Actor,
  event: Extract<Event, { kind: 'purchase' }>,
  description: string,
): Promise<string> {
  const document = await inTransaction(db, (trx) =>
    createDocument(trx, actor, 'purchase', {
      contactId: event.contactId, date: event.date, status: 'final',
      lines: [{ description, quantity: '1', unitPrice: formatDecimal(event.amount, 'EUR'), taxRate: '5.5' }],
    }));
  return document.id;
}

async function payPlanned(db: Executor, actor: Actor, plan: PaymentPlan): Promise<void> {
  await inTransaction(db, async (trx) => {
    const open = await trx.selectFrom('open_items').where('business_id', '=', actor.businessId)
      .where('source_id', '=', plan.documentId).where('status', '=', 'open').select('open_amount').executeTakeFirst();
    const openAmount = Math.abs(Number(open?.open_amount ?? 0));
    const amount = plan.percent >= 100 ? openAmount : Math.max(100, Math.round((openAmount * plan.percent) / 100));
    if (openAmount === 0 || amount > openAmount) return;
    const text = formatDecimal(amount, 'EUR');
    await recordPayment(trx, actor, {
      contactId: plan.contactId, amount: text, method: paymentMethod(plan.direction, amount),
      date: plan.date, direction: plan.direction, allocations: [{ documentId: plan.documentId, amount: text }],
    });
  });
}

/** Suppliers are paid by transfer, customers pay large sums by cheque and small ones in cash. */
function paymentMethod(direction: 'received' | 'paid', amount: number): string {
  if (direction === 'paid') return 'bank_transfer';
  return amount > 5_000 ? 'cheque' : 'cash';
}

async function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
