/**
 * Notes on a contact: a heading, a body and a private flag. A private note is
 * visible to its author only, everywhere. Only the author changes or deletes
 * a note, except a note that Comptoir wrote itself (no author, such as a
 * merge's note without a signed-in user), which belongs to no user. Anyone
 * who may update the contact changes or deletes that one, as they change
 * the contact's fields, but cannot make it private. Reading needs to see
 * the contact, writing its update permission.
 */
import { recordAudit } from '../auth/audit.ts';
import type { Executor } from '../db/database.ts';
import type { ContactNoteTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import { AppError, IssueList, invalid, notFound } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { inTransaction } from './business.ts';
import { FieldReader } from './fields.ts';
import type { ContactType } from './model.ts';
import { type ContactActor, loadVisibleContact, requireContactPermission } from './visibility.ts';

export const MAX_NOTE_HEADING = 200;
export const MAX_NOTE_BODY = 10_000;

export interface NoteInput {
  heading?: string | null;
  body?: string | null;
  isPrivate?: boolean;
}

export interface NoteJson {
  id: string;
  contactId: string;
  heading: string | null;
  body: string;
  isPrivate: boolean;
  /** Null for a note that Comptoir wrote itself, such as a merge's note without a signed-in user. */
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
  updatedAt: string;
}

type NoteRow = Selectable<ContactNoteTable> & { author_name: string | null };

function toJson(row: NoteRow): NoteJson {
  return {
    id: row.id,
    contactId: row.contact_id,
    heading: row.heading,
    body: row.body,
    isPrivate: row.is_private === 1,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function readNote(input: NoteInput, partial: boolean): { heading?: string | null; body?: string; is_private?: number } {
  const issues = new IssueList();
  const read = new FieldReader(issues);
  const values: { heading?: string | null; body?: string; is_private?: number } = {};
  if (!partial || input.heading !== undefined) values.heading = read.text(input.heading, 'heading', MAX_NOTE_HEADING);
  if (!partial || input.body !== undefined) {
    const body = read.requiredText(input.body, 'body', MAX_NOTE_BODY);
    if (body !== null) values.body = body;
  }
  if (!partial || input.isPrivate !== undefined) {
    if (input.isPrivate !== undefined && typeof input.isPrivate !== 'boolean') {
      issues.add('isPrivate', 'invalid_type', { expected: 'boolean' });
    }
    values.is_private = input.isPrivate === true ? 1 : 0;
  }
  issues.throwIfAny();
  return values;
}

/** Notes of a contact the actor may read, as a query; private notes of others are left out. */
function visibleNotes(db: Executor, actor: ContactActor, contactId: string) {
  return db
    .selectFrom('contact_notes')
    .leftJoin('users', 'users.id', 'contact_notes.author_id')
    .selectAll('contact_notes')
    .select('users.name as author_name')
    .where('contact_notes.business_id', '=', actor.businessId)
    .where('contact_notes.contact_id', '=', contactId)
    .where((eb) => eb.or([eb('contact_notes.is_private', '=', 0), eb('contact_notes.author_id', '=', actor.userId)]));
}

export async function listNotes(
  db: Executor,
  actor: ContactActor,
  contactId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: NoteJson[]; nextCursor: string | null }> {
  const contact = await loadVisibleContact(db, actor, contactId);
  const rows = await visibleNotes(db, actor, contact.id)
    .$if(page.cursor !== undefined, (query) => query.where('contact_notes.id', '<', page.cursor as string))
    .orderBy('contact_notes.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(toJson);
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]?.id ?? null : null };
}

/** Lists every note of the contact the actor may read, newest first, for the personal data export. */
export async function allVisibleNotes(db: Executor, actor: ContactActor, contactId: string): Promise<NoteJson[]> {
  const rows = await visibleNotes(db, actor, contactId).orderBy('contact_notes.id', 'desc').execute();
  return rows.map(toJson);
}

async function writableContact(trx: Executor, actor: ContactActor, contactId: string) {
  const contact = await loadVisibleContact(trx, actor, contactId);
  requireContactPermission(actor, contact.type as ContactType, 'update');
  if (contact.anonymised_at !== null) throw new AppError('contact_anonymised', { code: contact.code });
  return contact;
}

/**
 * Loads a note that the actor may change or delete: the actor's own, or one
 * without an author. The caller has checked the contact's update permission.
 */
async function loadWritableNote(trx: Executor, actor: ContactActor, contactId: string, noteId: string): Promise<NoteRow> {
  const note = await visibleNotes(trx, actor, contactId).where('contact_notes.id', '=', noteId).executeTakeFirst();
  if (!note) throw notFound('note');
  if (note.author_id !== null && note.author_id !== actor.userId) throw new AppError('note_author_only');
  return note;
}

async function auditNote(trx: Executor, actor: ContactActor, contactId: string, action: string, noteId: string) {
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'contact',
    entityId: contactId,
    action,
    changes: { noteId },
  });
}

export async function createNote(db: Executor, actor: ContactActor, contactId: string, input: NoteInput): Promise<NoteJson> {
  const values = readNote(input, false);
  return inTransaction(db, async (trx) => {
    const contact = await writableContact(trx, actor, contactId);
    if (actor.userId === null) throw new AppError('not_authenticated');
    const now = nowIso();
    const row = {
      id: newId(),
      business_id: actor.businessId,
      contact_id: contact.id,
      author_id: actor.userId,
      heading: values.heading ?? null,
      body: values.body ?? '',
      is_private: values.is_private ?? 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('contact_notes').values(row).execute();
    await auditNote(trx, actor, contact.id, 'note_added', row.id);
    const author = await trx.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirst();
    return toJson({ ...row, author_name: author?.name ?? null });
  });
}

export async function updateNote(
  db: Executor,
  actor: ContactActor,
  contactId: string,
  noteId: string,
  input: NoteInput,
): Promise<NoteJson> {
  const values = readNote(input, true);
  return inTransaction(db, async (trx) => {
    const contact = await writableContact(trx, actor, contactId);
    const note = await loadWritableNote(trx, actor, contact.id, noteId);
    // A private note without an author would be visible to no one.
    if (note.author_id === null && values.is_private === 1) {
      throw invalid([{ path: 'isPrivate', code: 'note_without_author_private' }]);
    }
    const updated = { ...note, ...values, updated_at: nowIso() };
    await trx
      .updateTable('contact_notes')
      .set({ ...values, updated_at: updated.updated_at })
      .where('business_id', '=', actor.businessId)
      .where('id', '=', note.id)
      .execute();
    await auditNote(trx, actor, contact.id, 'note_updated', note.id);
    return toJson(updated);
  });
}

export async function deleteNote(db: Executor, actor: ContactActor, contactId: string, noteId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const contact = await loadVisibleContact(trx, actor, contactId);
    requireContactPermission(actor, contact.type as ContactType, 'update');
    const note = await loadWritableNote(trx, actor, contact.id, noteId);
    await trx.deleteFrom('contact_notes').where('business_id', '=', actor.businessId).where('id', '=', note.id).execute();
    await auditNote(trx, actor, contact.id, 'note_deleted', note.id);
  });
}
