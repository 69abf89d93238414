/** Creates a template after checking every placeholder it uses. */
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import { IssueList } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { ensureMessageSetup } from './setup.ts';
import type { TemplateInput } from './template-schemas.ts';
import { checkContents, loadTemplate, normaliseContents, type Template, type TemplateContent, writeContents } from './templates.ts';

export async function createTemplate(db: Db, auth: AuthContext, input: TemplateInput): Promise<Template> {
  const contents = normaliseContents(input.contents as TemplateContent[]);
  const issues = new IssueList();
  if (!input.name) issues.add('name', 'required');
  checkContents(contents, input.event, issues);
  issues.throwIfAny();
  await ensureMessageSetup(db.kysely, auth.businessId);

  const id = newId();
  const now = nowIso();
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('message_templates')
      .values({
        id,
        business_id: auth.businessId,
        event: input.event,
        name: input.name,
        auto_email: input.autoSend?.email ? 1 : 0,
        auto_sms: input.autoSend?.sms ? 1 : 0,
        auto_whatsapp: input.autoSend?.whatsapp ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeContents(trx, auth.businessId, id, contents);
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'message_template',
      entityId: id,
      action: 'create',
      changes: { event: input.event, name: input.name },
    });
  });
  return loadTemplate(db.kysely, auth.businessId, id);
}
