/**
 * Request and response schemas of the contact routes. Request schemas check
 * only JSON types. Every business rule lives in the use cases, so the
 * importer gets the same checks and the caller gets every issue at once.
 */
import { z } from 'zod';
import { contactListQuery } from './search/list-params.ts';
import { integerParameter } from '../server/query-parameters.ts';

const text = (description?: string) => {
  const schema = z.string().nullable().optional();
  return description ? schema.describe(description) : schema;
};

// Loose at the top level: the use case reports unknown keys itself, with
// the key as the path, so the importer gets the same check.
export const contactBody = z.looseObject({
  code: text('1 to 30 letters, digits or - _ / . ; empty on create: generated from the business prefix (CO0001)'),
  type: text('customer | supplier | both (default customer)'),
  kind: text('individual | business (default business when only businessName is given)'),
  prefix: text(),
  firstName: text('required for an individual'),
  middleName: text(),
  lastName: text(),
  businessName: text('required for a business'),
  mobile: text('required; read with the contact country, else the business country'),
  alternateNumber: text(),
  landline: text(),
  email: text(),
  taxNumber: text('VAT format checked for EU countries (a warning, not an error)'),
  addressLine1: text(),
  addressLine2: text(),
  city: text(),
  state: text(),
  country: text('ISO 3166-1 alpha-2'),
  zipCode: text(),
  shippingAddress: text(),
  dateOfBirth: text('YYYY-MM-DD, not in the future'),
  customerGroupId: text('customers and both only: rejected on a supplier'),
  creditLimit: text('decimal string >= 0; null = no limit, "0.00" = no credit; customers and both only: rejected on a supplier'),
  payTerm: z
    .strictObject({
      number: z.number().describe('0..3650 days or 0..120 months'),
      unit: z.string().describe('days | months'),
      endOfMonth: z.boolean().optional(),
    })
    .partial()
    .nullable()
    .optional(),
  openingBalance: text('signed decimal string: positive when the contact owes the shop'),
  openingBalanceDate: text('YYYY-MM-DD; default today in the business time zone'),
  loyaltyCardNumber: text('unique in the business; customers and both only: rejected on a supplier'),
  status: text('active | inactive'),
  bankAccount: z
    .strictObject({ iban: text(), bic: text(), holder: text() })
    .nullable()
    .optional(),
  customFields: z
    .record(z.string(), z.string().nullable())
    .nullable()
    .optional()
    .describe('keyed by the business custom field keys (custom1..custom10)'),
  assignedUserIds: z.array(z.string()).optional(),
});

export const writeQuery = z.object({
  stopOnWarnings: z.stringbool().optional().describe('true: return 409 duplicate_warning and write nothing when there is a warning'),
});

export const idParams = z.object({ id: z.string().max(64) });

export const ifMatchHeader = z.object({
  'if-match': z.string().optional().describe('the ETag of the contact as read, such as "3"; a contact changed since gets 412 contact_changed'),
});
export const noteParams = idParams.extend({ noteId: z.string().max(64) });
export const attachmentParams = idParams.extend({ attachmentId: z.string().max(64) });

export const pageQuery = z.object({
  limit: integerParameter(1, 200, 50),
  cursor: z.string().max(500).optional(),
});

/** The list's filters, search, sort and page; see search/list-params.ts. */
export const listQuery = contactListQuery;

export const noteBody = z.strictObject({
  heading: z.string().nullable().optional(),
  body: z.string(),
  isPrivate: z.boolean().optional(),
});

export const notePatch = noteBody.partial();

const issue = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  contactId: z.string().optional().describe('duplicate warnings: id of the contact that already has the value, sent only when the caller may view that contact'),
});

export const contactJson = z.object({
  id: z.string(),
  code: z.string(),
  type: z.enum(['customer', 'supplier', 'both']),
  kind: z.enum(['individual', 'business']),
  prefix: z.string().nullable(),
  firstName: z.string().nullable(),
  middleName: z.string().nullable(),
  lastName: z.string().nullable(),
  businessName: z.string().nullable(),
  name: z.string(),
  mobile: z.string().nullable(),
  mobileE164: z.string().nullable(),
  alternateNumber: z.string().nullable(),
  alternateNumberE164: z.string().nullable(),
  landline: z.string().nullable(),
  landlineE164: z.string().nullable(),
  email: z.string().nullable(),
  taxNumber: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  country: z.string().nullable(),
  zipCode: z.string().nullable(),
  shippingAddress: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  customerGroupId: z.string().nullable(),
  creditLimit: z.string().nullable(),
  payTerm: z.object({ number: z.number(), unit: z.enum(['days', 'months']), endOfMonth: z.boolean() }).nullable(),
  openingBalance: z.string().nullable(),
  openingBalanceDate: z.string().nullable(),
  loyaltyCardNumber: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  bankAccount: z.object({ iban: z.string().nullable(), bic: z.string().nullable(), holder: z.string().nullable() }).nullable(),
  customFields: z.record(z.string(), z.string()),
  assignedUserIds: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().describe('when the contact\'s own fields last changed; postings to its account leave it alone'),
  version: z.number().int().describe('moves by one on each change of the contact\'s own fields; the ETag is this number in double quotes, for If-Match'),
  anonymisedAt: z.string().nullable(),
  balance: z.string().nullable().describe('null, like the other account figures, for a user without ledger.view'),
  receivable: z.string().nullable(),
  payable: z.string().nullable(),
  advance: z.string().nullable(),
  overdue: z.string().nullable().describe('receivable part past its due date, counted on the business-local day'),
});

export const contactWithWarnings = contactJson.extend({ warnings: z.array(issue) });

/** A contact as `GET /contacts/:id` and the list return it: the contact, the day of its latest ledger entry and its points. */
export const contactWithActivity = contactJson.extend({
  lastActivity: z.string().nullable()
    .describe('YYYY-MM-DD of the latest ledger entry (sale, purchase, payment, credit note…), null without any'),
  points: z.number().describe('loyalty points usable today: those of lots not yet expired'),
});

/** An item of the contact list, which the list's `lastActivity` sort reads. */
export const contactListItem = contactWithActivity;

export const noteJson = z.object({
  id: z.string(),
  contactId: z.string(),
  heading: z.string().nullable(),
  body: z.string(),
  isPrivate: z.boolean(),
  authorId: z.string().nullable().describe('null for a note that Comptoir wrote itself, such as the note of a merge run without a signed-in user'),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const attachmentJson = z.object({
  id: z.string(),
  contactId: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});

export const activityJson = z.object({
  id: z.string(),
  action: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  changes: z.unknown(),
  createdAt: z.string(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
