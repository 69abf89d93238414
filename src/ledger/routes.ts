/**
 * The ledger routes: a contact's ledger pages, statement, exports, account
 * figures, open items, balance history and manual discounts, and the
 * receivables dashboard.
 */
import { z } from 'zod';
import { isoDateParameter, isoDateSchema } from '../shared/date-schema.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { readAccount, listOpenItems } from './account.ts';
import { type Actor, actorOf, requireActorPermission } from './actor.ts';
import { balanceHistory } from './balance-history.ts';
import { loadBusiness } from './business.ts';
import { receivablesDashboard } from './dashboard.ts';
import { recordDiscount } from './discount.ts';
import { reverseDiscount } from './reverse-discount.ts';
import { ledgerCsv, ledgerXlsx } from './export-ledger.ts';
import { inTransaction } from './http.ts';
import { ledgerLineJson, readLedgerPage } from './read-ledger.ts';
import { ledgerSummary } from './ledger-summary.ts';
import { renderStatement } from './statement-pdf.ts';
import { formatDecimal } from '../shared/money.ts';
import { invalid } from '../shared/errors.ts';
import { quotedValue } from '../shared/text.ts';
import type { Executor } from '../db/database.ts';
import { idParameter, integerParameter } from '../server/query-parameters.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });
const rangeQuery = z.object({ from: isoDateParameter, to: isoDateParameter });
const locationParameter = idParameter('location', 100);
const ledgerQuery = rangeQuery.extend({
  locationId: locationParameter,
  cursor: z.string().max(500).optional(),
  limit: integerParameter(1, 500, 100),
});
const exportQuery = rangeQuery.extend({ locationId: locationParameter });

const ledgerLine = z.object({
  id: z.string(),
  date: z.string(),
  reference: z.string(),
  type: z.string(),
  location: z.object({ id: z.string(), name: z.string().nullable() }),
  debit: z.string(),
  credit: z.string(),
  balance: z.string(),
  memo: z.string().nullable(),
  sourceType: z.string(),
  sourceId: z.string(),
  reversesEntryId: z.string().nullable(),
});

const ledgerView = z.object({
  contactId: z.string(),
  currency: z.string(),
  openingBalance: z.string().describe('Balance of every entry before `from` (and at `locationId` when set)'),
  closingBalance: z.string().describe('Balance at the end of `to`'),
  items: z.array(ledgerLine),
  nextCursor: z.string().nullable(),
});

const money = z.string();
const summaryView = z.object({
  openingBalance: money,
  closingBalance: money,
  byType: z.array(z.object({ type: z.string(), debit: money, credit: money, count: z.number() })),
});
const accountView = z.object({
  contactId: z.string(),
  currency: z.string(),
  balance: money,
  receivable: money,
  payable: money,
  advance: money,
  overdue: money,
  overduePayable: money,
  creditLimit: money.nullable(),
  exposure: money,
  availableCredit: money.nullable(),
});

const openItemView = z.object({
  id: z.string(),
  side: z.string(),
  kind: z.string(),
  reference: z.string(),
  documentId: z.string().nullable(),
  date: z.string(),
  dueDate: z.string(),
  amount: money,
  openAmount: money,
  overdue: z.boolean(),
});

const discountInput = z.strictObject({
  amount: money,
  date: isoDateSchema,
  reason: z.string().trim().min(1).max(500),
  side: z.enum(['sale', 'purchase']).optional().describe('Required for a `both` contact'),
  locationId: z.string().max(100).optional(),
});

const discountView = z.object({
  id: z.string(),
  reference: z.string(),
  amount: money,
  date: z.string(),
  reason: z.string(),
  side: z.enum(['sale', 'purchase']),
  allocations: z.array(z.object({ itemId: z.string(), reference: z.string(), documentId: z.string().nullable(), amount: money })),
});

const discountParams = z.object({ id: z.string().min(1).max(100), discountId: z.string().min(1).max(100) });
const reverseDiscountInput = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  date: isoDateSchema.optional().describe('Date of the reversal; today by default'),
});
const reversedDiscountView = z.object({
  id: z.string(),
  reference: z.string(),
  amount: money,
  date: z.string(),
  reason: z.string(),
  reopened: z.array(z.object({ itemId: z.string(), amount: money })),
});

