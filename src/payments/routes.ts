/** Payments, refunds, reversals, advances and payment methods. */
import { z } from 'zod';
import type { Deps, ZodApp } from '../server/app.ts';
import { actorOf, requireActorPermission } from '../ledger/actor.ts';
import { inTransaction, sendChange } from '../ledger/http.ts';
import { requireVisibleRecord } from '../ledger/record-visibility.ts';
import { applyAdvance } from './apply-advance.ts';
import { listPayments } from './list-payments.ts';
import { addPaymentMethod, changePaymentMethod } from './manage-methods.ts';
import { listPaymentMethods } from './methods.ts';
import { readPayment } from './payment-view.ts';
import { recordPayment } from './record-payment.ts';
import { recordRefund } from './refund.ts';
import { reversePayment } from './reverse-payment.ts';
import {
  applyAdvanceInput,
  applyAdvanceView,
  methodInput,
  methodPatch,
  methodView,
  paymentInput,
  paymentListQuery,
  paymentView,
  refundInput,
  reverseInput,
} from './schemas.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });
const idempotencyHeader = z.looseObject({
  'idempotency-key': z.string().max(200).optional().describe('A client id for this request; a repeat returns the first answer'),
});

export async function paymentRoutes(app: ZodApp, deps: Deps): Promise<void> {
  app.post('/api/v1/payments', {
    config: { permission: 'payment.create' },
    schema: {
      tags: ['payments'],
      summary: 'Record a payment; without allocations it settles the oldest due items first',
      headers: idempotencyHeader,
      body: paymentInput,
      response: { 201: paymentView },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    return sendChange(request, reply, deps.db, actor, 201, (trx) => recordPayment(trx, actor, request.body));
  });

  app.get('/api/v1/payments', {
    config: { permission: 'ledger.view' },
    schema: {
      tags: ['payments'],
      summary: 'List payments and refunds, newest first',
      querystring: paymentListQuery,
      response: { 200: z.object({ items: z.array(paymentView), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => listPayments(deps.db.kysely, actorOf(request), request.query));

  app.get('/api/v1/payments/:id', {
    config: { permission: 'ledger.view' },
    schema: { tags: ['payments'], summary: 'Read a payment with its allocations', params: idParams, response: { 200: paymentView } },
  }, async (request) => {
    const actor = actorOf(request);
    requireActorPermission(actor, 'ledger.view');
    const payment = await readPayment(deps.db.kysely, actor.businessId, request.params.id);
    await requireVisibleRecord(deps.db.kysely, actor, payment.contactId, 'payment');
    return payment;
  });

  app.post('/api/v1/payments/:id/reverse', {
    config: { permission: 'payment.reverse' },
    schema: {
      tags: ['payments'],
      summary: 'Reverse a payment or refund; its allocations are undone',
      params: idParams,
      body: reverseInput,
      response: { 200: paymentView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return inTransaction(deps.db, (trx) => reversePayment(trx, actor, request.params.id, request.body));
  });

  app.post('/api/v1/refunds', {
    config: { permission: 'payment.create' },
    schema: {
      tags: ['payments'],
      summary: 'Pay back a contact’s credit (advance or return excess), or record a supplier’s refund',
      headers: idempotencyHeader,
      body: refundInput,
      response: { 201: paymentView },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    return sendChange(request, reply, deps.db, actor, 201, (trx) => recordRefund(trx, actor, request.body));
  });

  app.post('/api/v1/contacts/:id/apply-advance', {
    config: { permission: 'payment.create' },
    schema: {
      tags: ['payments'],
      summary: 'Apply the contact’s advance to its open documents, oldest due first',
      params: idParams,
      body: applyAdvanceInput,
      response: { 200: applyAdvanceView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return inTransaction(deps.db, (trx) => applyAdvance(trx, actor, request.params.id, request.body ?? {}));
  });

  app.get('/api/v1/payment-methods', {
    schema: { tags: ['payments'], summary: 'List payment methods: built in and the business’s own', response: { 200: z.object({ items: z.array(methodView) }) } },
  }, async (request) => {
    const actor = actorOf(request);
    return { items: await listPaymentMethods(deps.db.kysely, actor.businessId, actor.locale) };
  });

  app.post('/api/v1/payment-methods', {
    config: { permission: 'settings.manage' },
    schema: { tags: ['payments'], summary: 'Add a payment method label', body: methodInput, response: { 201: methodView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const method = await inTransaction(deps.db, (trx) => addPaymentMethod(trx, actor, request.body.label));
    return reply.status(201).send(method);
  });

  app.patch('/api/v1/payment-methods/:code', {
    config: { permission: 'settings.manage' },
    schema: {
      tags: ['payments'],
      summary: 'Rename or deactivate a payment method label',
      params: z.object({ code: z.string().min(1).max(40) }),
      body: methodPatch,
      response: { 200: methodView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return inTransaction(deps.db, (trx) => changePaymentMethod(trx, actor, request.params.code, request.body));
  });
}
