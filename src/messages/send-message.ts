/**
 * Sends a message by hand from the contact, a document or the ledger: a
 * template or typed text, on the channels the user ticks, with the texts
 * edited if they like. Manual messages skip quiet hours. Refused and
 * unusable channels are reported, not sent.
 */
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Db } from '../db/database.ts';
import { IssueList } from '../shared/errors.ts';
import { type Channel, channels } from './catalogue.ts';
import { composeMessages, type SkippedChannel, type TypedContent } from './compose.ts';
import { type AttachmentReference, enqueueMessages } from './enqueue.ts';
import { loadFacts, localeOf } from './facts.ts';
import { wakeMessageJobs } from './jobs.ts';
import { listMessagesByIds } from './messages-by-id.ts';
import type { MessageView } from './message-view.ts';
import { checkPlaceholders } from './render.ts';
import { refusalsOf } from './recipients.ts';
import { enabledChannels } from './settings.ts';
import { ensureMessageSetup } from './setup.ts';
import { loadTemplate, type Template } from './templates.ts';

const typedText = z.object({
  subject: z.string().max(500).nullable().optional(),
  text: z.string().min(1).max(20_000),
  html: z.string().max(200_000).nullable().optional(),
});

export const sendMessageInput = z.object({
  contactId: z.string().min(1).max(64),
  templateId: z.string().min(1).max(64).optional(),
  channels: z.array(z.enum(channels)).min(1).max(3),
  documentId: z.string().min(1).max(64).optional(),
  paymentId: z.string().min(1).max(64).optional(),
  texts: z
    .object({ email: typedText.optional(), sms: typedText.optional(), whatsapp: typedText.optional() })
    .optional()
    .describe('edited or typed texts per channel; they replace the template’s'),
  attachStatement: z.boolean().optional().describe('attach the statement PDF to the email; default on for account statements'),
});
export type SendMessageInput = z.infer<typeof sendMessageInput>;

export interface SendResult {
  items: MessageView[];
  skipped: SkippedChannel[];
}

export async function sendMessage(db: Db, auth: AuthContext, input: SendMessageInput, idempotencyKey?: string): Promise<SendResult> {
  await ensureMessageSetup(db.kysely, auth.businessId);
  const template = input.templateId ? await loadTemplate(db.kysely, auth.businessId, input.templateId) : null;
  const requested = [...new Set(input.channels)];
  checkTexts(input, template, requested);
  await loadVisibleContact(db.kysely, auth, input.contactId);

  const result = await db.kysely.transaction().execute(async (trx) => {
    const { facts, contact } = await loadFacts(trx, { businessId: auth.businessId, ...input });
    const business = await trx.selectFrom('businesses').where('id', '=', auth.businessId).select(['country', 'locale']).executeTakeFirstOrThrow();
    const attachStatement = input.attachStatement ?? template?.event === 'account_statement';
    const attachments: AttachmentReference[] = attachStatement ? [{ kind: 'statement', contactId: contact.id }] : [];
    const composed = composeMessages({
      businessId: auth.businessId,
      contact,
      country: business.country,
      businessLocale: localeOf(business.locale, 'fr'),
      facts,
      template,
      channels: requested,
      typed: input.texts as Partial<Record<Channel, TypedContent>> | undefined,
      refusals: (await refusalsOf(trx, auth.businessId, [contact.id])).get(contact.id),
      enabled: await enabledChannels(trx, auth.businessId),
      origin: 'manual',
      ...sourceOf(input),
      dedupePrefix: idempotencyKey ? `manual:${idempotencyKey}` : null,
      attachments,
      createdBy: auth.userId,
    });
    const ids = await enqueueMessages(trx, composed.messages);
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'contact',
      entityId: contact.id,
      action: 'message_send',
      // The template's name at the time of sending, so that the contact's history keeps it after a rename or delete.
      changes: {
        templateId: template?.id ?? null,
        templateName: template?.name ?? null,
        channels: composed.messages.map((m) => m.channel),
        messageIds: ids,
      },
    });
    return { ids, skipped: composed.skipped, keys: composed.messages.map((m) => m.dedupeKey) };
  });

  wakeMessageJobs();
  const items = await listMessagesByIds(db.kysely, auth.businessId, result.ids, result.keys);
  return { items, skipped: result.skipped };
}

function checkTexts(input: SendMessageInput, template: Template | null, requested: Channel[]): void {
  const issues = new IssueList();
  const event = template?.event ?? 'manual';
  for (const channel of requested) {
    const typed = input.texts?.[channel];
    if (typed) {
      if (channel === 'email' && !typed.subject?.trim()) issues.add(`texts.${channel}.subject`, 'required');
      if (typed.subject) checkPlaceholders(typed.subject, event, `texts.${channel}.subject`, issues);
      if (typed.html) checkPlaceholders(typed.html, event, `texts.${channel}.html`, issues);
      checkPlaceholders(typed.text, event, `texts.${channel}.text`, issues);
    } else if (!template) {
      issues.add(`texts.${channel}`, 'required');
    } else if (!template.contents.some((c) => c.channel === channel)) {
      issues.add(`channels`, 'no_content_for_channel', { channel });
    }
  }
  issues.throwIfAny();
}

function sourceOf(input: SendMessageInput): { sourceType: string | null; sourceId: string | null } {
  if (input.documentId) return { sourceType: 'document', sourceId: input.documentId };
  if (input.paymentId) return { sourceType: 'payment', sourceId: input.paymentId };
  return { sourceType: null, sourceId: null };
}
