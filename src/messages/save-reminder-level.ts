/** Creates, changes and deletes reminder levels. */
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { checkLevel, levelRow, loadLevel, type ReminderLevel, type ReminderLevelInput } from './reminder-levels.ts';

export async function createReminderLevel(db: Db, auth: AuthContext, input: ReminderLevelInput): Promise<ReminderLevel> {
  return db.kysely.transaction().execute(async (trx) => {
    await checkLevel(trx, auth.businessId, input);
    const id = newId();
    const now = nowIso();
    await trx
      .insertInto('reminder_levels')
      .values({ id, business_id: auth.businessId, ...levelRow(input), created_at: now, updated_at: now })
      .execute();
    const level = await loadLevel(trx, auth.businessId, id);
    await recordAudit(trx, { businessId: auth.businessId, userId: auth.userId, entityType: 'reminder_level', entityId: id, action: 'create', changes: level });
    return level;
  });
}

export async function updateReminderLevel(db: Db, auth: AuthContext, id: string, input: ReminderLevelInput): Promise<ReminderLevel> {
  return db.kysely.transaction().execute(async (trx) => {
    const before = await loadLevel(trx, auth.businessId, id);
    await checkLevel(trx, auth.businessId, input);
    await trx
      .updateTable('reminder_levels')
      .set({ ...levelRow(input), updated_at: nowIso() })
      .where('business_id', '=', auth.businessId)
      .where('id', '=', id)
      .execute();
    const after = await loadLevel(trx, auth.businessId, id);
    await recordAudit(trx, { businessId: auth.businessId, userId: auth.userId, entityType: 'reminder_level', entityId: id, action: 'update', changes: { before, after } });
    return after;
  });
}

/** Deleting a level keeps its record of reminded items, which nothing reads any more. */
export async function deleteReminderLevel(db: Db, auth: AuthContext, id: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const level = await loadLevel(trx, auth.businessId, id);
    await trx.deleteFrom('reminder_levels').where('business_id', '=', auth.businessId).where('id', '=', id).execute();
    await recordAudit(trx, { businessId: auth.businessId, userId: auth.userId, entityType: 'reminder_level', entityId: id, action: 'delete', changes: level });
  });
}
