/** HTTP routes of the contacts: parse, call the use case, reply. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireAuth } from '../auth/context.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { fastSerializerCompiler } from '../server/fast-serializer.ts';
import { issueMessages } from '../server/problems.ts';
import { queryIssues, reportQueryIssuesInHandler } from '../server/query-parameters.ts';
import type { FieldIssue } from '../shared/errors.ts';
import { listActivity } from './activity.ts';
import { anonymiseContact } from './anonymise-contact.ts';
import { readIfMatch, versionTag } from './contact-version.ts';
import { attachmentRoutes } from './attachment-routes.ts';
import { createContact } from './create-contact.ts';
import { deleteContact } from './delete-contact.ts';
import { getContact } from './get-contact.ts';
import { listContacts } from './list-contacts.ts';
import type { ContactListJson } from './list-fields.ts';
import { noteRoutes } from './note-routes.ts';
import { exportPersonalData, personalDataFileName } from './personal-data.ts';
import {
  activityJson,
  contactBody,
  contactJson,
  contactListItem,
  contactWithActivity,
  contactWithWarnings,
  idParams,
  ifMatchHeader,
  listQuery,
  pageOf,
  pageQuery,
  writeQuery,
} from './schemas.ts';
import type { ContactJson } from './serialize.ts';
import { setContactStatus } from './set-status.ts';
import { updateContact } from './update-contact.ts';
import { hideFigures } from './hide-figures.ts';
import { contactCreate, contactDelete, contactUpdate, contactView } from '../auth/route-permission.ts';

const tags = ['contacts'];

/** Writes a list page whose items hold only the fields named by `fields=`. */
const writeSomeFields = fastSerializerCompiler({
  schema: pageOf(contactListItem.partial()).extend({ truncated: z.boolean().optional() }),
});

function withWarnings(request: FastifyRequest, contact: ContactJson, warnings: FieldIssue[]) {
  return { ...hideFigures(requireAuth(request), contact), warnings: issueMessages(warnings, request.locale) };
}

/** Sets the `ETag` of the contact's version on a reply that returns the contact. */
function tagged<T extends { version: number }>(reply: FastifyReply, contact: T): T {
  reply.header('ETag', versionTag(contact.version));
  return contact;
}

