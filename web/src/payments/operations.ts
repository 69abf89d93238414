/**
 * Calls that correct or move money already on an account: refunds, applying
 * an advance, reversing a payment, and recording or reversing a discount.
 * Each refreshes every figure the posting changes.
 */
import { useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api/client.ts';
import type { DecimalString } from '../api/types.ts';
import { refreshAfterPosting } from '../ledger/api.ts';
import type { Direction, Payment, Settlement } from './api.ts';
import type { AccountSide } from './sides.ts';
import { useMutation } from '../shared/mutation.ts';

export interface RefundInput {
  contactId: string;
  amount: DecimalString;
  method: string;
  date: string;
  direction?: Direction;
  reference?: string;
  note?: string;
}

export interface AppliedAdvance {
  allocations: (Settlement & { creditItemId: string; creditReference: string })[];
  advance: DecimalString;
}

export interface DiscountInput {
  amount: DecimalString;
  date: string;
  reason: string;
  side?: AccountSide;
}

export interface Discount {
  id: string;
  reference: string;
  amount: DecimalString;
  date: string;
  reason: string;
  side: AccountSide;
  allocations: { itemId: string; reference: string; documentId: string | null; amount: DecimalString }[];
}

export interface ReverseInput {
  reason: string;
  date?: string;
}

function useRefreshing<Input, Output>(contactId: string, call: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => refreshAfterPosting(client, contactId) });
}

/** Pays money back out of a contact's credit. A repeat with the same key returns the first refund. */
export function useRecordRefund(contactId: string) {
  return useRefreshing(contactId, ({ input, idempotencyKey }: { input: RefundInput; idempotencyKey: string }) =>
    apiRequest<Payment>('POST', '/refunds', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  );
}

export function useApplyAdvance(contactId: string) {
  return useRefreshing(
    contactId,
    (input: { side?: AccountSide; allocations?: { itemId: string; amount: DecimalString }[] }) =>
      apiRequest<AppliedAdvance>('POST', `/contacts/${contactId}/apply-advance`, { body: input }),
  );
}

export function useReversePayment(contactId: string) {
  return useRefreshing(contactId, ({ id, input }: { id: string; input: ReverseInput }) =>
    apiRequest<Payment>('POST', `/payments/${id}/reverse`, { body: input }),
  );
}

export function useRecordDiscount(contactId: string) {
  return useRefreshing(contactId, (input: DiscountInput) =>
    apiRequest<Discount>('POST', `/contacts/${contactId}/discounts`, { body: input }),
  );
}

export function useReverseDiscount(contactId: string) {
  return useRefreshing(contactId, ({ id, input }: { id: string; input: ReverseInput }) =>
    apiRequest<{ id: string; reference: string; amount: DecimalString }>(
      'POST',
      `/contacts/${contactId}/discounts/${id}/reverse`,
      { body: input },
    ),
  );
}
