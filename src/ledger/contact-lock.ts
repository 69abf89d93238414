import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import { notFound } from '../shared/errors.ts';
import { isPostgres } from './engine.ts';

/**
 * Reads a contact of the business and, on PostgreSQL, locks its row until the
 * transaction ends, so that postings to one contact run one after the other
 * and every cached figure is read and changed under the lock. SQLite runs one
 * transaction at a time on its writer connection, so it needs no lock.
 */
export async function lockContact(trx: Executor, businessId: string, contactId: string): Promise<ContactRow> {
  let query = trx
    .selectFrom('contacts')
    .where('business_id', '=', businessId)
    .where('id', '=', contactId)
    .selectAll();
  if (isPostgres(trx)) query = query.forUpdate();
  const contact = await query.executeTakeFirst();
  if (!contact) throw notFound('contact');
  return contact;
}