export async function contactRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const db = deps.db.kysely;

  app.post('/api/v1/contacts', {
    config: { permission: contactCreate },
    schema: {
      tags,
      summary: 'Create a contact',
      description: 'Duplicate mobile, email or tax number and unreadable phones come back as warnings; with stopOnWarnings=true they stop the write with 409 duplicate_warning. A warning or error about another contact names it only when the caller may view it.',
      querystring: writeQuery,
      body: contactBody,
      response: { 201: contactWithWarnings },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const result = await createContact(db, auth, request.body, { stopOnWarnings: request.query.stopOnWarnings });
    return reply.status(201).send(tagged(reply, withWarnings(request, result.contact, result.warnings)));
  });

  app.get('/api/v1/contacts', {
    schema: {
      tags,
      summary: 'List, filter and search contacts',
      description:
        'type=customer gives customers and both; type=supplier gives suppliers and both. q searches names, code, ' +
        'email, tax number, card and city by word prefix, ignoring case and accents, and phones in any writing. ' +
        'Digits alone also find the tax number of the business country\'s prefix and these digits, and a ' +
        'national company number finds the VAT number that contains it (a SIREN in France, an enterprise number in ' +
        'Belgium, a NIF in Spain, an RSIN in the Netherlands, a UID in Switzerland; see docs/search.md). ' +
        'With q and no sort, the order is relevance over a bounded set of matches (truncated: true when more ' +
        'match); with a sort, every match in that order. order without sort sorts by name, but with q it is ' +
        'rejected with 422 order_without_sort: add sort to order the matches. One 422 names every bad parameter.',
      querystring: listQuery,
      response: { 200: pageOf(contactListItem).extend({ truncated: z.boolean().optional() }) },
    },
    serializerCompiler: fastSerializerCompiler,
    ...reportQueryIssuesInHandler,
    config: { ...reportQueryIssuesInHandler.config, permission: contactView },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const page = await listContacts(db, auth, request.query, auth.business, queryIssues(request));
    // The route's serializer requires every field of an item, so a response
    // of some fields goes through the one for which each field is optional.
    // Fastify sets no content type for a serializer set on the reply.
    if (request.query.fields !== undefined) reply.type('application/json; charset=utf-8').serializer(writeSomeFields);
    const items = page.items.map((contact: Partial<ContactListJson>) => hideFigures(auth, contact));
    return { ...page, items: items as ContactListJson[] };
  });

  app.get('/api/v1/contacts/:id', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'Read a contact',
      description:
        'lastActivity is the day of the latest ledger entry, as in the list, null without any. The ETag header ' +
        'is the contact\'s version in double quotes ("3"): send it back in If-Match with a PATCH.',
      params: idParams,
      response: { 200: contactWithActivity },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    return tagged(reply, hideFigures(auth, await getContact(db, auth, request.params.id)));
  });

  app.patch('/api/v1/contacts/:id', {
    config: { permission: contactUpdate },
    schema: {
      tags,
      summary: 'Change part of a contact',
      description:
        'Absent fields stay; null or "" clears; customFields, payTerm and bankAccount merge key by key. A patch that makes ' +
        'a customer or both a supplier clears the stored loyaltyCardNumber, creditLimit and customerGroupId that it does not ' +
        'set, with a warning for each (supplier_card_cleared, supplier_credit_limit_cleared, supplier_group_cleared) naming ' +
        'the value removed; with stopOnWarnings=true they stop the write with 409 duplicate_warning. One of these fields that ' +
        'the patch sets on a supplier returns 422 customer_field_on_supplier naming that value, a group by its name. A ' +
        'user who may not change a cleared credit limit (credit_limit.override) or group (ledger.discount) gets 403 ' +
        'supplier_credit_limit_forbidden or supplier_group_forbidden naming the value and the permission. ' +
        'With If-Match (the ETag of a read, such as "3"), a contact changed since that read is not written: ' +
        'the answer is 412 contact_changed with currentVersion, changedAt and changedBy ({ id, name } or null). ' +
        'Without If-Match the last write wins. The answer carries the new ETag.',
      params: idParams,
      headers: ifMatchHeader,
      querystring: writeQuery,
      body: contactBody,
      response: { 200: contactWithWarnings },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const result = await updateContact(db, auth, request.params.id, request.body, {
      stopOnWarnings: request.query.stopOnWarnings,
      versionCondition: readIfMatch(request.headers['if-match']),
    });
    return tagged(reply, withWarnings(request, result.contact, result.warnings));
  });

  app.delete('/api/v1/contacts/:id', {
    config: { permission: contactDelete },
    schema: {
      tags,
      summary: 'Delete a contact without history',
      description: 'A contact with ledger entries, documents or payments returns 409 contact_has_history with their count. Deactivate or anonymise it instead.',
      params: idParams,
    },
  }, async (request, reply) => {
    await deleteContact(db, requireAuth(request), request.params.id);
    return reply.status(204).send();
  });

  app.post('/api/v1/contacts/:id/deactivate', {
    config: { permission: contactUpdate },
    schema: {
      tags,
      summary: 'Deactivate a contact',
      description: 'A contact whose balance is not zero is deactivated with a deactivated_with_balance warning.',
      params: idParams,
      response: { 200: contactWithWarnings },
    },
  }, async (request, reply) => {
    const result = await setContactStatus(db, requireAuth(request), request.params.id, 'inactive');
    return tagged(reply, withWarnings(request, result.contact, result.warnings));
  });

  app.post('/api/v1/contacts/:id/reactivate', {
    config: { permission: contactUpdate },
    schema: { tags, summary: 'Reactivate a contact', params: idParams, response: { 200: contactWithWarnings } },
  }, async (request, reply) => {
    const result = await setContactStatus(db, requireAuth(request), request.params.id, 'active');
    return tagged(reply, withWarnings(request, result.contact, result.warnings));
  });

  app.post('/api/v1/contacts/:id/anonymise', {
    config: { permission: contactDelete },
    schema: {
      tags,
      summary: 'Erase the personal data of a contact (GDPR)',
      description: 'Keeps the code, the amounts and the ledger; needs the delete permission of the contact type.',
      params: idParams,
      response: { 200: contactJson },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    return tagged(reply, hideFigures(auth, await anonymiseContact(db, auth, request.params.id)));
  });

  app.get('/api/v1/contacts/:id/personal-data', {
    config: { permission: contactView },
    schema: { tags, summary: 'Download the personal data of a contact (JSON)', params: idParams },
  }, async (request, reply) => {
    const data = await exportPersonalData(db, requireAuth(request), request.params.id);
    return reply
      .header('Content-Disposition', `attachment; filename="${personalDataFileName(data.contact.code)}"`)
      .header('Cache-Control', 'private, no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/api/v1/contacts/:id/activity', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'Activity of a contact, newest first',
      description:
        'changes is [{ field, from, to }] for updated, deactivated, reactivated and message_preferences. ' +
        'Other actions have a detail object: discount { reference, amount (minor units), reason, side }, ' +
        'reverse_discount { reference, amount (minor units), reason, date }, ' +
        'apply_advance { allocations: [{ reference, from, amount (decimal string) }] }, ' +
        'loyalty_adjust { points, reason, balanceBefore, balanceAfter }, reminder_hold { until, reason }, ' +
        'message_send { templateId, templateName (absent from older entries), channels, messageIds }, ' +
        'merge { mergedIds, mergedCodes, mergedNames, moved, fields }. For a user without ledger.view, ' +
        'every amount is null and changes of the opening balance and its date are left out.',
      params: idParams,
      querystring: pageQuery,
      response: { 200: pageOf(activityJson) },
    },
  }, async (request) => listActivity(db, requireAuth(request), request.params.id, request.query));

  await noteRoutes(app, deps);
  await attachmentRoutes(app, deps);
}
