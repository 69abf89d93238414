/** Lists a business's templates, creating the defaults on first read. */
import type { Db } from '../db/database.ts';
import type { TemplateEvent } from './catalogue.ts';
import { ensureMessageSetup } from './setup.ts';
import { loadTemplates, type Template } from './templates.ts';

export async function listTemplates(db: Db, businessId: string, event?: TemplateEvent): Promise<Template[]> {
  await ensureMessageSetup(db.kysely, businessId);
  const templates = await loadTemplates(db.kysely, businessId);
  return event ? templates.filter((t) => t.event === event) : templates;
}
