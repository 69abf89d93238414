/**
 * Keeps users who see only some contacts (`customer.view_own`) to the
 * messages of those contacts, in the outbox list and on one message.
 */
import type { Executor } from '../db/database.ts';
import { loadVisibleContact, visibleContactsFilter } from '../contacts/visibility.ts';
import type { AuthContext } from '../auth/context.ts';
import { forbidden, notFound } from '../shared/errors.ts';

/** Builds the query of the contact ids the user may view, or returns null when the user may view every contact. */
export function visibleContactIds(db: Executor, auth: AuthContext) {
  const filter = visibleContactsFilter(auth);
  if (!filter) return null;
  return db.selectFrom('contacts').where('contacts.business_id', '=', auth.businessId).where(filter).select('contacts.id');
}

/** Throws unless the user may see the message: 404 when its contact is hidden, 403 for a message without contact. */
export async function requireMessageAccess(db: Executor, auth: AuthContext, id: string): Promise<void> {
  if (!visibleContactsFilter(auth)) return;
  const message = await db
    .selectFrom('messages')
    .where('business_id', '=', auth.businessId)
    .where('id', '=', id)
    .select('contact_id')
    .executeTakeFirst();
  if (!message) throw notFound('message');
  if (message.contact_id === null) throw forbidden('customer.view');
  await loadVisibleContact(db, auth, message.contact_id);
}
