import type { Kysely } from 'kysely';

/** The custom field filter keys a saved view can store: `customField[custom1]` or `customField.custom1`. */
const customFieldKey = /^customField(?:\[[^\]]*\]|\..*)$/;

/**
 * Removes the custom field filters with an empty value from saved views.
 * Such a filter used to be accepted and to keep no contact, because no
 * stored custom field is empty. The list now rejects it with a 422, so a
 * view that kept one would open on that error. Without it the view keeps
 * its other filters, sort and columns.
 */
export function emptyCustomFieldFilters() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const views: { id: string; filters: string }[] = await db.selectFrom('contact_views').select(['id', 'filters']).execute();
      for (const view of views) {
        const filters = JSON.parse(view.filters) as Record<string, unknown>;
        const kept = Object.entries(filters).filter(
          ([key, value]) => !(customFieldKey.test(key) && typeof value === 'string' && value.trim() === ''),
        );
        if (kept.length === Object.keys(filters).length) continue;
        await db
          .updateTable('contact_views')
          .set({ filters: JSON.stringify(Object.fromEntries(kept)) })
          .where('id', '=', view.id)
          .execute();
      }
    },
  };
}
