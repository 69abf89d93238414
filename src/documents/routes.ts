/** Sales and purchases: create, read, list, finalise, void, and returns. */
import { z } from 'zod';
import type { Deps, ZodApp } from '../server/app.ts';
import { actorOf } from '../ledger/actor.ts';
import { inTransaction, sendChange } from '../ledger/http.ts';
import { createDocument } from './create-document.ts';
import { createReturn } from './create-return.ts';
import { readDocument } from './document-view.ts';
import { finaliseDocument } from './finalise-document.ts';
import { documentKinds, type DocumentType } from './kinds.ts';
import { listDocuments } from './list-documents.ts';
import { editParkedDocument } from './edit-parked.ts';
import { documentInput, documentView, editParkedInput, finaliseInput, listQuery, returnInput, voidInput } from './schemas.ts';
import { voidDocument } from './void-document.ts';
import { requireActorPermission } from '../ledger/actor.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });

const returnView = z.object({
  id: z.string(),
  type: z.string(),
  reference: z.string(),
  date: z.string(),
  status: z.string(),
  total: z.string(),
  lines: documentView.shape.lines,
  parentId: z.string(),
  appliedToDocument: z.string(),
  advance: z.string(),
  refund: z.object({ paymentId: z.string(), reference: z.string(), amount: z.string(), method: z.string() }).nullable(),
});

const listView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      reference: z.string(),
      contactId: z.string().nullable(),
      contactName: z.string().nullable(),
      date: z.string(),
      dueDate: z.string(),
      status: z.string(),
      total: z.string(),
      openAmount: z.string(),
      overdue: z.boolean(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const labels: Record<DocumentType, { tag: string; path: string; one: string }> = {
  sale: { tag: 'sales', path: '/api/v1/sales', one: 'sale' },
  purchase: { tag: 'purchases', path: '/api/v1/purchases', one: 'purchase' },
};

export async function documentRoutes(app: ZodApp, deps: Deps): Promise<void> {
  for (const type of ['sale', 'purchase'] as const) {
    const { tag, path, one } = labels[type];
    const writeConfig = { permission: documentKinds[type].permission };
    const readConfig = { permission: 'ledger.view' } as const;

    app.post(path, {
      config: writeConfig,
      schema: {
        tags: [tag],
        summary: `Create a ${one}, parked or final (accepts an Idempotency-Key header)`,
        body: documentInput,
        response: { 201: documentView },
      },
    }, async (request, reply) => {
      const actor = actorOf(request);
      return sendChange(request, reply, deps.db, actor, 201, (trx) => createDocument(trx, actor, type, request.body));
    });

    app.get(path, {
      config: readConfig,
      schema: { tags: [tag], summary: `List ${tag}, newest first`, querystring: listQuery, response: { 200: listView } },
    }, async (request) => listDocuments(deps.db.kysely, actorOf(request), type, request.query));

    app.get(`${path}/:id`, {
      config: readConfig,
      schema: { tags: [tag], summary: `Read a ${one} with its lines, returns and settlements`, params: idParams, response: { 200: documentView } },
    }, async (request) => {
      const actor = actorOf(request);
      requireActorPermission(actor, 'ledger.view');
      return readDocument(deps.db.kysely, actor, request.params.id, [type]);
    });

    app.put(`${path}/:id`, {
      config: writeConfig,
      schema: {
        tags: [tag],
        summary: `Replace the date, location, pay term, note and lines of a parked ${one}; 409 once it is final or void`,
        params: idParams,
        body: editParkedInput,
        response: { 200: documentView },
      },
    }, async (request) => {
      const actor = actorOf(request);
      return inTransaction(deps.db, (trx) => editParkedDocument(trx, actor, type, request.params.id, request.body));
    });

    app.post(`${path}/:id/finalise`, {
      config: writeConfig,
      schema: {
        tags: [tag],
        summary: `Finalise a parked ${one}; the credit limit is checked again`,
        params: idParams,
        body: finaliseInput,
        response: { 200: documentView },
      },
    }, async (request, reply) => {
      const actor = actorOf(request);
      return sendChange(request, reply, deps.db, actor, 200, (trx) =>
        finaliseDocument(trx, actor, type, request.params.id, request.body ?? {}),
      );
    });

    app.post(`${path}/:id/void`, {
      config: writeConfig,
      schema: {
        tags: [tag],
        summary: `Void a ${one}: a reversal in the ledger, never a deletion`,
        params: idParams,
        body: voidInput,
        response: { 200: documentView },
      },
    }, async (request) => {
      const actor = actorOf(request);
      return inTransaction(deps.db, (trx) => voidDocument(trx, actor, type, request.params.id, request.body ?? {}));
    });

    app.post(`${path}/:id/returns`, {
      config: writeConfig,
      schema: {
        tags: [tag],
        summary: `Return items of a final ${one} (accepts an Idempotency-Key header)`,
        params: idParams,
        body: returnInput,
        response: { 201: returnView },
      },
    }, async (request, reply) => {
      const actor = actorOf(request);
      return sendChange(request, reply, deps.db, actor, 201, (trx) =>
        createReturn(trx, actor, type, request.params.id, request.body),
      );
    });
  }
}
