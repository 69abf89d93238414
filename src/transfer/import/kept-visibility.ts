/**
 * Hides, from a caller who may view only some contacts, the name and code of
 * the contacts an undo kept or would keep, and of those the row issues name. Such a caller gets those it may
 * view and a count of the others.
 */
import { type ContactActor, contactViewScopes, visibleContactsCondition } from '../../contacts/visibility.ts';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import type { RowIssue } from './run-import.ts';
import type { ImportRecord } from './store.ts';
import type { KeptContact } from './undo-plan.ts';

const ID_BATCH = 500;

export interface VisibleKept {
  visible: KeptContact[];
  /** Kept contacts the caller may not view, named by none of their fields. */
  hidden: number;
}

/**
 * Returns the ids among `ids` of the contacts the actor may view, or 'all'
 * when the actor may view every contact of the business.
 */
async function visibleContactIds(db: Executor, actor: ContactActor, ids: readonly string[]): Promise<Set<string> | 'all'> {
  let scopes: ReturnType<typeof contactViewScopes>;
  try {
    scopes = contactViewScopes(actor);
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return new Set();
    throw error;
  }
  if (scopes === null) return 'all';
  const viewScopes = scopes;

  const visibleIds = new Set<string>();
  for (let start = 0; start < ids.length; start += ID_BATCH) {
    const rows = await db
      .selectFrom('contacts')
      .select('id')
      .where('business_id', '=', actor.businessId)
      .where('id', 'in', ids.slice(start, start + ID_BATCH))
      .where((eb) => visibleContactsCondition(eb, viewScopes, actor.businessId, actor.userId))
      .execute();
    for (const row of rows) visibleIds.add(row.id);
  }
  return visibleIds;
}

/**
 * Splits kept contacts into those the actor may view and a count of the
 * others. A kept contact deleted since the import is visible only to a
 * caller who may view every contact, since nothing tells whose it was.
 */
export async function splitVisibleKept(db: Executor, actor: ContactActor, kept: readonly KeptContact[]): Promise<VisibleKept> {
  const visibleIds = await visibleContactIds(db, actor, kept.map((contact) => contact.id));
  if (visibleIds === 'all') return { visible: [...kept], hidden: 0 };
  const visible = kept.filter((contact) => visibleIds.has(contact.id));
  return { visible, hidden: kept.length - visible.length };
}

/** Returns the record with only the kept contacts of its undo result that the actor may view. */
export async function withVisibleKept(db: Executor, actor: ContactActor, record: ImportRecord): Promise<ImportRecord> {
  if (!record.undo || record.undo.keptContacts.length === 0) return record;
  const { visible } = await splitVisibleKept(db, actor, record.undo.keptContacts);
  return { ...record, undo: { ...record.undo, keptContacts: visible } };
}

/**
 * Row issues that name another contact, with its id in `params.contactId`:
 * the import's own, and the duplicate warnings of the contact rules
 * (contacts/validate.ts). Duplicate warnings stored by earlier versions
 * have no id.
 */
const contactNamingCodes = new Set([
  'import_code_other_person', 'import_card_other_person', 'import_tax_number_other_person', 'import_existing',
  'duplicate_mobile', 'duplicate_email', 'duplicate_tax_number',
]);

/**
 * Returns the record with its stored row issues naming another contact only
 * when the actor may view that contact, since the issues keep the name
 * that the user who ran the import could see. An issue stored without the
 * contact's id keeps the name only for a reader who may view every contact.
 */
export async function withVisibleIssues(db: Executor, actor: ContactActor, record: ImportRecord): Promise<ImportRecord> {
  const namingIssues = [...record.errors, ...record.warnings].filter(namesContact);
  if (namingIssues.length === 0) return record;
  const ids = namingIssues.map((issue) => issue.params?.contactId).filter((id): id is string => typeof id === 'string');
  const visibleIds = await visibleContactIds(db, actor, [...new Set(ids)]);
  if (visibleIds === 'all') return record;

  const hideUnviewable = (issue: RowIssue<string>): RowIssue<string> => {
    if (!namesContact(issue)) return issue;
    const id = issue.params?.contactId;
    if (typeof id === 'string' && visibleIds.has(id)) return issue;
    if (issue.code === 'import_existing') return { ...issue, code: 'import_existing_hidden', params: {} };
    // The duplicate warnings also give the other contact's code.
    return { ...issue, params: { ...issue.params, name: null, code: null, contactId: null } };
  };
  return { ...record, errors: record.errors.map(hideUnviewable), warnings: record.warnings.map(hideUnviewable) };
}

function namesContact(issue: RowIssue<string>): boolean {
  return contactNamingCodes.has(issue.code) && issue.params?.name !== null && issue.params?.name !== undefined;
}

/** Returns the record as the actor may read it: kept contacts and row issues name only contacts the actor may view. */
export async function importForReader(db: Executor, actor: ContactActor, record: ImportRecord): Promise<ImportRecord> {
  return withVisibleIssues(db, actor, await withVisibleKept(db, actor, record));
}
