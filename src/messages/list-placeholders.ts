/**
 * The placeholder list for the template editor, in the caller's language.
 * Of the ten custom fields, it offers only those the business has named,
 * under their label.
 */
import type { Db } from '../db/database.ts';
import type { Locale } from '../shared/messages.ts';
import { groupsByEvent, placeholders, type TemplateEvent, templateEvents } from './catalogue.ts';

export async function listPlaceholders(db: Db, businessId: string, locale: Locale, event?: TemplateEvent) {
  const business = await db.kysely
    .selectFrom('businesses')
    .where('id', '=', businessId)
    .select('custom_field_labels')
    .executeTakeFirst();
  const labels = parseLabels(business?.custom_field_labels ?? '{}');
  return placeholders
    .flatMap((placeholder) => {
      const customField = /^contact_(custom\d+)$/.exec(placeholder.name)?.[1];
      const label = customField ? labels[customField]?.trim() : undefined;
      if (customField && !label) return [];
      return [
        {
          name: placeholder.name,
          token: `{{${placeholder.name}}}`,
          group: placeholder.group,
          description: label || placeholder.description[locale],
          events: templateEvents.filter((e) => groupsByEvent[e].includes(placeholder.group)),
        },
      ];
    })
    .filter((p) => !event || p.events.includes(event));
}

function parseLabels(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}
