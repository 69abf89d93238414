/** Sale and purchase calls: list, read, create, finalise, void and return, with their JSON shapes. */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../api/client.ts';
import type { DecimalString, Page, PayTerm } from '../api/types.ts';
import { refreshAfterPosting } from '../ledger/api.ts';
import { type DocumentSection, documentsPath } from './paths.ts';
import { useMutation } from '../shared/mutation.ts';

export type DocumentStatus = 'parked' | 'final' | 'void';

export interface DocumentSummary {
  id: string;
  type: string;
  reference: string;
  contactId: string | null;
  contactName: string | null;
  date: string;
  dueDate: string;
  status: DocumentStatus;
  total: DecimalString;
  openAmount: DecimalString;
  overdue: boolean;
}

/** The price a line was given in, which its amounts come from; the other price is derived for display. */
export type PriceGiven = 'unitPrice' | 'unitPriceWithTax';

export interface DocumentLine {
  id: string;
  position: number;
  productId: string | null;
  description: string;
  quantity: string;
  /** Price per unit before tax. */
  unitPrice: DecimalString;
  /** Price per unit tax included. */
  unitPriceWithTax?: DecimalString;
  priceGiven?: PriceGiven;
  discountPercent: string;
  taxRate: string;
  discount: DecimalString;
  tax: DecimalString;
  total: DecimalString;
  returnedQuantity?: string;
  /** The product's price that the customer group's price replaced, in the terms of `priceGiven`; null when none applies. */
  listPrice?: DecimalString | null;
  /** The amount the customer group took off the line, negative when it adds to it. */
  groupDiscount?: DecimalString;
  /** On the redemption line: the points it spends. */
  loyaltyPoints?: number | null;
}

export interface CreditWarning {
  code: 'credit_limit_exceeded';
  limit: DecimalString;
  exposure: DecimalString;
  amount: DecimalString;
}

export interface SaleDocument {
  id: string;
  type: string;
  reference: string;
  contactId: string | null;
  locationId: string;
  date: string;
  status: DocumentStatus;
  payTerm: (PayTerm & { label: string }) | null;
  dueDate: string;
  overdue: boolean;
  subtotal: DecimalString;
  discountTotal: DecimalString;
  taxTotal: DecimalString;
  total: DecimalString;
  paidAmount: DecimalString;
  openAmount: DecimalString;
  note: string | null;
  lines: DocumentLine[];
  returns: {
    id: string;
    type: string;
    reference: string;
    date: string;
    /** `final`, or `void` once the document was voided with it. */
    status: DocumentStatus;
    total: DecimalString;
    lines: DocumentLine[];
  }[];
  settlements: {
    allocationId: string;
    itemId: string;
    kind: string;
    reference: string;
    sourceType: string;
    sourceId: string;
    date: string;
    amount: DecimalString;
  }[];
  payments: { id: string; reference: string; amount: DecimalString; method: string; date: string; status: string }[];
  createdAt: string;
  finalisedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  /** True when voiding would reverse payments or allocations, which needs `payment.reverse`. */
  voidReversesPayments: boolean;
  /** The import that created the sale, and the sale's reference in that file; null for a sale entered by hand. */
  importId?: string | null;
  sourceReference?: string | null;
  warnings: CreditWarning[];
}

/** A line to save: exactly one of `unitPrice` (before tax) and `unitPriceWithTax` (tax included). */
export interface LineInput {
  description: string;
  quantity: string;
  unitPrice?: DecimalString;
  unitPriceWithTax?: DecimalString;
  discountPercent?: string;
  taxRate?: string;
  productId?: string;
}

export interface TillPayment {
  amount: DecimalString;
  method: string;
}

export interface CreditOverride {
  reason: string;
}

export interface DocumentInput {
  contactId: string | null;
  date: string;
  locationId?: string;
  status: 'final' | 'parked';
  /** Absent: the contact's term; null: due on the document date. */
  payTerm?: PayTerm | null;
  lines: LineInput[];
  payments?: TillPayment[];
  note?: string;
  creditLimitOverride?: CreditOverride;
  /** Loyalty points to spend on a sale. */
  redeemPoints?: number;
}

export interface ReturnInput {
  date: string;
  lines: { lineId: string; quantity: string }[];
  refund?: { method: string };
  note?: string;
}

export interface ReturnResult {
  id: string;
  reference: string;
  date: string;
  total: DecimalString;
  /** The part that lowered the document's open amount. */
  appliedToDocument: DecimalString;
  /** The part kept as the contact's advance. */
  advance: DecimalString;
  refund: { paymentId: string; reference: string; amount: DecimalString; method: string } | null;
}

export type DocumentStatusFilter = DocumentStatus | 'all';

export const documentKeys = {
  all: ['documents'] as const,
  list: (section: DocumentSection, status: DocumentStatusFilter, contactId: string) =>
    ['documents', section, 'list', status, contactId] as const,
  detail: (section: DocumentSection, id: string) => ['documents', section, 'detail', id] as const,
};

const PAGE_SIZE = 50;

export function useDocumentList(section: DocumentSection, status: DocumentStatusFilter, contactId: string) {
  return useInfiniteQuery({
    queryKey: documentKeys.list(section, status, contactId),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<DocumentSummary>>(
        documentsPath(section),
        {
          status: status === 'all' ? undefined : status,
          contactId: contactId || undefined,
          limit: PAGE_SIZE,
          cursor: pageParam,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function useDocument(section: DocumentSection, id: string) {
  return useQuery({
    queryKey: documentKeys.detail(section, id),
    queryFn: ({ signal }) => api.get<SaleDocument>(`${documentsPath(section)}/${id}`, undefined, signal),
  });
}

export function useCreateDocument(section: DocumentSection) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: DocumentInput; idempotencyKey: string }) =>
      apiRequest<SaleDocument>('POST', documentsPath(section), {
        body: input,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (document) => refreshAfterPosting(client, document.contactId),
  });
}

export function useFinaliseDocument(section: DocumentSection, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { payments?: TillPayment[]; creditLimitOverride?: CreditOverride }) =>
      api.post<SaleDocument>(`${documentsPath(section)}/${id}/finalise`, input),
    onSuccess: (document) => refreshAfterPosting(client, document.contactId),
  });
}

/** The body of `PUT /sales/{id}`: everything of a parked document but its contact, status and payments. */
export type EditDocumentInput = Omit<DocumentInput, 'contactId' | 'status' | 'payments' | 'creditLimitOverride'> & {
  redeemPoints?: number;
};

export function useEditDocument(section: DocumentSection, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: EditDocumentInput) => apiRequest<SaleDocument>('PUT', `${documentsPath(section)}/${id}`, { body: input }),
    onSuccess: (document) => refreshAfterPosting(client, document.contactId),
  });
}

export function useVoidDocument(section: DocumentSection, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { reason?: string; date?: string }) =>
      api.post<SaleDocument>(`${documentsPath(section)}/${id}/void`, input),
    onSuccess: (document) => refreshAfterPosting(client, document.contactId),
  });
}

export function useCreateReturn(section: DocumentSection, id: string, contactId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: ReturnInput; idempotencyKey: string }) =>
      apiRequest<ReturnResult>('POST', `${documentsPath(section)}/${id}/returns`, {
        body: input,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: () => refreshAfterPosting(client, contactId),
  });
}
