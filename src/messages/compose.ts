/**
 * Builds the outbox rows of one message to one contact on several channels,
 * from a template or a text typed by hand, and reports why any channel was
 * left out. Pure: the caller loads the facts, refusals and enabled channels.
 */
import type { Channel, MessageLocale } from './catalogue.ts';
import type { AttachmentReference, MessageOrigin, NewMessage } from './enqueue.ts';
import { recipientFor, type ReachableContact } from './recipients.ts';
import { type RenderedContent, renderContent, pickContent, type Template } from './templates.ts';
import { type MessageFacts, placeholderValues } from './values.ts';

export type SkipReason = 'refused' | 'no_recipient' | 'no_content' | 'not_configured';

export interface SkippedChannel {
  channel: Channel;
  reason: SkipReason;
  /** When the contact refused the channel. */
  refusedAt?: string;
}

export interface TypedContent {
  subject?: string | null;
  text: string;
  html?: string | null;
}

export interface CompositionInput {
  businessId: string;
  contact: ReachableContact & { id: string };
  country: string;
  businessLocale: MessageLocale;
  facts: MessageFacts;
  template: Template | null;
  channels: Channel[];
  /** Typed or edited texts per channel; they replace the template's. */
  typed?: Partial<Record<Channel, TypedContent>>;
  refusals: Map<Channel, string> | undefined;
  enabled: Set<Channel>;
  origin: MessageOrigin;
  sourceType?: string | null;
  sourceId?: string | null;
  /** Each message's key is this prefix and its channel. */
  dedupePrefix?: string | null;
  attachments?: AttachmentReference[];
  createdBy?: string | null;
  notBefore?: string;
}

export interface Composition {
  messages: NewMessage[];
  skipped: SkippedChannel[];
}

export function composeMessages(input: CompositionInput): Composition {
  const values = placeholderValues(input.facts);
  const messages: NewMessage[] = [];
  const skipped: SkippedChannel[] = [];
  for (const channel of input.channels) {
    const refusedAt = input.refusals?.get(channel);
    if (refusedAt) {
      skipped.push({ channel, reason: 'refused', refusedAt });
      continue;
    }
    if (!input.enabled.has(channel)) {
      skipped.push({ channel, reason: 'not_configured' });
      continue;
    }
    const recipient = recipientFor(channel, input.contact, input.country);
    if (!recipient) {
      skipped.push({ channel, reason: 'no_recipient' });
      continue;
    }
    const rendered = renderFor(input, channel, values);
    if (!rendered) {
      skipped.push({ channel, reason: 'no_content' });
      continue;
    }
    messages.push({
      businessId: input.businessId,
      contactId: input.contact.id,
      channel,
      origin: input.origin,
      templateId: input.template?.id ?? null,
      event: input.template?.event ?? null,
      sourceType: input.sourceType ?? null,
      sourceId: input.sourceId ?? null,
      recipient,
      locale: input.facts.locale,
      subject: channel === 'email' ? rendered.subject ?? '' : null,
      text: channel === 'sms' ? gsmSpaces(rendered.text) : rendered.text,
      html: channel === 'email' ? rendered.html : null,
      attachments: channel === 'email' ? input.attachments ?? [] : [],
      dedupeKey: input.dedupePrefix ? `${input.dedupePrefix}:${channel}` : null,
      createdBy: input.createdBy ?? null,
      notBefore: input.notBefore,
    });
  }
  return { messages, skipped };
}

function renderFor(input: CompositionInput, channel: Channel, values: ReturnType<typeof placeholderValues>): RenderedContent | null {
  const typed = input.typed?.[channel];
  if (typed) return renderContent({ subject: typed.subject ?? null, html: typed.html ?? null, text: typed.text }, values);
  if (!input.template) return null;
  const content = pickContent(input.template, channel, input.facts.locale, input.businessLocale);
  return content ? renderContent(content, values) : null;
}

/**
 * Intl writes French amounts with no-break spaces (U+00A0, U+202F), which
 * the GSM 7-bit alphabet lacks: one of them makes an SMS use UCS-2 and hold
 * 70 characters instead of 160.
 */
function gsmSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}
