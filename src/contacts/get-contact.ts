/** Reads one contact the caller may see. */
import type { Executor } from '../db/database.ts';
import { loyaltyPointsFor } from '../loyalty/contact-loyalty.ts';
import { loadContactBusiness } from './business.ts';
import { type ContactWithActivity, lastActivityOf, serializeWithAssignments } from './serialize.ts';
import { type ContactActor, loadVisibleContact } from './visibility.ts';

export async function getContact(db: Executor, actor: ContactActor, id: string): Promise<ContactWithActivity> {
  const business = await loadContactBusiness(db, actor.businessId);
  const row = await loadVisibleContact(db, actor, id);
  const contact = await serializeWithAssignments(db, row, business);
  const points = (await loyaltyPointsFor(db, actor.businessId, [row.id])).get(row.id) ?? 0;
  return { ...contact, lastActivity: lastActivityOf(row), points };
}