const agingView = z.object({
  notDue: money,
  days1To30: money,
  days31To60: money,
  days61To90: money,
  over90: money,
  total: money,
});
const dashboardContact = z.object({
  contactId: z.string(),
  name: z.string(),
  type: z.string(),
  balance: money,
  receivable: money,
  payable: money,
  advance: money,
  creditLimit: money.nullable(),
});
const overdueItem = z.object({
  contactId: z.string(),
  contactName: z.string(),
  itemId: z.string(),
  kind: z.string(),
  reference: z.string(),
  documentId: z.string().nullable(),
  date: z.string(),
  dueDate: z.string(),
  openAmount: money,
  daysLate: z.number(),
});
const dashboardView = z.object({
  currency: z.string(),
  today: z.string(),
  totals: z.object({
    receivable: money,
    payable: money,
    advance: money,
    owedToUs: money,
    owedByUs: money,
    overdue: money,
    overduePayable: money,
    contactsOwing: z.number(),
  }),
  aging: z.object({ receivable: agingView, payable: agingView }),
  overdue: z.array(overdueItem),
  overduePayables: z.array(overdueItem),
  topBalances: z.array(dashboardContact),
  topPayables: z.array(dashboardContact),
});

async function visibleContact(db: Executor, actor: Actor, id: string) {
  requireActorPermission(actor, 'ledger.view');
  return loadVisibleContact(db, actor, id);
}

/** The business's location `id`, active or not, or a 422 naming the value. */
async function locationOf(db: Executor, businessId: string, id: string) {
  const row = await db
    .selectFrom('locations')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .select(['id', 'name'])
    .executeTakeFirst();
  if (!row) throw invalid([{ path: 'locationId', code: 'not_found_ref', params: { parameter: 'locationId', value: quotedValue(id) } }]);
  return row;
}

function fileName(kind: string, code: string, range: { from?: string; to?: string }, extension: string) {
  const safeCode = code.replace(/[^A-Za-z0-9_-]/g, '_');
  return [kind, safeCode, range.from, range.to].filter(Boolean).join('-') + `.${extension}`;
}

