/** Customer groups and the sales-by-group report: parse, call the use case, reply. */
import { z } from 'zod';
import { isoDateSchema } from '../shared/date-schema.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { actorOf } from '../ledger/actor.ts';
import { inTransaction } from '../ledger/http.ts';
import { listCustomerGroups, readCustomerGroup } from './customer-groups.ts';
import { deleteCustomerGroup } from './delete-customer-group.ts';
import { reportTable, salesByCustomerGroup } from './sales-by-group.ts';
import { createCustomerGroup, updateCustomerGroup } from './save-customer-group.ts';
import {
  customerGroupCreate,
  customerGroupUpdate,
  customerGroupView,
  deleteGroupQuery,
  idParams,
  pageOf,
  searchQuery,
} from './schemas.ts';
import { contentTypes, tableToCsv, tableToXlsx } from './table-files.ts';
import { allOf } from '../auth/route-permission.ts';


const reportQuery = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

const groupRow = z.object({
  sales: z.number(),
  salesTotal: z.string(),
  groupDiscount: z.string(),
  returns: z.number(),
  returnsTotal: z.string(),
  netTotal: z.string(),
});

const reportView = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  rows: z.array(groupRow.extend({ customerGroupId: z.string().nullable(), name: z.string().nullable() })),
  totals: groupRow,
});

export async function customerGroupRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const db = deps.db.kysely;
  const tags = ['customer-groups'];

  app.get('/api/v1/customer-groups', {
    schema: { tags, summary: 'List customer groups by name, with their contact counts', querystring: searchQuery, response: { 200: pageOf(customerGroupView) } },
  }, async (request) => listCustomerGroups(db, actorOf(request), request.query));

  app.post('/api/v1/customer-groups', {
    config: { permission: 'pricing.manage' },
    schema: { tags, summary: 'Create a customer group (permission pricing.manage)', body: customerGroupCreate, response: { 201: customerGroupView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.status(201).send(await inTransaction(deps.db, (trx) => createCustomerGroup(trx, actor, request.body)));
  });

  app.get('/api/v1/customer-groups/:id', {
    schema: { tags, summary: 'Read a customer group', params: idParams, response: { 200: customerGroupView } },
  }, async (request) => readCustomerGroup(db, actorOf(request), request.params.id));

  app.patch('/api/v1/customer-groups/:id', {
    config: { permission: 'pricing.manage' },
    schema: { tags, summary: 'Change a customer group', params: idParams, body: customerGroupUpdate, response: { 200: customerGroupView } },
  }, async (request) => {
    const actor = actorOf(request);
    return inTransaction(deps.db, (trx) => updateCustomerGroup(trx, actor, request.params.id, request.body));
  });

  app.delete('/api/v1/customer-groups/:id', {
    config: { permission: 'pricing.manage' },
    schema: {
      tags,
      summary: 'Delete a customer group',
      description: 'While contacts are in the group: 409 customer_group_in_use with their count, unless moveTo names another group or "none".',
      params: idParams,
      querystring: deleteGroupQuery,
      response: { 200: z.object({ movedContacts: z.number(), movedTo: z.string().nullable() }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return inTransaction(deps.db, (trx) => deleteCustomerGroup(trx, actor, request.params.id, request.query.moveTo));
  });

  app.get('/api/v1/reports/sales-by-customer-group', {
    config: { permission: allOf('ledger.view', 'customer.view') },
    schema: {
      tags: ['reports'],
      summary: 'Final sales and their returns by customer group over a date range (permissions ledger.view and customer.view)',
      description: 'format=csv or format=xlsx downloads the same figures as a file.',
      querystring: reportQuery,
      response: { 200: reportView },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const report = await salesByCustomerGroup(db, actor, request.query);
    if (request.query.format === 'json') return report;
    const table = reportTable(report, request.locale);
    const name = `sales-by-customer-group-${report.from}-${report.to}.${request.query.format}`;
    const body = request.query.format === 'csv' ? tableToCsv(table, request.locale) : await tableToXlsx(table);
    return reply
      .header('content-disposition', `attachment; filename="${name}"`)
      .type(contentTypes[request.query.format])
      // Fastify sends a Buffer as it is, without the JSON response schema.
      .send(body as never);
  });
}
