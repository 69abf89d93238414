/** Request and response schemas of the document routes. */
import { z } from 'zod';
import { isoDateParameter, isoDateSchema } from '../shared/date-schema.ts';
import { integerParameter } from '../server/query-parameters.ts';

const id = z.string().min(1).max(100);
const amount = z.string().max(40).describe('Decimal string with the currency’s minor digits, e.g. "1234.50"');
const decimalish = z.union([z.string().max(40), z.number().nonnegative()]);

export const payTermSchema = z.strictObject({
  number: z.number().int().min(0).max(3650),
  unit: z.enum(['days', 'months']),
  endOfMonth: z.boolean().default(false).describe('Add the term, then move to the last day of that month'),
});

export const lineSchema = z.strictObject({
  description: z.string().trim().min(1).max(500),
  quantity: decimalish.describe('Up to 3 decimals, e.g. "1.5"'),
  unitPrice: amount
    .nullable()
    .optional()
    .describe('Price per unit before tax. Give this or `unitPriceWithTax`, not both; an API client that sends only this gets the same amounts as before tax-included prices existed'),
  unitPriceWithTax: amount
    .nullable()
    .optional()
    .describe(
      'Price per unit tax included (the shelf price), instead of `unitPrice`. The line total is then exactly round(price x quantity) less the discount, and the tax and amounts before tax are worked out from that total',
    ),
  discountPercent: decimalish.nullable().optional(),
  taxRate: decimalish.nullable().optional().describe('Percent, e.g. "20" or "5.5"'),
  productId: id.nullable().optional(),
});

export const tillPaymentSchema = z.strictObject({ amount, method: z.string().min(1).max(40) });

export const overrideSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).describe('Why the credit limit is passed; kept in the audit log'),
});

export const documentInput = z.strictObject({
  contactId: id.nullable().optional().describe('Null or absent for a walk-in sale, which must be paid in full'),
  date: isoDateSchema,
  locationId: id.optional(),
  status: z.enum(['final', 'parked']),
  payTerm: payTermSchema.nullable().optional().describe('Absent: the contact’s term; null: due on the document date'),
  lines: z.array(lineSchema).min(1).max(500),
  payments: z.array(tillPaymentSchema).max(20).optional(),
  note: z.string().max(2000).optional(),
  creditLimitOverride: overrideSchema.optional(),
  redeemPoints: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .optional()
    .describe('Loyalty points to spend on a sale, worth points x point value off its total; spent when the sale is final'),
});

export const quoteInput = z.strictObject({
  contactId: documentInput.shape.contactId,
  lines: z
    .array(lineSchema.extend({ description: z.string().max(500).optional().describe('May be empty while the line is typed') }))
    .min(1)
    .max(500),
  redeemPoints: documentInput.shape.redeemPoints,
});

const money = z.string().describe('Decimal string with the currency’s minor digits');
const priceGiven = z
  .enum(['unitPrice', 'unitPriceWithTax'])
  .describe('The price the line was given in, which its amounts are computed from; the other price is derived for display');

export const quoteView = z.object({
  contactId: z.string().nullable(),
  customerGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  lines: z.array(
    z.object({
      position: z.number().describe('1-based position of the requested line'),
      productId: z.string().nullable(),
      unitPrice: money.describe('The unit price before tax the sale stores (the group’s when one applies); derived for display on a tax-included line'),
      unitPriceWithTax: money.describe('The unit price tax included (the group’s when one applies); derived for display on a line priced before tax'),
      priceGiven: priceGiven,
      listPrice: money
        .nullable()
        .describe('The product’s price that the group’s price replaced, tax included on a tax-included line and before tax otherwise; null when none applies'),
      groupDiscount: money.describe('What the customer group takes off the line (negative when it adds), in the same terms as `listPrice`'),
      discount: money,
      tax: money,
      total: money,
    }),
  ),
  redemption: z.object({ points: z.number(), amount: money.describe('What the points take off the total') }).nullable(),
  redemptionIssues: z
    .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
    .describe('Why the requested points cannot be redeemed (the lines are then priced without them); saving would answer 422 with these'),
  subtotal: money,
  discountTotal: money,
  taxTotal: money,
  totalBeforeRedemption: money,
  total: money,
});

export const editParkedInput = z.strictObject({
  date: isoDateSchema,
  locationId: id.optional().describe('Absent: the document keeps its location'),
  payTerm: payTermSchema.nullable().optional().describe('Absent: the contact’s term; null: due on the document date'),
  lines: z.array(lineSchema).min(1).max(500).describe('Replace every line of the document'),
  note: z.string().max(2000).optional().describe('Absent: no note'),
  redeemPoints: documentInput.shape.redeemPoints,
});