export async function ledgerRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const db = deps.db.kysely;

  app.get('/api/v1/contacts/:id/ledger', {
    config: { permission: 'ledger.view' },
    schema: {
      tags: ['ledger'],
      summary: 'Read a page of the contact’s ledger with its running balance',
      params: idParams,
      querystring: ledgerQuery,
      response: { 200: ledgerView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const contact = await visibleContact(db, actor, request.params.id);
    const { currency } = await loadBusiness(db, actor.businessId);
    const { locationId, ...query } = request.query;
    if (locationId) await locationOf(db, actor.businessId, locationId);
    const page = await readLedgerPage(db, { businessId: actor.businessId, contactId: contact.id, locationId: locationId ?? null }, query);
    return {
      contactId: contact.id,
      currency,
      openingBalance: formatDecimal(page.openingBalance, currency),
      closingBalance: formatDecimal(page.closingBalance, currency),
      items: page.items.map((line) => ledgerLineJson(line, currency)),
      nextCursor: page.nextCursor,
    };
  });

  app.get('/api/v1/contacts/:id/ledger/summary', {
    config: { permission: 'ledger.view' },
    schema: {
      tags: ['ledger'],
      summary: 'Totals of a ledger range by entry type, with the balances before and after it',
      params: idParams,
      querystring: exportQuery,
      response: { 200: summaryView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const contact = await visibleContact(db, actor, request.params.id);
    const { currency } = await loadBusiness(db, actor.businessId);
    const { locationId, ...range } = request.query;
    if (locationId) await locationOf(db, actor.businessId, locationId);
    const summary = await ledgerSummary(db, { businessId: actor.businessId, contactId: contact.id, locationId: locationId ?? null }, range);
    return {
      openingBalance: formatDecimal(summary.openingBalance, currency),
      closingBalance: formatDecimal(summary.closingBalance, currency),
      byType: summary.byType.map((row) => ({
        type: row.type,
        debit: formatDecimal(row.debit, currency),
        credit: formatDecimal(row.credit, currency),
        count: row.count,
      })),
    };
  });

  app.get('/api/v1/contacts/:id/ledger.csv', {
    config: { permission: 'ledger.view' },
    schema: { tags: ['ledger'], summary: 'Export the contact’s ledger as CSV in the caller’s language', params: idParams, querystring: exportQuery },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const contact = await visibleContact(db, actor, request.params.id);
    if (request.query.locationId) await locationOf(db, actor.businessId, request.query.locationId);
    const body = await ledgerCsv(db, contact, request.query, actor.locale);
    const name = fileName(actor.locale === 'fr' ? 'grand-livre' : 'ledger', contact.code, request.query, 'csv');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(body);
  });

  app.get('/api/v1/contacts/:id/ledger.xlsx', {
    config: { permission: 'ledger.view' },
    schema: { tags: ['ledger'], summary: 'Export the contact’s ledger as an Excel workbook', params: idParams, querystring: exportQuery },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const contact = await visibleContact(db, actor, request.params.id);
    if (request.query.locationId) await locationOf(db, actor.businessId, request.query.locationId);
    const body = await ledgerXlsx(db, contact, request.query, actor.locale);
    const name = fileName(actor.locale === 'fr' ? 'grand-livre' : 'ledger', contact.code, request.query, 'xlsx');
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(body);
  });

  app.get('/api/v1/contacts/:id/statement.pdf', {
    config: { permission: 'ledger.view' },
    schema: {
      tags: ['ledger'],
      summary: 'Statement of account as PDF, with aging, in the caller’s language, of one location or all',
      params: idParams,
      querystring: exportQuery,
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const contact = await visibleContact(db, actor, request.params.id);
    const { locationId, ...range } = request.query;
    const location = locationId ? await locationOf(db, actor.businessId, locationId) : null;
    const body = await renderStatement(db, contact, range, actor.locale, location);
    const name = fileName(actor.locale === 'fr' ? 'releve' : 'statement', contact.code, request.query, 'pdf');
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(body);
  });

  app.get('/api/v1/contacts/:id/account', {
    config: { permission: 'ledger.view' },
    schema: {
      tags: ['ledger'],
      summary: 'Read the contact’s balance, receivable, payable, advance, overdue and available credit',
      params: idParams,
      response: { 200: accountView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return readAccount(db, await visibleContact(db, actor, request.params.id));
  });

  app.get('/api/v1/contacts/:id/open-items', {
    config: { permission: 'ledger.view' },
    schema: {
      tags: ['ledger'],
      summary: 'List the contact’s open items, oldest due date first',
      params: idParams,
      response: { 200: z.object({ items: z.array(openItemView) }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return { items: await listOpenItems(db, await visibleContact(db, actor, request.params.id)) };
  });

  app.get('/api/v1/contacts/:id/balance-history', {
    config: { permission: 'ledger.view' },
    schema: {
      tags: ['ledger'],
      summary: 'The contact’s balance at the end of each day its ledger changed',
      params: idParams,
      querystring: rangeQuery,
      response: { 200: z.object({ openingBalance: money, points: z.array(z.object({ date: z.string(), balance: money })) }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const contact = await visibleContact(db, actor, request.params.id);
    const { currency } = await loadBusiness(db, actor.businessId);
    return balanceHistory(db, { businessId: actor.businessId, contactId: contact.id }, request.query, currency);
  });

  app.post('/api/v1/contacts/:id/discounts', {
    config: { permission: 'ledger.discount' },
    schema: {
      tags: ['ledger'],
      summary: 'Write off part of what is due with a manual discount and its reason',
      params: idParams,
      body: discountInput,
      response: { 201: discountView },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const discount = await inTransaction(deps.db, (trx) => recordDiscount(trx, actor, request.params.id, request.body));
    return reply.status(201).send(discount);
  });

  app.post('/api/v1/contacts/:id/discounts/:discountId/reverse', {
    config: { permission: 'ledger.discount' },
    schema: {
      tags: ['ledger'],
      summary: 'Reverse a manual discount: what it wrote off is due again',
      params: discountParams,
      body: reverseDiscountInput,
      response: { 200: reversedDiscountView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { id, discountId } = request.params;
    return inTransaction(deps.db, (trx) => reverseDiscount(trx, actor, id, discountId, request.body));
  });

  app.get('/api/v1/dashboard/receivables', {
    config: { permission: 'ledger.view' },
    schema: {
      tags: ['ledger'],
      summary: 'Receivables and payables: totals, aging, overdue documents and largest balances',
      response: { 200: dashboardView },
    },
  }, async (request) => receivablesDashboard(db, actorOf(request)));
}
