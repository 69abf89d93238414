/**
 * Payments taken together with a document at the till: parsed with the
 * document, then posted and settled against it in the same transaction.
 */
import type { Executor } from '../db/database.ts';
import { parsePositiveAmount } from '../ledger/amounts.ts';
import { allocate, type OpenItem } from '../ledger/open-items.ts';
import { isUsableMethod } from '../payments/methods.ts';
import { postPayment } from '../payments/post-payment.ts';
import { IssueList } from '../shared/errors.ts';
import type { DocumentKind } from './kinds.ts';

export interface TillPaymentInput {
  amount: string;
  method: string;
}

export interface TillPayment {
  amount: number;
  method: string;
}

export async function parseTillPayments(
  db: Executor,
  businessId: string,
  currency: string,
  inputs: TillPaymentInput[] | undefined,
  issues: IssueList,
): Promise<TillPayment[]> {
  const parsed: TillPayment[] = [];
  for (const [index, input] of (inputs ?? []).entries()) {
    const amount = parsePositiveAmount(input.amount, currency, `payments.${index}.amount`, issues);
    const usable = await isUsableMethod(db, businessId, input.method);
    if (!usable) issues.add(`payments.${index}.method`, 'unknown_payment_method', { value: input.method });
    if (amount !== null && usable) parsed.push({ amount, method: input.method });
  }
  return parsed;
}

export function tillTotal(payments: TillPayment[]): number {
  return payments.reduce((sum, p) => sum + p.amount, 0);
}

/** Posts each payment and settles it against the document's open item. */
export async function takeTillPayments(
  trx: Executor,
  context: {
    businessId: string;
    contactId: string | null;
    kind: DocumentKind;
    documentId: string;
    date: string;
    locationId: string;
    userId: string | null;
  },
  item: OpenItem | null,
  payments: TillPayment[],
): Promise<void> {
  for (const payment of payments) {
    const posted = await postPayment(trx, {
      businessId: context.businessId,
      contactId: context.contactId,
      kind: 'payment',
      direction: context.kind.paymentDirection,
      amount: payment.amount,
      method: payment.method,
      date: context.date,
      locationId: context.locationId,
      externalReference: null,
      note: null,
      documentId: context.documentId,
      userId: context.userId,
    });
    if (item && posted.item) {
      const [debitId, creditId] = item.side === 'debit' ? [item.id, posted.item.id] : [posted.item.id, item.id];
      await allocate(trx, debitId, creditId, payment.amount, context.date, context.userId, context.businessId);
    }
  }
}
