/** HTTP routes of contact search: the picker, the list totals and saved views. */
import { z } from 'zod';
import { requireAuth } from '../../auth/context.ts';
import type { Deps, ZodApp } from '../../server/app.ts';
import { fastSerializerCompiler } from '../../server/fast-serializer.ts';
import { contactTotals } from './contact-totals.ts';
import { contactTotalsQuery } from './list-params.ts';
import { lookupContacts, MAX_LOOKUP_RESULTS } from './lookup-contacts.ts';
import { contactViewRoutes } from './view-routes.ts';
import { integerParameter, queryIssues, reportQueryIssuesInHandler } from '../../server/query-parameters.ts';
import { contactView } from '../../auth/route-permission.ts';

const tags = ['contacts'];

const lookupQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  type: z.enum(['customer', 'supplier', 'both']).optional()
    .describe('customer: customers and both; supplier: suppliers and both'),
  includeInactive: z.enum(['true', 'false']).optional().describe('default false'),
  limit: integerParameter(1, MAX_LOOKUP_RESULTS, MAX_LOOKUP_RESULTS),
});

const lookupItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.string(),
  status: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  loyaltyCardNumber: z.string().nullable(),
  balance: z.string().nullable().describe('null, like the other figures, for a user without ledger.view'),
  availableCredit: z.string().nullable().describe('null when the contact has no credit limit or the user lacks ledger.view'),
  customerGroup: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  points: z.number(),
  matchedOn: z.enum(['code', 'card', 'phone', 'email', 'taxNumber', 'name', 'other']),
});

const totalsJson = z.object({
  count: z.number(),
  receivable: z.string().nullable(),
  payable: z.string().nullable(),
  advance: z.string().nullable(),
});

export async function contactSearchRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const db = deps.db.kysely;

  app.get('/api/v1/contacts/lookup', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'Find contacts as the user types (sale and purchase pickers)',
      description:
        'Up to ten active contacts, best first: exact code, loyalty card, phone, email or tax number, then name ' +
        'words, then other matches. Phones match in any writing and by any run of three digits or more. ' +
        'A code or card matches exactly in any case and with or without its separators (c001 finds C-001), ' +
        'and a name with an apostrophe also matches typed without it (lhote finds L\'Hôte). ' +
        'more: more contacts match than the items returned; type more to narrow the search. ' +
        'truncated: more contacts match than were ranked, so a better match may be missing.',
      querystring: lookupQuery,
      response: { 200: z.object({ items: z.array(lookupItem), more: z.boolean(), truncated: z.boolean() }) },
    },
    serializerCompiler: fastSerializerCompiler,
  }, async (request) => {
    const { q, type, includeInactive, limit } = request.query;
    const auth = requireAuth(request);
    return lookupContacts(db, auth, {
      q,
      limit,
      ...(type ? { type } : {}),
      ...(includeInactive ? { includeInactive: includeInactive === 'true' } : {}),
    }, auth.business);
  });

  app.get('/api/v1/contacts/totals', {
    schema: {
      tags,
      summary: 'Totals of the contacts a list filter keeps',
      description:
        'Count and sums over every contact the filters (the list\'s own parameters) keep, not one page. ' +
        'One 422 names every bad parameter. ' +
        'A user who may view no contact gets 403 naming customer.view, as in the list. ' +
        'The sums are ledger data: a user without ledger.view gets the count with null sums, ' +
        'and 403 naming ledger.view for a filter on the figures, as in the list.',
      querystring: contactTotalsQuery,
      response: { 200: totalsJson },
    },
    serializerCompiler: fastSerializerCompiler,
    ...reportQueryIssuesInHandler,
    config: { ...reportQueryIssuesInHandler.config, permission: contactView },
  }, async (request) => {
    const auth = requireAuth(request);
    return contactTotals(db, auth, request.query, auth.business, queryIssues(request));
  });

  await contactViewRoutes(app, deps);
}
