import { type Kysely, sql } from 'kysely';
import { foldText } from '../../contacts/search/fold.ts';

/** Maximum length of a view name in the API, which a renamed duplicate keeps to. */
const MAX_VIEW_NAME_LENGTH = 100;

interface StoredView {
  id: string;
  business_id: string;
  user_id: string;
  name: string;
}

/**
 * Adds `contact_views.name_key`, the name folded by `foldText` as the API
 * compares names, with a unique index per user. The API already rejected a
 * second « Relances » beside « relances », but two requests at the same
 * instant could both pass its check, because the old index compared names
 * exactly. A user's views that already share a folded name all stay. The
 * oldest keeps its name, and each later one takes a free name with a
 * number: « relances (2) ».
 */
export function viewNameKeys() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('contact_views').addColumn('name_key', 'text', (c) => c.notNull().defaultTo('')).execute();
      const views: StoredView[] = await db
        .selectFrom('contact_views')
        .select(['id', 'business_id', 'user_id', 'name'])
        .orderBy('business_id').orderBy('user_id').orderBy('created_at').orderBy('id')
        .execute();
      for (const userViews of groupByUser(views)) {
        for (const { id, name, key } of uniqueNames(userViews)) {
          await db.updateTable('contact_views').set({ name, name_key: key }).where('id', '=', id).execute();
        }
      }
      await db.schema
        .createIndex('contact_views_user_name_key')
        .unique()
        .on('contact_views')
        .columns(['business_id', 'user_id', 'name_key'])
        .execute();
      await sql`drop index contact_views_user_name`.execute(db);
    },
  };
}

function groupByUser(views: StoredView[]): StoredView[][] {
  const groups = new Map<string, StoredView[]>();
  for (const view of views) {
    const owner = `${view.business_id}\u0000${view.user_id}`;
    const group = groups.get(owner) ?? [];
    group.push(view);
    groups.set(owner, group);
  }
  return [...groups.values()];
}

/**
 * Gives each of one user's views, oldest first, its name and folded key.
 * A view whose folded name an older view already has gets the first free
 * name among « name (2) », « name (3) » and so on, cut to keep within the
 * name's length limit.
 */
function uniqueNames(views: StoredView[]): { id: string; name: string; key: string }[] {
  const taken = new Set(views.map((view) => foldText(view.name)));
  const kept = new Set<string>();
  const named: { id: string; name: string; key: string }[] = [];
  for (const view of views) {
    let name = view.name;
    let key = foldText(name);
    if (kept.has(key)) {
      for (let number = 2; taken.has(key); number += 1) {
        const suffix = ` (${number})`;
        name = [...view.name].slice(0, MAX_VIEW_NAME_LENGTH - suffix.length).join('') + suffix;
        key = foldText(name);
      }
      taken.add(key);
    }
    kept.add(key);
    named.push({ id: view.id, name, key });
  }
  return named;
}
