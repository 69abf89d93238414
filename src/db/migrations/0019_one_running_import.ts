import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * At most one running import (previews left out) per business, held by a
 * unique partial index. Two starts that both read "nothing running" then
 * race on this index, and the one that loses gets 409 `import_busy`.
 * Previews may run beside an import and beside each other, since they roll
 * back whatever they write. Options stored without `dryRun` count as an
 * import.
 *
 * Before the index exists, a business may have several running imports
 * (two starts that raced, or runs that a crash left behind). All but the
 * latest of them are marked `interrupted`, which an import's commit can
 * start again from its stored file.
 */
export const ONE_RUNNING_IMPORT_INDEX = 'imports_one_running';

export function oneRunningImport(engine: Engine) {
  const importRun = engine === 'postgres'
    ? sql`coalesce(options::jsonb ->> 'dryRun', 'false') = 'false'`
    : sql`coalesce(json_extract(options, '$.dryRun'), 0) = 0`;
  const laterRun = engine === 'postgres'
    ? sql`coalesce(later.options::jsonb ->> 'dryRun', 'false') = 'false'`
    : sql`coalesce(json_extract(later.options, '$.dryRun'), 0) = 0`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await sql`
        update imports set status = 'interrupted'
        where status = 'running' and ${importRun}
          and exists (
            select 1 from imports later
            where later.business_id = imports.business_id and later.status = 'running' and ${laterRun}
              and (later.created_at > imports.created_at or (later.created_at = imports.created_at and later.id > imports.id))
          )`.execute(db);
      await sql`create unique index ${sql.raw(ONE_RUNNING_IMPORT_INDEX)} on imports (business_id)
        where status = 'running' and ${importRun}`.execute(db);
    },
  };
}
