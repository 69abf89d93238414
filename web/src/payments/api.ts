/** Payment calls: methods, recording a payment once per `Idempotency-Key`, applying an advance. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../api/client.ts';
import type { DecimalString } from '../api/types.ts';
import { refreshAfterPosting } from '../ledger/api.ts';
import { useMutation } from '../shared/mutation.ts';

export type Direction = 'received' | 'paid';

export interface PaymentMethod {
  code: string;
  label: string;
  builtIn: boolean;
  active: boolean;
}

export interface PaymentInput {
  contactId: string;
  amount: DecimalString;
  method: string;
  date: string;
  direction?: Direction;
  reference?: string;
  note?: string;
  locationId?: string;
  allocations?: { documentId?: string; itemId?: string; amount: DecimalString }[];
}

export interface Settlement {
  itemId: string;
  kind: string;
  reference: string;
  documentId: string | null;
  amount: DecimalString;
}

export interface Payment {
  id: string;
  kind: string;
  direction: Direction;
  reference: string;
  contactId: string | null;
  amount: DecimalString;
  method: string;
  date: string;
  externalReference: string | null;
  note: string | null;
  locationId: string;
  documentId: string | null;
  status: string;
  allocations: Settlement[];
  /** The part of this payment not allocated yet. */
  advance: DecimalString;
  /** The contact's whole advance after this payment. */
  contactAdvance: DecimalString | null;
  createdAt: string;
}

export const paymentKeys = {
  methods: () => ['payments', 'methods'] as const,
};

export function usePaymentMethods() {
  return useQuery({
    queryKey: paymentKeys.methods(),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: PaymentMethod[] }>('/payment-methods', undefined, signal)).items,
    staleTime: 5 * 60_000,
  });
}

/** Records a payment. A repeat with the same key (a double click, a retry) returns the first response. */
export function useRecordPayment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: PaymentInput; idempotencyKey: string }) =>
      apiRequest<Payment>('POST', '/payments', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: (payment) => refreshAfterPosting(client, payment.contactId),
  });
}
