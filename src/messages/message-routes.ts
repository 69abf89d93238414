/**
 * HTTP routes of sending and history: manual sends, the outbox, a contact's
 * messages, preferences and reminder hold, and the WhatsApp link.
 */
import { z } from 'zod';
import { requireAuth } from '../auth/context.ts';
import { requirePermission } from '../auth/permissions.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { namingMissingParameter } from '../server/query-parameters.ts';
import { AppError } from '../shared/errors.ts';
import { channels } from './catalogue.ts';
import { getMessage } from './get-message.ts';
import { listMessages } from './list-messages.ts';
import { requireMessageAccess, visibleContactIds } from './message-access.ts';
import { preferencesPatch, preferencesView, readPreferences } from './message-preferences.ts';
import { messagePageQuery, messageStatuses, messageView } from './message-view.ts';
import { holdInput, holdReminders, releaseReminders } from './reminder-hold.ts';
import { retryMessage } from './retry-message.ts';
import { sendMessage, sendMessageInput } from './send-message.ts';
import { updateMessagePreferences } from './update-message-preferences.ts';
import { whatsappLink } from './whatsapp-link.ts';
import { contactUpdate, contactView } from '../auth/route-permission.ts';

const tags = ['messages'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const skippedView = z.object({
  channel: z.enum(channels),
  reason: z.enum(['refused', 'no_recipient', 'no_content', 'not_configured']),
  refusedAt: z.string().optional(),
});

const attemptView = z.object({
  attempt: z.number(),
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(['sent', 'error', 'cancelled']),
  responseStatus: z.number().nullable(),
  error: z.string().nullable(),
});

export async function messageRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const { db } = deps;

  app.post('/api/v1/messages', {
    config: { permission: 'message.send' },
    schema: {
      tags,
      summary: 'Send a message to a contact',
      description:
        'From a template or typed texts, on the channels given. Messages are stored in the outbox and sent by the ' +
        'job; refused, unreachable or unconfigured channels come back in skipped. With an Idempotency-Key header a ' +
        'repeated request queues nothing new.',
      body: sendMessageInput,
      response: { 201: z.object({ items: z.array(messageView), skipped: z.array(skippedView) }) },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.send');
    const key = request.headers['idempotency-key'];
    if (Array.isArray(key) || (key !== undefined && (key.length === 0 || key.length > 200))) {
      throw new AppError('bad_request', { reason: 'Idempotency-Key' });
    }
    return reply.status(201).send(await sendMessage(db, auth, request.body, key));
  });

  app.get('/api/v1/messages', {
    config: { permission: 'message.send' },
    schema: {
      tags,
      summary: 'List the outbox, newest first',
      querystring: messagePageQuery.extend({
        status: z.enum(messageStatuses).optional(),
        channel: z.enum([...channels, 'webhook']).optional(),
      }),
      response: { 200: pageOf(messageView) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.send');
    return listMessages(db.kysely, { businessId: auth.businessId, ...request.query, visibleContacts: visibleContactIds(db.kysely, auth) });
  });

  app.get('/api/v1/messages/:id', {
    config: { permission: 'message.send' },
    schema: {
      tags,
      summary: 'Read a message with its attempts',
      params: idParams,
      response: { 200: messageView.extend({ attemptLog: z.array(attemptView) }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.send');
    await requireMessageAccess(db.kysely, auth, request.params.id);
    return getMessage(db.kysely, auth.businessId, request.params.id);
  });

  app.post('/api/v1/messages/:id/retry', {
    config: { permission: 'message.send' },
    schema: { tags, summary: 'Queue a failed message again', params: idParams, response: { 200: messageView } },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.send');
    await requireMessageAccess(db.kysely, auth, request.params.id);
    return retryMessage(db, auth, request.params.id);
  });

  app.get('/api/v1/contacts/:id/messages', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'List the messages of a contact, newest first',
      description: 'Channel, template, text, status (queued, sending, sent, failed with lastError, cancelled) and times.',
      params: idParams,
      querystring: messagePageQuery,
      response: { 200: pageOf(messageView) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    await loadVisibleContact(db.kysely, auth, request.params.id);
    return listMessages(db.kysely, { businessId: auth.businessId, contactId: request.params.id, ...request.query });
  });

  app.get('/api/v1/contacts/:id/whatsapp-link', {
    config: { permission: 'message.send' },
    schema: {
      tags,
      summary: 'Build a WhatsApp click-to-chat link',
      description: 'https://wa.me/<digits>?text=… with a template’s text (WhatsApp, else SMS) or a typed text; the web app opens it.',
      params: idParams,
      querystring: z.object({
        templateId: z.string().min(1).max(64).optional(),
        documentId: z.string().min(1).max(64).optional(),
        paymentId: z.string().min(1).max(64).optional(),
        text: z.string().max(4000).optional(),
      }),
      response: { 200: z.object({ url: z.string(), number: z.string(), text: z.string() }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.send');
    const missing = { 'message template': 'templateId', document: 'documentId', payment: 'paymentId' };
    return namingMissingParameter(request.query, missing, () => whatsappLink(db, auth, request.params.id, request.query));
  });

  app.get('/api/v1/contacts/:id/message-preferences', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'Read a contact’s message language, refusals and reminder hold',
      params: idParams,
      response: { 200: preferencesView },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    await loadVisibleContact(db.kysely, auth, request.params.id);
    return readPreferences(db.kysely, auth.businessId, request.params.id);
  });

  app.patch('/api/v1/contacts/:id/message-preferences', {
    config: { permission: contactUpdate },
    schema: {
      tags,
      summary: 'Change a contact’s message language or channel refusals',
      params: idParams,
      body: preferencesPatch,
      response: { 200: preferencesView },
    },
  }, async (request) => updateMessagePreferences(db, requireAuth(request), request.params.id, request.body));

  app.put('/api/v1/contacts/:id/reminder-hold', {
    config: { permission: 'message.send' },
    schema: {
      tags,
      summary: 'Put a contact’s reminders on hold',
      params: idParams,
      body: holdInput,
      response: { 200: preferencesView },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.send');
    return holdReminders(db, auth, request.params.id, request.body);
  });

  app.delete('/api/v1/contacts/:id/reminder-hold', {
    config: { permission: 'message.send' },
    schema: { tags, summary: 'Release a contact’s reminder hold', params: idParams, response: { 200: preferencesView } },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.send');
    return releaseReminders(db, auth, request.params.id);
  });
}
