/**
 * The personal data export of one contact (GDPR access request): every
 * field, the notes the caller may read, the attachment names and the
 * activity. The account figures are left out for a caller without
 * `ledger.view`, as `GET /api/v1/contacts/{id}` leaves them out. The export
 * itself is recorded in the activity.
 */
import { recordAudit } from '../auth/audit.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../shared/ids.ts';
import { type ActivityJson, allActivity } from './activity.ts';
import { allAttachments, type AttachmentJson } from './attachments.ts';
import { loadContactBusiness } from './business.ts';
import { hideFigures } from './hide-figures.ts';
import { allVisibleNotes, type NoteJson } from './notes.ts';
import { type ContactJson, serializeWithAssignments } from './serialize.ts';
import { type ContactActor, loadVisibleContact } from './visibility.ts';

export interface PersonalDataExport {
  exportedAt: string;
  contact: ContactJson;
  notes: NoteJson[];
  attachments: AttachmentJson[];
  activity: ActivityJson[];
}

export async function exportPersonalData(db: Executor, actor: ContactActor, contactId: string): Promise<PersonalDataExport> {
  const business = await loadContactBusiness(db, actor.businessId);
  const row = await loadVisibleContact(db, actor, contactId);
  const data: PersonalDataExport = {
    exportedAt: nowIso(),
    contact: hideFigures(actor, await serializeWithAssignments(db, row, business)),
    notes: await allVisibleNotes(db, actor, row.id),
    attachments: await allAttachments(db, actor.businessId, row.id),
    activity: await allActivity(db, actor, row.id),
  };
  await recordAudit(db, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'contact',
    entityId: row.id,
    action: 'personal_data_exported',
    changes: {},
  });
  return data;
}

/** Names the download safely for every system: `contact-CO0001-personal-data.json`. */
export function personalDataFileName(code: string): string {
  return `contact-${code.replace(/[^A-Za-z0-9_-]/g, '_')}-personal-data.json`;
}
