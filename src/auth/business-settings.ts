/**
 * Reads and changes the business's own settings: name, language, time zone,
 * country, contact code prefix, custom field labels, credit limit policy and
 * currency (only while the business has no contacts).
 */
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import type { BusinessRow } from '../db/schema.ts';
import { AppError, IssueList, notFound } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { diffFields, recordAudit } from './audit.ts';
import { validateCurrency, validateTimezone } from './businesses.ts';
import type { AuthContext } from './context.ts';

export const CUSTOM_FIELD_COUNT = 10;
export const MAX_CUSTOM_LABEL_LENGTH = 60;
const customFieldKeys = new Set(Array.from({ length: CUSTOM_FIELD_COUNT }, (_, i) => `custom${i + 1}`));

/** A settings change. A blank name passes the schema so that it is reported with the other invalid fields. */
export const businessPatch = z.strictObject({
  name: z.string().trim().max(200).optional(),
  currency: z.string().trim().toUpperCase().optional(),
  locale: z.enum(['fr', 'en']).optional(),
  timezone: z.string().trim().max(100).optional(),
  country: z.string().trim().toUpperCase().optional(),
  contactCodePrefix: z.string().trim().optional(),
  customFieldLabels: z
    .record(z.string(), z.string().trim().max(MAX_CUSTOM_LABEL_LENGTH))
    .optional()
    .describe('Replaces every label: keys custom1 to custom10; an empty label removes the field'),
  creditLimitPolicy: z.enum(['block', 'warn']).optional(),
});

export type BusinessPatch = z.infer<typeof businessPatch>;

export interface BusinessJson {
  id: string;
  name: string;
  currency: string;
  locale: 'fr' | 'en';
  timezone: string;
  country: string;
  contactCodePrefix: string;
  customFieldLabels: Record<string, string>;
  creditLimitPolicy: 'block' | 'warn';
}

export function toBusinessJson(row: BusinessRow): BusinessJson {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    locale: row.locale === 'en' ? 'en' : 'fr',
    timezone: row.timezone,
    country: row.country,
    contactCodePrefix: row.contact_code_prefix,
    customFieldLabels: JSON.parse(row.custom_field_labels) as Record<string, string>,
    creditLimitPolicy: row.credit_limit_policy === 'warn' ? 'warn' : 'block',
  };
}

export async function loadBusiness(db: Executor, businessId: string): Promise<BusinessRow> {
  const row = await db.selectFrom('businesses').where('id', '=', businessId).selectAll().executeTakeFirst();
  if (!row) throw notFound('business');
  return row;
}

async function countContacts(db: Executor, businessId: string): Promise<number> {
  const row = await db
    .selectFrom('contacts')
    .where('business_id', '=', businessId)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Reads the settings and whether the currency can still change. */
export async function getBusinessSettings(db: Executor, auth: AuthContext) {
  const row = await loadBusiness(db, auth.businessId);
  const contacts = await countContacts(db, auth.businessId);
  return { ...toBusinessJson(row), currencyLocked: contacts > 0 };
}

function validatePatch(patch: BusinessPatch): void {
  const issues = new IssueList();
  if (patch.name !== undefined && !patch.name) issues.add('name', 'required');
  if (patch.currency !== undefined && !validateCurrency(patch.currency)) {
    issues.add('currency', 'invalid_value', { value: patch.currency });
  }
  if (patch.timezone !== undefined && !validateTimezone(patch.timezone)) {
    issues.add('timezone', 'invalid_value', { value: patch.timezone });
  }
  if (patch.country !== undefined && !/^[A-Z]{2}$/.test(patch.country)) {
    issues.add('country', 'invalid_country', { value: patch.country });
  }
  if (patch.contactCodePrefix !== undefined && !/^[A-Za-z0-9]{1,6}-?$/.test(patch.contactCodePrefix)) {
    issues.add('contactCodePrefix', 'invalid_code_prefix', { value: patch.contactCodePrefix });
  }
  for (const key of Object.keys(patch.customFieldLabels ?? {})) {
    if (!customFieldKeys.has(key)) issues.add(`customFieldLabels.${key}`, 'unknown_field', { field: key });
  }
  issues.throwIfAny();
}

/** Keeps the non-empty labels, in key order custom1..custom10. */
function cleanLabels(labels: Record<string, string>): Record<string, string> {
  const nonEmpty: Record<string, string> = {};
  for (const key of customFieldKeys) {
    const label = labels[key];
    if (label) nonEmpty[key] = label;
  }
  return nonEmpty;
}

export async function updateBusinessSettings(db: Executor, auth: AuthContext, patch: BusinessPatch) {
  validatePatch(patch);

  await db.transaction().execute(async (trx) => {
    const before = toBusinessJson(await loadBusiness(trx, auth.businessId));
    const after: BusinessJson = {
      ...before,
      ...patch,
      customFieldLabels: patch.customFieldLabels ? cleanLabels(patch.customFieldLabels) : before.customFieldLabels,
    };
    if (after.currency !== before.currency) {
      // NOTE: a contact created by a concurrent request can still slip in
      // between this count and the commit.
      const contacts = await countContacts(trx, auth.businessId);
      if (contacts > 0) {
        throw new AppError('currency_locked', { currency: before.currency, requested: after.currency, count: contacts });
      }
    }

    const changes = diffFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    if (changes.length === 0) return;
    await trx
      .updateTable('businesses')
      .set({
        name: after.name,
        currency: after.currency,
        locale: after.locale,
        timezone: after.timezone,
        country: after.country,
        contact_code_prefix: after.contactCodePrefix,
        custom_field_labels: JSON.stringify(after.customFieldLabels),
        credit_limit_policy: after.creditLimitPolicy,
        updated_at: nowIso(),
      })
      .where('id', '=', auth.businessId)
      .execute();
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'business',
      entityId: auth.businessId,
      action: 'update',
      changes,
    });
  });

  return getBusinessSettings(db, auth);
}