export const finaliseInput = z
  .strictObject({
    payments: z.array(tillPaymentSchema).max(20).optional(),
    creditLimitOverride: overrideSchema.optional(),
  })
  .nullable()
  .describe('May be left out');

export const voidInput = z
  .strictObject({
    reason: z.string().trim().max(500).optional(),
    date: isoDateSchema.optional().describe('Date of the reversal; today by default'),
  })
  .nullable()
  .describe('May be left out');

export const returnInput = z.strictObject({
  date: isoDateSchema,
  lines: z
    .array(z.strictObject({ lineId: id, quantity: decimalish }))
    .min(1)
    .max(500),
  refund: z
    .strictObject({ method: z.string().min(1).max(40) })
    .optional()
    .describe('Pay the part that exceeds the document’s open amount back at once; otherwise it stays as an advance'),
  note: z.string().max(2000).optional(),
});

export const listQuery = z.object({
  contactId: id.optional(),
  status: z.enum(['parked', 'final', 'void']).optional(),
  from: isoDateParameter,
  to: isoDateParameter,
  limit: integerParameter(1, 200, 50),
  cursor: z.string().max(500).optional(),
});

const lineView = z.object({
  id: z.string(),
  position: z.number(),
  productId: z.string().nullable(),
  description: z.string(),
  quantity: z.string(),
  unitPrice: z.string().describe('Price per unit before tax; derived for display on a tax-included line'),
  unitPriceWithTax: z.string().describe('Price per unit tax included; derived for display on a line priced before tax'),
  priceGiven: priceGiven,
  discountPercent: z.string(),
  taxRate: z.string(),
  discount: z.string(),
  tax: z.string(),
  total: z.string(),
  returnedQuantity: z.string().optional(),
  returnedLineId: z.string().nullable().optional(),
  listPrice: z
    .string()
    .nullable()
    .describe('The product’s selling price that the customer group’s price replaced, tax included on a tax-included line and before tax otherwise; null when none applies'),
  groupDiscount: z.string().describe('What the customer group took off the line (negative when it adds), in the same terms as `listPrice`'),
  loyaltyPoints: z.number().nullable().describe('On the redemption line: the points it spends (or gives back on a return)'),
});

const warning = z.object({ code: z.literal('credit_limit_exceeded'), limit: z.string(), exposure: z.string(), amount: z.string() });

export const documentView = z.object({
  id: z.string(),
  type: z.string(),
  reference: z.string(),
  contactId: z.string().nullable(),
  locationId: z.string(),
  date: z.string(),
  status: z.string(),
  payTerm: z.object({ number: z.number(), unit: z.string(), endOfMonth: z.boolean(), label: z.string() }).nullable(),
  dueDate: z.string(),
  overdue: z.boolean(),
  subtotal: z.string(),
  discountTotal: z.string(),
  taxTotal: z.string(),
  total: z.string(),
  paidAmount: z.string(),
  openAmount: z.string(),
  note: z.string().nullable(),
  lines: z.array(lineView),
  returns: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      reference: z.string(),
      date: z.string(),
      status: z.string(),
      total: z.string(),
      lines: z.array(lineView),
    }),
  ),
  settlements: z.array(
    z.object({
      allocationId: z.string(),
      itemId: z.string(),
      kind: z.string(),
      reference: z.string(),
      sourceType: z.string(),
      sourceId: z.string(),
      date: z.string(),
      amount: z.string(),
    }),
  ),
  payments: z.array(
    z.object({ id: z.string(), reference: z.string(), amount: z.string(), method: z.string(), date: z.string(), status: z.string() }),
  ),
  createdAt: z.string(),
  finalisedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  voidReversesPayments: z.boolean().describe('Voiding it would reverse payments or allocations, which needs payment.reverse'),
  importId: z.string().nullable().describe('The import that created the sale; null when it was entered or sent to the API'),
  sourceReference: z.string().nullable().describe('The sale’s reference in the imported file'),
  warnings: z.array(warning),
});

export type DocumentInput = z.infer<typeof documentInput>;
export type EditParkedInput = z.infer<typeof editParkedInput>;
export type QuoteRequest = z.infer<typeof quoteInput>;
export type FinaliseInput = NonNullable<z.infer<typeof finaliseInput>>;
export type VoidInput = NonNullable<z.infer<typeof voidInput>>;
export type ReturnInput = z.infer<typeof returnInput>;
export type ListQuery = z.infer<typeof listQuery>;
