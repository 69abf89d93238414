/** HTTP routes of message templates, placeholders and previews. */
import { z } from 'zod';
import type { AuthContext } from '../auth/context.ts';
import { requireAuth } from '../auth/context.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { namingMissingParameter } from '../server/query-parameters.ts';
import { forbidden } from '../shared/errors.ts';
import { templateEvents } from './catalogue.ts';
import { createTemplate } from './create-template.ts';
import { deleteTemplate } from './delete-template.ts';
import { listPlaceholders } from './list-placeholders.ts';
import { listTemplates } from './list-templates.ts';
import { previewContents, previewTemplate } from './preview-template.ts';
import { factsSource, placeholderView, previewInput, renderedView, templateInput, templatePatch, templateView } from './template-schemas.ts';
import { ensureMessageSetup } from './setup.ts';
import { loadTemplate, type TemplateContent } from './templates.ts';
import { updateTemplate } from './update-template.ts';
import { anyOf, missingPermission } from '../auth/route-permission.ts';

const tags = ['messages'];
const idParams = z.object({ id: z.string().min(1).max(64) });

/** Reading templates serves both the editor and the send dialog. */
const templateReaders = anyOf('message.templates', 'message.send');

function requireTemplateReader(auth: AuthContext): void {
  const missing = missingPermission(auth, templateReaders);
  if (missing) throw forbidden(missing);
}

export async function templateRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const { db } = deps;

  app.get('/api/v1/message-templates', {
    config: { permission: templateReaders },
    schema: {
      tags,
      summary: 'List message templates',
      description: 'French and English defaults exist for every event from the first read.',
      querystring: z.object({ event: z.enum(templateEvents).optional() }),
      response: { 200: z.object({ items: z.array(templateView), nextCursor: z.null() }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requireTemplateReader(auth);
    return { items: await listTemplates(db, auth.businessId, request.query.event), nextCursor: null };
  });

  app.get('/api/v1/message-templates/placeholders', {
    config: { permission: templateReaders },
    schema: {
      tags,
      summary: 'List the placeholders templates may use',
      querystring: z.object({ event: z.enum(templateEvents).optional() }),
      response: { 200: z.object({ items: z.array(placeholderView) }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requireTemplateReader(auth);
    return { items: await listPlaceholders(db, auth.businessId, request.locale, request.query.event) };
  });

  app.post('/api/v1/message-templates', {
    config: { permission: 'message.templates' },
    schema: {
      tags,
      summary: 'Create a message template',
      description: 'An unknown placeholder, or one the event does not offer, is a 422 naming it.',
      body: templateInput,
      response: { 201: templateView },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.templates');
    return reply.status(201).send(await createTemplate(db, auth, request.body));
  });

  app.post('/api/v1/message-templates/preview', {
    config: { permission: templateReaders },
    schema: {
      tags,
      summary: 'Preview unsaved template texts for a contact',
      description: 'Each content is rendered in its own language, with the contact’s data and the optional document or payment.',
      body: previewInput,
      response: { 200: z.object({ items: z.array(renderedView) }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requireTemplateReader(auth);
    const { contents, ...rest } = request.body;
    return { items: await previewContents(db, auth, { ...rest, contents: contents as TemplateContent[] }) };
  });

  app.get('/api/v1/message-templates/:id', {
    config: { permission: templateReaders },
    schema: { tags, summary: 'Read a message template', params: idParams, response: { 200: templateView } },
  }, async (request) => {
    const auth = requireAuth(request);
    requireTemplateReader(auth);
    await ensureMessageSetup(db.kysely, auth.businessId);
    return loadTemplate(db.kysely, auth.businessId, request.params.id);
  });

  app.get('/api/v1/message-templates/:id/preview', {
    config: { permission: templateReaders },
    schema: {
      tags,
      summary: 'Render a template for a contact',
      description: 'One rendering per channel the template has, in the contact’s language.',
      params: idParams,
      querystring: factsSource,
      response: { 200: z.object({ items: z.array(renderedView) }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requireTemplateReader(auth);
    const missing = { contact: 'contactId', document: 'documentId', payment: 'paymentId' };
    const items = await namingMissingParameter(request.query, missing, () => previewTemplate(db, auth, request.params.id, request.query));
    return { items };
  });

  app.patch('/api/v1/message-templates/:id', {
    config: { permission: 'message.templates' },
    schema: {
      tags,
      summary: 'Change a message template',
      description: 'contents, when given, replaces every content of the template.',
      params: idParams,
      body: templatePatch,
      response: { 200: templateView },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.templates');
    return updateTemplate(db, auth, request.params.id, request.body);
  });

  app.delete('/api/v1/message-templates/:id', {
    config: { permission: 'message.templates' },
    schema: { tags, summary: 'Delete a message template', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.templates');
    await deleteTemplate(db, auth, request.params.id);
    return reply.status(204).send(null);
  });
}
