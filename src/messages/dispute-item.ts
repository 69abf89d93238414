/**
 * Marks an open item as disputed by the contact, or clears the mark. A
 * disputed item stays in the ledger and the balance but gets no reminder.
 */
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Db } from '../db/database.ts';
import { notFound } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';

export const disputeInput = z.object({
  disputed: z.boolean(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type DisputeInput = z.infer<typeof disputeInput>;

export const disputeView = z.object({
  openItemId: z.string(),
  contactId: z.string(),
  reference: z.string(),
  disputed: z.boolean(),
  disputedAt: z.string().nullable(),
  note: z.string().nullable(),
});

export async function setDispute(db: Db, auth: AuthContext, openItemId: string, input: DisputeInput) {
  return db.kysely.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('open_items')
      .where('business_id', '=', auth.businessId)
      .where('id', '=', openItemId)
      .select(['id', 'contact_id', 'reference', 'disputed_at', 'dispute_note'])
      .executeTakeFirst();
    if (!item) throw notFound('open item');
    await loadVisibleContact(trx, auth, item.contact_id);

    const disputedAt = input.disputed ? (item.disputed_at ?? nowIso()) : null;
    const note = input.disputed ? (input.note ?? item.dispute_note ?? null) : null;
    await trx
      .updateTable('open_items')
      .set({ disputed_at: disputedAt, dispute_note: note })
      .where('business_id', '=', auth.businessId)
      .where('id', '=', openItemId)
      .execute();
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'open_item',
      entityId: openItemId,
      action: input.disputed ? 'dispute' : 'dispute_clear',
      changes: { reference: item.reference, note },
    });
    return {
      openItemId,
      contactId: item.contact_id,
      reference: item.reference,
      disputed: disputedAt !== null,
      disputedAt,
      note,
    };
  });
}
