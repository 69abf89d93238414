/** Reads one contact the caller may see. */
import type { Executor } from '../db/database.ts';
import { loadContactBusiness } from './business.ts';
import { type ContactJson, serializeWithAssignments } from './serialize.ts';
import { type ContactActor, loadVisibleContact } from './visibility.ts';

export async function getContact(db: Executor, actor: ContactActor, id: string): Promise<ContactJson> {
  const business = await loadContactBusiness(db, actor.businessId);
  const row = await loadVisibleContact(db, actor, id);
  return serializeWithAssignments(db, row, business);
}
