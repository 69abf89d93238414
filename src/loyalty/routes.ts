/** Loyalty settings, a contact's points, adjustments and the card lookup. */
import { sql } from 'kysely';
import { z } from 'zod';
import { requireAuth } from '../auth/context.ts';
import { getContact } from '../contacts/get-contact.ts';
import { contactJson } from '../contacts/schemas.ts';
import { cardKeysToLookUp } from '../contacts/search/search-terms.ts';
import { cardKeyExpression } from '../db/migrations/0008_contact_duplicates.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { actorOf } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { inTransaction } from '../ledger/http.ts';
import { notFound } from '../shared/errors.ts';
import { adjustPoints } from './adjust-points.ts';
import { readContactLoyalty } from './contact-loyalty.ts';
import { adjustmentInput, contactLoyaltyView, settingsInput, settingsView } from './schemas.ts';
import { loadSettings, settingsView as viewOf } from './settings.ts';
import { updateLoyaltySettings } from './update-settings.ts';
import { contactView } from '../auth/route-permission.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });
const cardParams = z.object({ number: z.string().trim().min(1).max(40) });

export async function loyaltyRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const db = deps.db.kysely;
  const tags = ['loyalty'];

  app.get('/api/v1/loyalty/settings', {
    schema: { tags, summary: 'Read the loyalty settings (defaults, switched off, until saved)', response: { 200: settingsView } },
  }, async (request) => {
    const actor = actorOf(request);
    const business = await loadBusiness(db, actor.businessId);
    return viewOf(await loadSettings(db, actor.businessId, business.currency), business.currency);
  });

  app.put('/api/v1/loyalty/settings', {
    config: { permission: 'loyalty.settings' },
    schema: { tags, summary: 'Save the loyalty settings (permission loyalty.settings); fields left out keep their value', body: settingsInput, response: { 200: settingsView } },
  }, async (request) => {
    const actor = actorOf(request);
    return inTransaction(deps.db, (trx) => updateLoyaltySettings(trx, actor, request.body));
  });

  app.get('/api/v1/contacts/:id/loyalty', {
    config: { permission: contactView },
    schema: { tags, summary: 'A contact’s usable points, lots with points left, and history (newest first)', params: idParams, response: { 200: contactLoyaltyView } },
  }, async (request) => readContactLoyalty(db, actorOf(request), request.params.id));

  app.post('/api/v1/contacts/:id/loyalty/adjustments', {
    config: { permission: 'loyalty.adjust' },
    schema: {
      tags,
      summary: 'Add or remove points by hand, with a reason (permission loyalty.adjust); kept in the audit log',
      params: idParams,
      body: adjustmentInput,
      response: { 201: contactLoyaltyView },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await inTransaction(deps.db, (trx) => adjustPoints(trx, actor, request.params.id, request.body));
    return reply.status(201).send(await readContactLoyalty(db, actor, request.params.id));
  });

  app.get('/api/v1/contacts/by-card/:number', {
    config: { permission: contactView },
    schema: { tags: ['contacts', ...tags], summary: 'Find the contact holding a loyalty card number (case, spaces, dashes and dots ignored)', params: cardParams, response: { 200: contactJson } },
  }, async (request) => {
    const auth = requireAuth(request);
    const { number } = request.params;
    const cardKeys = cardKeysToLookUp(number);
    // A database may hold two writings of one card from before cards were
    // compared by key. The number as typed then wins, then the oldest id.
    const row = cardKeys.length === 0 ? undefined : await db
      .selectFrom('contacts')
      .where('business_id', '=', auth.businessId)
      .where(sql.raw<string>(cardKeyExpression), 'in', cardKeys)
      .select('id')
      .orderBy(sql`case when loyalty_card_number = ${number} then 0 else 1 end`)
      .orderBy('id')
      .executeTakeFirst();
    if (!row) throw notFound('loyalty card');
    return getContact(db, auth, row.id);
  });
}
