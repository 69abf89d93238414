/**
 * The guard against a row that matches a contact by a key that names one
 * person (code, loyalty card, tax number) while the row's name is another
 * person's. Files from other software number their customers 1, 2, 3…, so
 * such a code can be a different contact's in Comptoir. Updating or
 * skipping that contact would be wrong, so the row is an error.
 */
import type { ContactInput } from '../../contacts/model.ts';
import type { ContactType } from '../../contacts/model.ts';
import { type ContactActor, canView } from '../../contacts/visibility.ts';
import type { Executor } from '../../db/database.ts';
import type { ContactRow } from '../../db/schema.ts';
import type { MatchKey } from './options.ts';

/** Keys that each identify one person, so that a match by one of them must agree with the row's name. */
export const personKeys: ReadonlySet<MatchKey> = new Set<MatchKey>(['code', 'loyaltyCardNumber', 'taxNumber']);

/** Folds a name for comparison: accents, case and white space do not count. */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s\u00a0\u202f]+/g, '');
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * Tells whether the name parts a row gives (first name, last name, business
 * name) name someone other than the contact. Each part must equal one of
 * the contact's name parts, or its whole name in either order, since a
 * whole-name column lands in the first name. A row that gives no name part
 * names no one, and differs from no one.
 */
export function namesDiffer(input: ContactInput, contact: ContactRow): boolean {
  const parts = [input.firstName, input.lastName, input.businessName].map(text).filter((part): part is string => part !== null);
  if (parts.length === 0) return false;
  const first = contact.first_name ?? '';
  const last = contact.last_name ?? '';
  const forms = new Set(
    [first, last, contact.business_name ?? '', contact.name, `${first}${last}`, `${last}${first}`]
      .map(foldName)
      .filter((form) => form !== ''),
  );
  return parts.some((part) => !forms.has(foldName(part)));
}

/**
 * Returns the contact's name for a message to the actor, or null when the
 * actor may not view that contact, so that the message reads "another
 * contact" instead. Reads the database only for an actor who may view
 * some contacts only.
 */
export async function nameForActor(db: Executor, actor: ContactActor, contact: ContactRow): Promise<string | null> {
  const isOwn = async () => {
    if (actor.userId === null) return false;
    if (contact.created_by === actor.userId) return true;
    const assignment = await db
      .selectFrom('contact_assignments')
      .select('user_id')
      .where('business_id', '=', actor.businessId)
      .where('contact_id', '=', contact.id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    return assignment !== undefined;
  };
  return (await canView(actor, contact.type as ContactType, isOwn)) ? contact.name : null;
}
