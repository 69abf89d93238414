/** HTTP routes of duplicate contacts: the groups found, and the merge. */
import { z } from 'zod';
import { requireAuth } from '../../auth/context.ts';
import type { Deps, ZodApp } from '../../server/app.ts';
import { contactJson, noteJson } from '../schemas.ts';
import { hideFigureChanges, hideFigures } from '../hide-figures.ts';
import { duplicateReasons, findDuplicates } from './find-duplicates.ts';
import { MAX_MERGED_CONTACTS, mergeContacts } from './merge-contacts.ts';
import { mergeableFields } from './merge-fields.ts';
import { integerParameter } from '../../server/query-parameters.ts';
import { contactView } from '../../auth/route-permission.ts';

const tags = ['contacts'];
const id = z.string().min(1).max(64);

const duplicatesQuery = z.strictObject({
  reason: z.enum(duplicateReasons).optional().describe('only groups of this reason'),
  limit: integerParameter(1, 100, 20),
  cursor: z.string().max(500).optional(),
});

const member = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.string(),
  status: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  taxNumber: z.string().nullable(),
  loyaltyCardNumber: z.string().nullable(),
  city: z.string().nullable(),
  balance: z.string().nullable().describe('null for a user without ledger.view'),
  createdAt: z.string(),
});

const group = z.object({
  reason: z.enum(duplicateReasons),
  key: z.string(),
  count: z.number(),
  contacts: z.array(member),
});

const fieldNames = Object.keys(mergeableFields) as [keyof typeof mergeableFields, ...(keyof typeof mergeableFields)[]];

const mergeBody = z.strictObject({
  keepId: id,
  mergeIds: z.array(id).min(1).max(MAX_MERGED_CONTACTS),
  fields: z.record(z.string(), id).optional()
    .describe(
      `field → id of the contact whose value the kept contact takes; fields: ${fieldNames.join(', ')}. ` +
        'customFields.custom1 to customFields.custom10 take one custom field from that contact, over the others; ' +
        'a contact without a value clears it. An unknown field or custom field, or an id outside the merge, returns 422.',
    ),
  dryRun: z.boolean().optional().describe('true: compute and return the result, change nothing'),
});

const mergeResult = z.object({
  dryRun: z.boolean(),
  contact: contactJson,
  merged: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  moved: z.record(z.string(), z.number()),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  notes: z.array(noteJson).describe('notes added on the kept contact, each listing the values of one merged contact that it did not take'),
});

export async function contactMergeRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const db = deps.db.kysely;

  app.get('/api/v1/contacts/duplicates', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'Groups of likely duplicate contacts, each with its reason',
      description:
        'Reasons, in this order: mobile (same E.164), email, taxNumber, card (spaces, dashes and dots ignored), ' +
        'name (same folded name in the same city; first and last name in any order). Up to 20 contacts per group; ' +
        'count is the whole group.',
      querystring: duplicatesQuery,
      response: { 200: z.object({ items: z.array(group), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => {
    const { reason, limit, cursor } = request.query;
    return findDuplicates(db, requireAuth(request), { limit, ...(reason ? { reason } : {}), ...(cursor ? { cursor } : {}) });
  });

  app.post('/api/v1/contacts/merge', {
    config: { permission: 'contact.merge' },
    schema: {
      tags,
      summary: 'Merge contacts into one (permission contact.merge)',
      description:
        'Documents, payments, ledger entries, open items, loyalty points, notes, files, messages, reminders and ' +
        'assignments move to the kept contact; its balances are computed again from the ledger; the merged ' +
        'contacts are deleted; the audit log records the merge on the kept contact. A merged contact\'s number that ' +
        'the kept contact lacks fills its empty alternateNumber, then landline; every other value of a merged ' +
        'contact that the kept contact did not take is listed in a note on the kept contact, one per merged ' +
        'contact, in the business\'s language. dryRun returns the same ' +
        'result without changing anything. An id that is no contact the caller may view returns 404 ' +
        'merge_contact_not_found naming every such id, an id a merge already deleted 404 contact_merged naming ' +
        'the contact it went into, and an anonymised contact 409 merge_contact_anonymised. A caller without ' +
        'contact.merge gets 403 whatever the body.',
      body: mergeBody,
      response: { 200: mergeResult },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    const { keepId, mergeIds, fields, dryRun } = request.body;
    const result = await mergeContacts(db, auth, {
      keepId,
      mergeIds,
      ...(fields ? { fields } : {}),
      ...(dryRun !== undefined ? { dryRun } : {}),
    });
    return { ...result, contact: hideFigures(auth, result.contact), changes: hideFigureChanges(auth, result.changes) };
  });
}
