/**
 * Previews for a real contact: unsaved contents as the editor types them
 * (each in its own language), or a saved template as the contact would get
 * it (in the contact's language).
 */
import type { AuthContext } from '../auth/context.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Db } from '../db/database.ts';
import { IssueList } from '../shared/errors.ts';
import { channels, type Channel, type MessageLocale, type TemplateEvent } from './catalogue.ts';
import { loadFacts, localeOf } from './facts.ts';
import {
  checkContents,
  loadTemplate,
  normaliseContents,
  pickContent,
  renderContent,
  type TemplateContent,
} from './templates.ts';
import { placeholderValues } from './values.ts';

export interface FactsSource {
  contactId: string;
  documentId?: string;
  paymentId?: string;
}

export interface RenderedPreview {
  channel: Channel;
  locale: MessageLocale;
  subject: string | null;
  text: string;
  html: string | null;
}

export async function previewContents(
  db: Db,
  auth: AuthContext,
  input: FactsSource & { event: TemplateEvent | 'manual'; contents: TemplateContent[] },
): Promise<RenderedPreview[]> {
  const contents = normaliseContents(input.contents);
  const issues = new IssueList();
  checkContents(contents, input.event, issues);
  issues.throwIfAny();
  await loadVisibleContact(db.kysely, auth, input.contactId);
  const { facts } = await loadFacts(db.kysely, { businessId: auth.businessId, ...input });
  return contents.map((content) => ({
    channel: content.channel,
    locale: content.locale,
    ...renderContent(content, placeholderValues({ ...facts, locale: content.locale })),
  }));
}

export async function previewTemplate(db: Db, auth: AuthContext, id: string, source: FactsSource): Promise<RenderedPreview[]> {
  const template = await loadTemplate(db.kysely, auth.businessId, id);
  await loadVisibleContact(db.kysely, auth, source.contactId);
  const { facts } = await loadFacts(db.kysely, { businessId: auth.businessId, ...source });
  const business = await db.kysely.selectFrom('businesses').where('id', '=', auth.businessId).select('locale').executeTakeFirstOrThrow();
  const values = placeholderValues(facts);
  const previews: RenderedPreview[] = [];
  for (const channel of channels) {
    const content = pickContent(template, channel, facts.locale, localeOf(business.locale, 'fr'));
    if (content) previews.push({ channel, locale: content.locale, ...renderContent(content, values) });
  }
  return previews;
}
