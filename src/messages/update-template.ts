/** Changes a template's name, automatic channels or texts; the event stays. */
import { diffFields, recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import { IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import type { TemplatePatch } from './template-schemas.ts';
import { checkContents, loadTemplate, normaliseContents, type Template, type TemplateContent, writeContents } from './templates.ts';

export async function updateTemplate(db: Db, auth: AuthContext, id: string, patch: TemplatePatch): Promise<Template> {
  return db.kysely.transaction().execute(async (trx) => {
    const before = await loadTemplate(trx, auth.businessId, id);
    const contents = patch.contents ? normaliseContents(patch.contents as TemplateContent[]) : null;
    const issues = new IssueList();
    if (patch.name === '') issues.add('name', 'required');
    if (contents) checkContents(contents, before.event, issues);
    issues.throwIfAny();
    const autoSend = { ...before.autoSend, ...patch.autoSend };
    await trx
      .updateTable('message_templates')
      .set({
        name: patch.name ?? before.name,
        auto_email: autoSend.email ? 1 : 0,
        auto_sms: autoSend.sms ? 1 : 0,
        auto_whatsapp: autoSend.whatsapp ? 1 : 0,
        updated_at: nowIso(),
      })
      .where('business_id', '=', auth.businessId)
      .where('id', '=', id)
      .execute();
    if (contents) await writeContents(trx, auth.businessId, id, contents);

    const after = await loadTemplate(trx, auth.businessId, id);
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'message_template',
      entityId: id,
      action: 'update',
      changes: diffFields(
        { name: before.name, autoSend: before.autoSend, contents: before.contents },
        { name: after.name, autoSend: after.autoSend, contents: after.contents },
      ),
    });
    return after;
  });
}
