/** HTTP routes of the saved contact views, each user's own. */
import { z } from 'zod';
import { requireAuth } from '../../auth/context.ts';
import type { Deps, ZodApp } from '../../server/app.ts';
import { schemaIssues } from '../../server/problems.ts';
import {
  createView,
  deleteView,
  listViews,
  readView,
  rejectViewRequest,
  updateView,
  viewInput,
  viewPatch,
} from './saved-views.ts';
import { sortFields, sortOrders } from './sort.ts';
import { contactView } from '../../auth/route-permission.ts';

const tags = ['contact views'];
const idParams = z.object({ id: z.string().max(64) });

const viewJson = z.object({
  id: z.string(),
  name: z.string(),
  filters: z.record(z.string(), z.string()),
  sort: z.object({ field: z.enum(sortFields), order: z.enum(sortOrders) }).nullable(),
  columns: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export async function contactViewRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const db = deps.db.kysely;

  app.get('/api/v1/contact-views', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'List the caller\'s saved contact views, by name',
      response: { 200: z.object({ items: z.array(viewJson), nextCursor: z.null() }) },
    },
  }, async (request) => listViews(db, requireAuth(request)));

  // Both writes attach the schema's issues instead of failing at once, so
  // that their 422 also names the filters that only the list's checks reject.
  app.post('/api/v1/contact-views', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'Save a contact view: name, list filters, sort and visible columns',
      description:
        'filters are checked as the list checks its query parameters, and one 422 names every invalid ' +
        'filter with its path (filters.overdue). Names are unique per user.',
      body: viewInput,
      response: { 201: viewJson },
    },
    attachValidation: true,
  }, async (request, reply) => {
    const actor = requireAuth(request);
    if (request.validationError) await rejectViewRequest(db, actor, request.body, schemaIssues(request, request.validationError));
    return reply.status(201).send(await createView(db, actor, request.body));
  });

  app.get('/api/v1/contact-views/:id', {
    config: { permission: contactView },
    schema: { tags, summary: 'Read a saved contact view', params: idParams, response: { 200: viewJson } },
  }, async (request) => readView(db, requireAuth(request), request.params.id));

  app.patch('/api/v1/contact-views/:id', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'Change a saved contact view; absent fields stay',
      description: 'filters are checked as in POST, and one 422 names every invalid filter with its path.',
      params: idParams,
      body: viewPatch,
      response: { 200: viewJson },
    },
    attachValidation: true,
  }, async (request) => {
    const actor = requireAuth(request);
    if (request.validationError) await rejectViewRequest(db, actor, request.body, schemaIssues(request, request.validationError));
    return updateView(db, actor, request.params.id, request.body);
  });

  app.delete('/api/v1/contact-views/:id', {
    config: { permission: contactView },
    schema: { tags, summary: 'Delete a saved contact view', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await deleteView(db, requireAuth(request), request.params.id);
    return reply.status(204).send(null);
  });
}
