/**
 * Random sequences of sales, purchases, returns, voids (of documents with
 * returns too), payments, refunds, reversals, discounts and their reversals,
 * applied advances and opening balances on random contacts. After each
 * sequence every cached figure must equal what the ledger and the
 * allocations give, no allocation may exceed its payment or its document,
 * and every contact's advances are applied to its open debts.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/database.ts';
import { createDocument } from '../../src/documents/create-document.ts';
import { createReturn } from '../../src/documents/create-return.ts';
import { finaliseDocument } from '../../src/documents/finalise-document.ts';
import { formatScaled } from '../../src/documents/lines.ts';
import { voidDocument } from '../../src/documents/void-document.ts';
import type { Actor } from '../../src/ledger/actor.ts';
import { agingOf } from '../../src/ledger/aging.ts';
import { recordDiscount } from '../../src/ledger/discount.ts';
import { reverseDiscount } from '../../src/ledger/reverse-discount.ts';
import { nettingFamilies } from '../../src/ledger/net-items.ts';
import { syncOpeningBalance } from '../../src/ledger/opening-balance.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { applyAdvance } from '../../src/payments/apply-advance.ts';
import { recordPayment } from '../../src/payments/record-payment.ts';
import { recordRefund } from '../../src/payments/refund.ts';
import { reversePayment } from '../../src/payments/reverse-payment.ts';
import { AppError } from '../../src/shared/errors.ts';
import { formatDecimal } from '../../src/shared/money.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { cachedFigures, insertContact } from '../helpers/ledger-fixtures.ts';

const contactTypes = ['customer', 'supplier', 'both'] as const;

const amount = fc.integer({ min: 1, max: 50_000 });
/** Small amounts, so that discounts and refunds often fit what is open. */
const small = fc.integer({ min: 1, max: 3_000 });
const pick = fc.nat({ max: 1_000 });
const date = fc.integer({ min: 1, max: 28 }).map((day) => `2024-03-${String(day).padStart(2, '0')}`);

