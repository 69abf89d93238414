/** `GET /imports/fields`: the targets of the mapping step, labelled in the caller's language. */
import { loadContactBusiness } from '../../contacts/business.ts';
import type { Executor } from '../../db/database.ts';
import type { Locale } from '../../shared/messages.ts';
import { customFieldLabel, fieldLabels, importFields, isCustomField, parseLabels } from '../mapping/fields.ts';

export async function mappableFields(db: Executor, businessId: string, locale: Locale) {
  const business = await loadContactBusiness(db, businessId);
  const labels = parseLabels(business.custom_field_labels);
  return importFields
    .filter((field) => !isCustomField(field) || Boolean(labels[field]?.trim()))
    .map((field) => ({ field, label: isCustomField(field) ? customFieldLabel(field, locale, labels) : fieldLabels[locale][field] }));
}
