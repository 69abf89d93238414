/**
 * Documents and payments belong to a contact. A caller who may not see the
 * contact (another user's customer, for a "view own" role) may not see them
 * either, so reading them returns 404 as reading the contact does.
 */
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { AppError, notFound } from '../shared/errors.ts';
import type { Actor } from './actor.ts';

/**
 * Throws 404 for `entity` unless the actor may see `contactId`. A record
 * without a contact (a walk-in sale) passes, because no contact limits it.
 */
export async function requireVisibleRecord(db: Executor, actor: Actor, contactId: string | null, entity: string): Promise<void> {
  if (contactId === null) return;
  try {
    await loadVisibleContact(db, actor, contactId);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'contact_merged')) throw notFound(entity);
    throw error;
  }
}
