import type { Kysely } from 'kysely';

/** The id filters of saved views that the list now rejects when empty. */
const idFilterKeys = ['customerGroupId', 'assignedUserId'];

/**
 * Removes the customer group and user filters with an empty or blank value
 * from saved views. Such a filter used to be accepted and ignored, so the
 * view showed every contact. The list now rejects it with a 422, so a view
 * that kept one would open on that error. Without it the view keeps its
 * other filters, sort and columns, and shows what it showed before.
 */
export function emptyIdFilters() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const views: { id: string; filters: string }[] = await db.selectFrom('contact_views').select(['id', 'filters']).execute();
      for (const view of views) {
        const filters = JSON.parse(view.filters) as Record<string, unknown>;
        const kept = Object.entries(filters).filter(
          ([key, value]) => !(idFilterKeys.includes(key) && typeof value === 'string' && value.trim() === ''),
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
