/**
 * Files attached to a contact (scans, contracts, spreadsheets), stored in
 * the database. The type is read from the content; a name whose extension
 * does not match it is refused with 415.
 */
import { recordAudit } from '../auth/audit.ts';
import type { Executor } from '../db/database.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { inTransaction } from './business.ts';
import { extensionOf, sanitizeFileName } from './file-names.ts';
import { detectFileType } from './file-types.ts';
import type { ContactType } from './model.ts';
import { type ContactActor, loadVisibleContact, requireContactPermission } from './visibility.ts';

export interface AttachmentJson {
  id: string;
  contactId: string;
  fileName: string;
  mimeType: string;
  size: number;
  uploadedBy: string;
  createdAt: string;
}

export interface AttachmentFile {
  fileName: string;
  mimeType: string;
  content: Buffer;
}

const metadataColumns = ['id', 'contact_id', 'file_name', 'mime_type', 'size', 'uploaded_by', 'created_at'] as const;

function toJson(row: {
  id: string;
  contact_id: string;
  file_name: string;
  mime_type: string;
  size: number;
  uploaded_by: string;
  created_at: string;
}): AttachmentJson {
  return {
    id: row.id,
    contactId: row.contact_id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    size: Number(row.size),
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}

function attachmentsOf(db: Executor, businessId: string, contactId: string) {
  return db
    .selectFrom('contact_attachments')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId);
}

export async function listAttachments(
  db: Executor,
  actor: ContactActor,
  contactId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: AttachmentJson[]; nextCursor: string | null }> {
  const contact = await loadVisibleContact(db, actor, contactId);
  const rows = await attachmentsOf(db, actor.businessId, contact.id)
    .select(metadataColumns)
    .$if(page.cursor !== undefined, (query) => query.where('id', '<', page.cursor as string))
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(toJson);
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]?.id ?? null : null };
}

/** Names and sizes of every attachment, newest first (for the personal data export). */
export async function allAttachments(db: Executor, businessId: string, contactId: string): Promise<AttachmentJson[]> {
  const rows = await attachmentsOf(db, businessId, contactId).select(metadataColumns).orderBy('id', 'desc').execute();
  return rows.map(toJson);
}

/** Checks the content against the accepted types and returns the stored name and type. */
export function checkUpload(rawName: string, content: Buffer): { fileName: string; mimeType: string } {
  if (content.length === 0) throw invalid([{ path: 'file', code: 'required' }]);
  const named = sanitizeFileName(rawName);
  const extension = extensionOf(named);
  const type = detectFileType(content, extension);
  if (!type) throw new AppError('unsupported_media_type', { type: extension || rawName });
  if (extension === '') return { fileName: `${named}.${type.extensions[0]}`, mimeType: type.mime };
  if (!type.extensions.includes(extension)) {
    throw new AppError('unsupported_media_type', { type: `.${extension} (${type.mime})` });
  }
  return { fileName: named, mimeType: type.mime };
}

export async function addAttachment(
  db: Executor,
  actor: ContactActor,
  contactId: string,
  upload: { fileName: string; content: Buffer },
): Promise<AttachmentJson> {
  return inTransaction(db, async (trx) => {
    const contact = await loadVisibleContact(trx, actor, contactId);
    requireContactPermission(actor, contact.type as ContactType, 'update');
    if (contact.anonymised_at !== null) throw new AppError('contact_anonymised', { code: contact.code });
    if (actor.userId === null) throw new AppError('not_authenticated');
    const { fileName, mimeType } = checkUpload(upload.fileName, upload.content);

    const row = {
      id: newId(),
      business_id: actor.businessId,
      contact_id: contact.id,
      uploaded_by: actor.userId,
      file_name: fileName,
      mime_type: mimeType,
      size: upload.content.length,
      content: upload.content,
      created_at: nowIso(),
    };
    await trx.insertInto('contact_attachments').values(row).execute();
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'contact',
      entityId: contact.id,
      action: 'attachment_added',
      changes: { attachmentId: row.id, fileName },
    });
    return toJson(row);
  });
}

export async function getAttachmentFile(
  db: Executor,
  actor: ContactActor,
  contactId: string,
  attachmentId: string,
): Promise<AttachmentFile> {
  const contact = await loadVisibleContact(db, actor, contactId);
  const row = await attachmentsOf(db, actor.businessId, contact.id)
    .select(['file_name', 'mime_type', 'content'])
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!row) throw notFound('attachment');
  return { fileName: row.file_name, mimeType: row.mime_type, content: Buffer.from(row.content) };
}

export async function deleteAttachment(
  db: Executor,
  actor: ContactActor,
  contactId: string,
  attachmentId: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const contact = await loadVisibleContact(trx, actor, contactId);
    requireContactPermission(actor, contact.type as ContactType, 'update');
    const row = await attachmentsOf(trx, actor.businessId, contact.id)
      .select(['id', 'file_name'])
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!row) throw notFound('attachment');
    await trx.deleteFrom('contact_attachments').where('business_id', '=', actor.businessId).where('id', '=', row.id).execute();
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'contact',
      entityId: contact.id,
      action: 'attachment_deleted',
      changes: { attachmentId: row.id, fileName: row.file_name },
    });
  });
}