const step = fc.oneof(
  fc.record({ op: fc.constant('sale' as const), contact: pick, amount, paid: fc.integer({ min: 0, max: 100 }), parked: fc.boolean(), date }),
  fc.record({ op: fc.constant('purchase' as const), contact: pick, amount, parked: fc.boolean(), date }),
  fc.record({ op: fc.constant('finalise' as const), document: pick }),
  fc.record({ op: fc.constant('return' as const), document: pick, tenths: fc.integer({ min: 1, max: 10 }), refund: fc.boolean() }),
  fc.record({ op: fc.constant('void' as const), document: pick }),
  fc.record({ op: fc.constant('payment' as const), contact: pick, amount, received: fc.boolean(), chosen: fc.boolean(), date }),
  fc.record({ op: fc.constant('refund' as const), contact: pick, amount: small, received: fc.boolean(), date }),
  fc.record({ op: fc.constant('reverse' as const), payment: pick }),
  fc.record({ op: fc.constant('discount' as const), contact: pick, amount: small, sale: fc.boolean(), date }),
  fc.record({ op: fc.constant('advance' as const), contact: pick, sale: fc.boolean() }),
  fc.record({ op: fc.constant('undiscount' as const), discount: pick }),
  fc.record({ op: fc.constant('opening' as const), contact: pick, amount: fc.integer({ min: -50_000, max: 50_000 }) }),
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Sales go to customers or `both` contacts, purchases to suppliers or `both`. */
function fits(op: Step['op'], type: string): boolean {
  if (op === 'sale') return type !== 'supplier';
  if (op === 'purchase') return type !== 'customer';
  return true;
}

/** Only a `both` contact is given a direction or a side; the others take their own. */
function chosenDirection(type: string, received: boolean): 'received' | 'paid' | undefined {
  if (type !== 'both') return undefined;
  return received ? 'received' : 'paid';
}

function chosenSide(type: string, sale: boolean): 'sale' | 'purchase' | undefined {
  if (type !== 'both') return undefined;
  return sale ? 'sale' : 'purchase';
}

interface World {
  contacts: { id: string; type: (typeof contactTypes)[number] }[];
  documents: { id: string; type: 'sale' | 'purchase'; lineId: string }[];
  payments: string[];
  discounts: { id: string; contactId: string }[];
}

describe.each(engines)('ledger invariants on %s', (engine) => {
  let t: TestApp;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestApp(engine);
    actor = {
      businessId: t.business.businessId,
      userId: t.business.adminUserId,
      isAdmin: true,
      permissions: new Set(),
      defaultLocationId: t.business.locationId,
      locale: 'fr',
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  const money = (minor: number) => formatDecimal(minor, 'EUR');

  async function apply(trx: Executor, world: World, s: Step): Promise<void> {
    const candidates = world.contacts.filter((c) => fits(s.op, c.type));
    const contact = 'contact' in s ? candidates[s.contact % candidates.length]! : null;
    const document = 'document' in s && world.documents.length > 0 ? world.documents[s.document % world.documents.length]! : null;
    switch (s.op) {
      case 'sale':
      case 'purchase': {
        const paid = s.op === 'sale' && !s.parked ? Math.floor((s.amount * s.paid) / 100) : 0;
        const created = await createDocument(trx, actor, s.op, {
          contactId: contact!.id,
          date: s.date,
          status: s.parked ? 'parked' : 'final',
          lines: [{ description: 'Article', quantity: 1, unitPrice: money(s.amount) }],
          payments: paid > 0 ? [{ amount: money(paid), method: 'cash' }] : undefined,
          creditLimitOverride: { reason: 'test' },
        });
        world.documents.push({ id: created.id, type: s.op, lineId: created.lines[0]!.id });
        return;
      }
      case 'finalise':
        if (document) await finaliseDocument(trx, actor, document.type, document.id, { creditLimitOverride: { reason: 'test' } });
        return;
      case 'return':
        if (document) {
          await createReturn(trx, actor, document.type, document.id, {
            date: '2024-03-28',
            lines: [{ lineId: document.lineId, quantity: formatScaled(s.tenths * 100, 3) }],
            refund: s.refund ? { method: 'cash' } : undefined,
          });
        }
        return;
      case 'void':
        if (document) await voidDocument(trx, actor, document.type, document.id, { date: '2024-03-28' });
        return;
      case 'payment': {
        const direction = chosenDirection(contact!.type, s.received);
        let allocations: { documentId: string; amount: string }[] | undefined;
        if (s.chosen) {
          const open = await trx
            .selectFrom('open_items')
            .where('contact_id', '=', contact!.id)
            .where('status', '=', 'open')
            .where('source_type', '=', 'document')
            .select(['source_id', 'open_amount'])
            .executeTakeFirst();
          if (open) allocations = [{ documentId: open.source_id, amount: money(Math.min(Number(open.open_amount), s.amount)) }];
        }
        const payment = await recordPayment(trx, actor, {
          contactId: contact!.id, amount: money(s.amount), method: 'card', date: s.date, direction, allocations,
        });
        world.payments.push(payment.id);
        return;
      }
      case 'refund': {
        const direction = chosenDirection(contact!.type, s.received);
        const refund = await recordRefund(trx, actor, {
          contactId: contact!.id, amount: money(s.amount), method: 'cash', date: s.date, direction, creditLimitOverride: { reason: 'test' },
        });
        world.payments.push(refund.id);
        return;
      }
      case 'reverse':
        if (world.payments.length > 0) {
          await reversePayment(trx, actor, world.payments[s.payment % world.payments.length]!, { reason: 'test', date: '2024-03-28' });
        }
        return;
      case 'discount': {
        const discount = await recordDiscount(trx, actor, contact!.id, {
          amount: money(s.amount), date: s.date, reason: 'geste', side: chosenSide(contact!.type, s.sale),
        });
        world.discounts.push({ id: discount.id, contactId: contact!.id });
        return;
      }
      case 'undiscount': {
        const discount = world.discounts[s.discount % Math.max(1, world.discounts.length)];
        if (discount) await reverseDiscount(trx, actor, discount.contactId, discount.id, { reason: 'erreur', date: '2024-03-28' });
        return;
      }
      case 'advance':
        await applyAdvance(trx, actor, contact!.id, { side: chosenSide(contact!.type, s.sale) });
        return;
      case 'opening':
        await syncOpeningBalance(trx, {
          businessId: actor.businessId, contactId: contact!.id, amount: s.amount, date: '2024-02-01', locationId: null, userId: actor.userId,
        });
    }
  }

  async function overAllocated(db: Executor) {
    const rows = await sql<{ id: string; amount: number | string; allocated: number | string }>`
      select i.id, i.amount, coalesce(sum(a.amount), 0) as allocated
      from open_items i
      join allocations a on a.undone_at is null and (a.debit_item_id = i.id or a.credit_item_id = i.id)
      group by i.id, i.amount
      having coalesce(sum(a.amount), 0) > i.amount`.execute(db);
    const payments = await sql<{ id: string }>`
      select p.id from payments p join open_items i on i.source_type = 'payment' and i.source_id = p.id
      where i.amount <> p.amount or i.open_amount < 0 or i.open_amount > p.amount`.execute(db);
    const documents = await sql<{ id: string }>`
      select d.id from documents d join open_items i on i.source_type = 'document' and i.source_id = d.id
      where i.amount <> d.total or i.open_amount < 0 or i.open_amount > d.total`.execute(db);
    return { items: rows.rows, payments: payments.rows, documents: documents.rows };
  }

  /**
   * Per contact: the figures add up to the balance, the aging adds up to the
   * figures, overdue never exceeds what is owed, and no side of the
   * contact's business has an open debt beside an open credit.
   */
  async function expectNetted(db: Executor, contact: World['contacts'][number]) {
    const figures = await cachedFigures(db, contact.id);
    expect(figures.receivable - figures.payable - figures.advance).toBe(figures.balance);
    const aging = await agingOf(db, actor.businessId, contact.id, '2024-03-15');
    expect(aging.receivable.total).toBe(figures.receivable);
    expect(aging.payable.total).toBe(figures.payable);
    expect(aging.receivable.total - aging.receivable.notDue).toBeLessThanOrEqual(figures.receivable);
    if (contact.type !== 'both') {
      // A customer or a supplier is owed or owes, never both at once.
      expect(Math.min(figures.receivable, figures.payable + figures.advance)).toBe(0);
      if (figures.balance >= 0) expect(figures.receivable).toBe(figures.balance);
      else expect(figures.receivable).toBe(0);
    }
    for (const family of nettingFamilies) {
      const open = await db
        .selectFrom('open_items')
        .where('contact_id', '=', contact.id)
        .where('status', '=', 'open')
        .where('open_amount', '>', 0)
        .select(['side', 'kind'])
        .execute();
      const debt = open.some((row) => row.side === 'debit' && family.debit.includes(row.kind as never));
      const credit = open.some((row) => row.side === 'credit' && family.credit.includes(row.kind as never));
      expect({ contact: contact.type, debt, credit }).not.toMatchObject({ debt: true, credit: true });
    }
  }

  it('cached figures always equal the ledger', async () => {
    const db = t.database.db.kysely;
    await db.updateTable('businesses').set({ credit_limit_policy: 'block' }).where('id', '=', actor.businessId).execute();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 30 }), async (steps) => {
        run += 1;
        const world: World = { contacts: [], documents: [], payments: [], discounts: [] };
        for (const type of contactTypes) {
          const id = await insertContact(db, actor.businessId, { name: `Aléa ${run} ${type}`, type, creditLimit: run % 3 === 0 ? 10_000 : null });
          world.contacts.push({ id, type });
        }
        for (const s of steps) {
          try {
            await db.transaction().execute((trx) => apply(trx, world, s));
          } catch (error) {
            // Rejected operations (validation, status, limits) are part of the game; anything else is a bug.
            if (!(error instanceof AppError)) throw error;
          }
        }
        const report = await verifyLedger(db);
        expect(report.differences).toEqual([]);
        expect(await overAllocated(db)).toEqual({ items: [], payments: [], documents: [] });
        for (const contact of world.contacts) await expectNetted(db, contact);
      }),
      // Each run adds to the same database, so shrinking a failure gets slower
      // with every run. The time limit stops it soon enough to report the case found.
      { numRuns: 25, interruptAfterTimeLimit: 150_000, markInterruptAsFailure: true },
    );
    // About 500 transactions: seconds on an idle machine, more on a busy CI runner.
  }, 240_000);
});
