/**
 * Template rows and their contents (one per channel and locale): reading,
 * checking, writing, and choosing the content for a recipient.
 */
import type { Executor } from '../db/database.ts';
import type { MessageTemplateContentTable, MessageTemplateTable } from '../db/schema.ts';
import { IssueList, notFound } from '../shared/errors.ts';
import { audienceOf, type Channel, type MessageLocale, type TemplateEvent } from './catalogue.ts';
import { checkPlaceholders, type RenderValues, renderHtml, renderText } from './render.ts';

export interface TemplateContent {
  channel: Channel;
  locale: MessageLocale;
  subject: string | null;
  html: string | null;
  text: string;
}

export interface Template {
  id: string;
  event: TemplateEvent;
  audience: 'customer' | 'supplier';
  name: string;
  autoSend: Record<Channel, boolean>;
  contents: TemplateContent[];
  createdAt: string;
  updatedAt: string;
}

export function toTemplate(row: MessageTemplateTable, contents: MessageTemplateContentTable[]): Template {
  const event = row.event as TemplateEvent;
  return {
    id: row.id,
    event,
    audience: audienceOf(event),
    name: row.name,
    autoSend: { email: row.auto_email === 1, sms: row.auto_sms === 1, whatsapp: row.auto_whatsapp === 1 },
    contents: contents
      .filter((c) => c.template_id === row.id)
      .map((c) => ({
        channel: c.channel as Channel,
        locale: c.locale as MessageLocale,
        subject: c.subject,
        html: c.html,
        text: c.text,
      }))
      .sort((a, b) => `${a.channel}${a.locale}`.localeCompare(`${b.channel}${b.locale}`)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function loadTemplates(db: Executor, businessId: string, ids?: string[]): Promise<Template[]> {
  if (ids && ids.length === 0) return [];
  let query = db.selectFrom('message_templates').where('business_id', '=', businessId);
  if (ids) query = query.where('id', 'in', ids);
  const rows = await query.selectAll().orderBy('event').orderBy('name').orderBy('id').execute();
  if (rows.length === 0) return [];
  const contents = await db
    .selectFrom('message_template_contents')
    .where('business_id', '=', businessId)
    .where(
      'template_id',
      'in',
      rows.map((r) => r.id),
    )
    .selectAll()
    .execute();
  return rows.map((row) => toTemplate(row, contents));
}

export async function loadTemplate(db: Executor, businessId: string, id: string): Promise<Template> {
  const [template] = await loadTemplates(db, businessId, [id]);
  if (!template) throw notFound('message template');
  return template;
}

/** Lists duplicate channel-and-locale pairs, blank texts, missing email subjects and bad placeholders. */
export function checkContents(
  contents: TemplateContent[],
  event: TemplateEvent | 'manual',
  issues: IssueList,
  basePath = 'contents',
): void {
  const seen = new Set<string>();
  contents.forEach((content, index) => {
    const path = `${basePath}.${index}`;
    const key = `${content.channel}:${content.locale}`;
    if (seen.has(key)) issues.add(`${path}.locale`, 'duplicate_content', { channel: content.channel, locale: content.locale });
    seen.add(key);
    if (content.channel === 'email' && !content.subject?.trim()) issues.add(`${path}.subject`, 'required');
    if (!content.text.trim()) issues.add(`${path}.text`, 'required');
    if (content.subject) checkPlaceholders(content.subject, event, `${path}.subject`, issues);
    if (content.html) checkPlaceholders(content.html, event, `${path}.html`, issues);
    checkPlaceholders(content.text, event, `${path}.text`, issues);
  });
}

/** Keeps the subject and HTML only on email contents. */
export function normaliseContents(contents: TemplateContent[]): TemplateContent[] {
  return contents.map((content) =>
    content.channel === 'email'
      ? { ...content, subject: content.subject?.trim() ?? null, html: content.html?.trim() ? content.html : null }
      : { ...content, subject: null, html: null },
  );
}

export async function writeContents(trx: Executor, businessId: string, templateId: string, contents: TemplateContent[]) {
  await trx.deleteFrom('message_template_contents').where('business_id', '=', businessId).where('template_id', '=', templateId).execute();
  if (contents.length === 0) return;
  await trx
    .insertInto('message_template_contents')
    .values(
      contents.map((c) => ({
        business_id: businessId,
        template_id: templateId,
        channel: c.channel,
        locale: c.locale,
        subject: c.subject,
        html: c.html,
        text: c.text,
      })),
    )
    .execute();
}

/**
 * Picks the content for a recipient: their language first, then the
 * business's, then any locale the template has for that channel.
 */
export function pickContent(
  template: Template,
  channel: Channel,
  locale: MessageLocale,
  businessLocale: MessageLocale,
): TemplateContent | undefined {
  const forChannel = template.contents.filter((c) => c.channel === channel);
  return forChannel.find((c) => c.locale === locale) ?? forChannel.find((c) => c.locale === businessLocale) ?? forChannel[0];
}

export interface RenderedContent {
  subject: string | null;
  text: string;
  html: string | null;
}

export function renderContent(content: Pick<TemplateContent, 'subject' | 'html' | 'text'>, values: RenderValues): RenderedContent {
  return {
    subject: content.subject ? renderText(content.subject, values).replace(/\s+/g, ' ').trim() : null,
    text: renderText(content.text, values),
    html: content.html ? renderHtml(content.html, values) : null,
  };
}
