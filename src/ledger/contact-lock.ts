import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import { type ContactActor, missingContactError } from '../contacts/visibility.ts';
import { notFound } from '../shared/errors.ts';
import { isPostgres } from './engine.ts';

/**
 * Reads a contact of the business and, on PostgreSQL, locks its row until the
 * transaction ends, so that postings to one contact run one after the other
 * and every cached figure is read and changed under the lock. SQLite runs one
 * transaction at a time on its writer connection, so it needs no lock.
 *
 * A merge can delete the contact while PostgreSQL waits for its lock. With
 * `actor`, the error is then the one a later request would get: 404
 * `contact_merged` naming the kept contact when the actor may view it.
 */
export async function lockContact(trx: Executor, businessId: string, contactId: string, actor?: ContactActor): Promise<ContactRow> {
  let query = trx
    .selectFrom('contacts')
    .where('business_id', '=', businessId)
    .where('id', '=', contactId)
    .selectAll();
  if (isPostgres(trx)) query = query.forUpdate();
  const contact = await query.executeTakeFirst();
  if (!contact) throw actor ? await missingContactError(trx, actor, contactId) : notFound('contact');
  return contact;
}
