/** Request and response schemas of the payment routes. */
import { z } from 'zod';
import { isoDateSchema } from '../shared/date-schema.ts';
import { idParameter, integerParameter } from '../server/query-parameters.ts';

const id = z.string().min(1).max(100);
const amount = z.string().max(40).describe('Decimal string with the currency’s minor digits, e.g. "1234.50"');

export const allocationInput = z
  .strictObject({
    documentId: id.optional().describe('A sale or purchase'),
    itemId: id.optional().describe('An open item, such as the opening balance (see /contacts/{id}/open-items)'),
    amount,
  })
  .refine((a) => Boolean(a.documentId) !== Boolean(a.itemId), {
    message: 'give documentId or itemId',
    params: { code: 'allocation_target_required' },
  });

export const paymentInput = z.strictObject({
  contactId: id,
  amount,
  method: z.string().min(1).max(40),
  date: isoDateSchema,
  direction: z.enum(['received', 'paid']).optional().describe('Required for a contact that is both customer and supplier'),
  reference: z.string().trim().max(100).optional().describe('The payer’s reference: cheque number, transfer label'),
  note: z.string().max(2000).optional(),
  locationId: id.optional(),
  allocations: z.array(allocationInput).max(200).optional().describe('Without it, oldest due date first'),
});

export const refundInput = z.strictObject({
  contactId: id,
  amount,
  method: z.string().min(1).max(40),
  date: isoDateSchema,
  direction: z
    .enum(['paid', 'received'])
    .optional()
    .describe('paid: the shop pays a customer back; received: a supplier pays the shop back. Required for a `both` contact'),
  reference: z.string().trim().max(100).optional(),
  note: z.string().max(2000).optional(),
  locationId: id.optional(),
  sources: z
    .array(allocationInput)
    .max(200)
    .optional()
    .describe('The returns or payments whose credit is paid back, adding up to the amount; without it, oldest first'),
  creditLimitOverride: z.strictObject({ reason: z.string().trim().min(1).max(500) }).optional(),
});

export const applyAdvanceInput = z
  .strictObject({
    side: z.enum(['sale', 'purchase']).optional().describe('Required for a `both` contact'),
    allocations: z.array(allocationInput).max(200).optional().describe('Without it, oldest due date first'),
  })
  .nullable()
  .describe('May be left out');

export const reverseInput = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  date: isoDateSchema.optional().describe('Date of the reversal; today by default'),
});

export const paymentListQuery = z.object({
  contactId: idParameter('contact', 100),
  limit: integerParameter(1, 200, 50),
  cursor: z.string().max(500).optional(),
});

export const settlementView = z.object({
  itemId: z.string(),
  kind: z.string(),
  reference: z.string(),
  documentId: z.string().nullable(),
  amount: z.string(),
});

export const paymentView = z.object({
  id: z.string(),
  kind: z.string(),
  direction: z.string(),
  reference: z.string(),
  contactId: z.string().nullable(),
  amount: z.string(),
  method: z.string(),
  date: z.string(),
  externalReference: z.string().nullable(),
  note: z.string().nullable(),
  locationId: z.string(),
  documentId: z.string().nullable(),
  status: z.string(),
  allocations: z.array(settlementView),
  advance: z.string().describe('The part of this payment not allocated yet'),
  contactAdvance: z.string().nullable().describe('The contact’s whole advance after this operation'),
  reversedAt: z.string().nullable(),
  reversalReason: z.string().nullable(),
  createdAt: z.string(),
  warnings: z.array(z.object({ code: z.string(), limit: z.string(), exposure: z.string(), amount: z.string() })),
});

export const applyAdvanceView = z.object({
  allocations: z.array(settlementView.extend({ creditItemId: z.string(), creditReference: z.string() })),
  advance: z.string(),
});

export const methodInput = z.strictObject({ label: z.string().trim().min(1).max(60) });
export const methodPatch = z.strictObject({
  label: z.string().trim().min(1).max(60).optional(),
  active: z.boolean().optional(),
});
export const methodView = z.object({ code: z.string(), label: z.string(), builtIn: z.boolean(), active: z.boolean() });

export type AllocationInput = z.infer<typeof allocationInput>;
export type PaymentInput = z.infer<typeof paymentInput>;
export type RefundInput = z.infer<typeof refundInput>;
export type ApplyAdvanceInput = NonNullable<z.infer<typeof applyAdvanceInput>>;
export type ReverseInput = z.infer<typeof reverseInput>;
