/** Deletes a template unless a reminder level still uses it. */
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { loadTemplate } from './templates.ts';

export async function deleteTemplate(db: Db, auth: AuthContext, id: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const template = await loadTemplate(trx, auth.businessId, id);
    const levels = await trx
      .selectFrom('reminder_levels')
      .where('business_id', '=', auth.businessId)
      .where('template_id', '=', id)
      .select('id')
      .execute();
    if (levels.length > 0) throw new AppError('template_in_use', { name: template.name, count: levels.length });
    await trx.deleteFrom('message_template_contents').where('business_id', '=', auth.businessId).where('template_id', '=', id).execute();
    await trx.deleteFrom('message_templates').where('business_id', '=', auth.businessId).where('id', '=', id).execute();
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'message_template',
      entityId: id,
      action: 'delete',
      changes: { event: template.event, name: template.name },
    });
  });
}
