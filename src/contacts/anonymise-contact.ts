/**
 * GDPR erasure of a contact that has to stay for its history. Names, phones,
 * email, addresses, tax and bank details, birth date, custom fields, loyalty
 * card, notes and attachments are erased. The code, the amounts and the
 * ledger stay. The personal values in the earlier audit entries of the
 * contact and of the contacts merged into it are erased too, while who
 * changed which field and when stays.
 */
import { recordAudit } from '../auth/audit.ts';
import { anonymiseContactMessages } from '../messages/anonymise-messages.ts';
import type { Executor } from '../db/database.ts';
import type { ContactUpdate } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { inTransaction, loadContactBusiness } from './business.ts';
import { nextVersion } from './contact-version.ts';
import type { ContactType } from './model.ts';
import { type ContactJson, serializeWithAssignments } from './serialize.ts';
import { type ContactActor, loadVisibleContact, requireContactPermission } from './visibility.ts';

export const anonymisedName = { fr: 'Contact anonymisé', en: 'Anonymised contact' } as const;

/** API fields (and audit detail keys) that hold personal data. */
export const personalFields: ReadonlySet<string> = new Set([
  'prefix', 'firstName', 'middleName', 'lastName', 'businessName', 'name', 'mobile', 'mobileE164',
  'alternateNumber', 'landline', 'email', 'taxNumber', 'addressLine1', 'addressLine2', 'city', 'state',
  'country', 'zipCode', 'shippingAddress', 'dateOfBirth', 'loyaltyCardNumber', 'bankAccount',
  'customFields', 'fileName', 'heading',
]);

function erasedColumns(name: string, anonymisedAt: string): ContactUpdate {
  return {
    prefix: null, first_name: null, middle_name: null, last_name: null, business_name: null, name,
    mobile: '', mobile_e164: null, mobile_digits: null,
    alternate_number: null, alternate_number_e164: null, landline: null, landline_e164: null,
    email: null, email_key: null, tax_number: null, tax_number_key: null,
    address_line1: null, address_line2: null, city: null, state: null, country: null, zip_code: null,
    shipping_address: null, date_of_birth: null, loyalty_card_number: null,
    bank_iban: null, bank_bic: null, bank_holder: null, custom_fields: '{}',
    status: 'inactive', anonymised_at: anonymisedAt,
  };
}

export async function anonymiseContact(db: Executor, actor: ContactActor, id: string): Promise<ContactJson> {
  return inTransaction(db, async (trx) => {
    const business = await loadContactBusiness(trx, actor.businessId);
    const row = await loadVisibleContact(trx, actor, id);
    requireContactPermission(actor, row.type as ContactType, 'delete');
    if (row.anonymised_at !== null) throw new AppError('contact_anonymised', { code: row.code });

    const now = nowIso();
    const name = anonymisedName[business.locale === 'en' ? 'en' : 'fr'];
    const columns = { ...erasedColumns(name, now), ...nextVersion(now) };
    await trx.updateTable('contacts').set(columns).where('business_id', '=', actor.businessId).where('id', '=', row.id).execute();
    for (const table of ['contact_notes', 'contact_attachments'] as const) {
      await trx.deleteFrom(table).where('business_id', '=', actor.businessId).where('contact_id', '=', row.id).execute();
    }
    await eraseAuditValues(trx, actor.businessId, row.id);
    await anonymiseContactMessages(trx, actor.businessId, row.id);
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'contact',
      entityId: row.id,
      action: 'anonymised',
      changes: { code: row.code },
    });
    const updated = await trx.selectFrom('contacts').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return serializeWithAssignments(trx, updated, business);
  });
}

/**
 * Replaces personal values by null, keeping field names, in the audit
 * entries of the contact and of every contact merged into it, directly or
 * through earlier merges. A merged contact's entries stay under its own id,
 * and its merge entry lists the values it lost.
 */
async function eraseAuditValues(trx: Executor, businessId: string, contactId: string): Promise<void> {
  const pending = [contactId];
  const seen = new Set(pending);
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const entries = await trx
      .selectFrom('audit_log')
      .select(['id', 'action', 'changes'])
      .where('business_id', '=', businessId)
      .where('entity_type', '=', 'contact')
      .where('entity_id', '=', id)
      .execute();
    for (const entry of entries) {
      const changes = JSON.parse(entry.changes) as unknown;
      for (const mergedId of entry.action === 'merge' ? mergedIdsOf(changes) : []) {
        if (!seen.has(mergedId)) {
          seen.add(mergedId);
          pending.push(mergedId);
        }
      }
      const erased = JSON.stringify(eraseChanges(changes));
      if (erased !== entry.changes) {
        await trx.updateTable('audit_log').set({ changes: erased }).where('id', '=', entry.id).execute();
      }
    }
  }
}

/** Returns the ids a merge entry's detail lists in `mergedIds`. */
function mergedIdsOf(changes: unknown): string[] {
  const ids = changes && typeof changes === 'object' ? (changes as { mergedIds?: unknown }).mergedIds : undefined;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

function eraseChanges(changes: unknown): unknown {
  if (Array.isArray(changes)) {
    return changes.map((change: { field?: string }) =>
      change && personalFields.has(String(change.field)) ? { ...change, from: null, to: null } : change,
    );
  }
  if (changes && typeof changes === 'object') {
    return Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, erasedDetail(key, value)]));
  }
  return changes;
}

/** Erases one key of an entry's detail object: a personal field, or the names and field changes of a merge entry. */
function erasedDetail(key: string, value: unknown): unknown {
  if (personalFields.has(key) || key === 'mergedNames') return null;
  if (key === 'fields' && Array.isArray(value)) return eraseChanges(value);
  return value;
}
