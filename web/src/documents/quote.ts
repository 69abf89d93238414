/**
 * The sale form's running total from the server. As the user types, the
 * lines are sent to `POST /sales/quote` (debounced), which prices them with
 * the code that saving runs. The customer group's price so shows on each
 * line before the sale is saved. A newer request cancels the one in flight.
 */
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest, type ProblemIssue } from '../api/client.ts';
import type { DecimalString } from '../api/types.ts';
import type { PriceGiven } from './api.ts';
import { type DocumentFormValues, lineValues, type NumberFormat } from './formValues.ts';
import { lineAmounts } from './lineMath.ts';

/** Milliseconds of typing pause before the lines are priced again. */
const QUOTE_DELAY_MS = 300;

export interface QuoteLine {
  position: number;
  productId: string | null;
  unitPrice: DecimalString;
  unitPriceWithTax: DecimalString;
  priceGiven: PriceGiven;
  listPrice: DecimalString | null;
  groupDiscount: DecimalString;
  discount: DecimalString;
  tax: DecimalString;
  total: DecimalString;
}

export interface SaleQuote {
  contactId: string | null;
  customerGroup: { id: string; name: string } | null;
  lines: QuoteLine[];
  redemption: { points: number; amount: DecimalString } | null;
  /** Reasons the typed points cannot be redeemed. The lines are then priced without them. */
  redemptionIssues: ProblemIssue[];
  subtotal: DecimalString;
  discountTotal: DecimalString;
  taxTotal: DecimalString;
  totalBeforeRedemption: DecimalString;
  total: DecimalString;
}

interface QuoteRequest {
  contactId: string | null;
  lines: {
    quantity: string;
    unitPrice?: string;
    unitPriceWithTax?: string;
    discountPercent?: string;
    taxRate?: string;
    productId?: string;
  }[];
  redeemPoints?: number;
}

/**
 * Builds the quote request of the form, or null while a line cannot be read
 * (the server would reject it). Descriptions change no price, so they are
 * left out and typing one sends no request.
 */
export function quoteRequest(values: DocumentFormValues, currency: string, format: NumberFormat): QuoteRequest | null {
  const lines: QuoteRequest['lines'] = [];
  for (const line of values.lines) {
    const numbers = lineValues(line, format);
    if (!lineAmounts(numbers, currency) || numbers.quantity === null || numbers.unitPrice === null) return null;
    lines.push({
      quantity: numbers.quantity,
      ...(line.priceIncludesTax ? { unitPriceWithTax: numbers.unitPrice } : { unitPrice: numbers.unitPrice }),
      ...(numbers.discountPercent ? { discountPercent: numbers.discountPercent } : {}),
      ...(numbers.taxRate ? { taxRate: numbers.taxRate } : {}),
      ...(line.productId ? { productId: line.productId } : {}),
    });
  }
  const points = values.redeemPoints.trim();
  const redeemPoints = values.contact && /^\d{1,9}$/.test(points) && Number(points) > 0 ? Number(points) : undefined;
  return { contactId: values.contact?.id ?? null, lines, ...(redeemPoints ? { redeemPoints } : {}) };
}

export interface QuoteState {
  /** The quote of what the form shows now, or the previous one while a newer is on its way; null before the first. */
  quote: SaleQuote | null;
  /** True while the form has changed since the quote shown. */
  updating: boolean;
  error: unknown;
}

export function useSaleQuote(request: QuoteRequest | null, enabled: boolean): QuoteState {
  const key = enabled && request ? JSON.stringify(request) : null;
  const [debounced] = useDebouncedValue(key, QUOTE_DELAY_MS);
  const query = useQuery({
    queryKey: ['documents', 'sale', 'quote', debounced],
    queryFn: ({ signal }) => apiRequest<SaleQuote>('POST', '/sales/quote', { body: JSON.parse(debounced ?? '{}'), signal }),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
  if (key === null) return { quote: null, updating: false, error: null };
  const current = debounced === key && !query.isPlaceholderData;
  return {
    quote: query.isError && current ? null : (query.data ?? null),
    updating: !current || query.isFetching,
    error: current ? query.error : null,
  };
}
