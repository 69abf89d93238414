/** HTTP routes of webhooks and their deliveries. */
import { z } from 'zod';
import { requireAuth } from '../auth/context.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { createWebhook } from './create-webhook.ts';
import { deleteWebhook } from './delete-webhook.ts';
import { listMessages } from './list-messages.ts';
import { getWebhook, listWebhooks } from './list-webhooks.ts';
import { messagePageQuery, messageView } from './message-view.ts';
import { rotateWebhookSecret, updateWebhook } from './update-webhook.ts';
import { webhookInput, webhookPatch, webhookView, webhookWithSecret } from './webhooks.ts';

const tags = ['webhooks'];
const idParams = z.object({ id: z.string().min(1).max(64) });

export async function webhookRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const { db } = deps;

  app.get('/api/v1/webhooks', {
    config: { permission: 'message.settings' },
    schema: { tags, summary: 'List webhooks', response: { 200: z.object({ items: z.array(webhookView), nextCursor: z.null() }) } },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return { items: await listWebhooks(db, auth.businessId), nextCursor: null };
  });

  app.post('/api/v1/webhooks', {
    config: { permission: 'message.settings' },
    schema: {
      tags,
      summary: 'Register a webhook',
      description:
        'Deliveries are POSTs of JSON { id, type, createdAt, businessId, data } with X-Comptoir-Signature: ' +
        'sha256=<hex HMAC-SHA256 of the raw body with the secret> and X-Comptoir-Timestamp. The secret is in this answer only.',
      body: webhookInput,
      response: { 201: webhookWithSecret },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return reply.status(201).send(await createWebhook(db, auth, request.body));
  });

  app.get('/api/v1/webhooks/:id', {
    config: { permission: 'message.settings' },
    schema: { tags, summary: 'Read a webhook', params: idParams, response: { 200: webhookView } },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return getWebhook(db, auth.businessId, request.params.id);
  });

  app.patch('/api/v1/webhooks/:id', {
    config: { permission: 'message.settings' },
    schema: { tags, summary: 'Change a webhook', params: idParams, body: webhookPatch, response: { 200: webhookView } },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return updateWebhook(db, auth, request.params.id, request.body);
  });

  app.post('/api/v1/webhooks/:id/rotate-secret', {
    config: { permission: 'message.settings' },
    schema: { tags, summary: 'Replace a webhook’s signing secret', params: idParams, response: { 200: webhookWithSecret } },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return rotateWebhookSecret(db, auth, request.params.id);
  });

  app.delete('/api/v1/webhooks/:id', {
    config: { permission: 'message.settings' },
    schema: { tags, summary: 'Delete a webhook', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    await deleteWebhook(db, auth, request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/webhooks/:id/deliveries', {
    config: { permission: 'message.settings' },
    schema: {
      tags,
      summary: 'List a webhook’s deliveries, newest first',
      description: 'Each delivery is an outbox message; GET /messages/{id} shows its attempts.',
      params: idParams,
      querystring: messagePageQuery,
      response: { 200: z.object({ items: z.array(messageView), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    await getWebhook(db, auth.businessId, request.params.id);
    return listMessages(db.kysely, { businessId: auth.businessId, webhookId: request.params.id, ...request.query });
  });
}
