/** The business settings the contact rules read, and the transaction helper. */
import type { Executor } from '../db/database.ts';
import { notFound } from '../shared/errors.ts';
import type { ContactBusiness } from './validate.ts';

export async function loadContactBusiness(db: Executor, businessId: string): Promise<ContactBusiness> {
  const business = await db
    .selectFrom('businesses')
    .select(['id', 'currency', 'country', 'timezone', 'locale', 'contact_code_prefix', 'custom_field_labels'])
    .where('id', '=', businessId)
    .executeTakeFirst();
  if (!business) throw notFound('business');
  return business;
}

/** Runs `work` in the caller's transaction, or in a new one when given the database itself. */
export async function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
