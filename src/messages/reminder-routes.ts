/** HTTP routes of reminder levels, reminder runs and disputed items. */
import { z } from 'zod';
import { requireAuth } from '../auth/context.ts';
import { requirePermission } from '../auth/permissions.ts';
import { isIsoDate, todayIn } from '../ledger/dates.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { IssueList } from '../shared/errors.ts';
import { disputeInput, disputeView, setDispute } from './dispute-item.ts';
import { wakeMessageJobs } from './jobs.ts';
import { loadLevel, loadLevels, reminderLevelInput, reminderLevelView } from './reminder-levels.ts';
import { runOutbox } from './run-outbox.ts';
import { runReminders } from './run-reminders.ts';
import { createReminderLevel, deleteReminderLevel, updateReminderLevel } from './save-reminder-level.ts';

const tags = ['messages'];
const idParams = z.object({ id: z.string().min(1).max(64) });

const runInput = z.object({
  date: z.string().optional().describe('business-local day to run for (YYYY-MM-DD); default today'),
  send: z.boolean().default(false).describe('also send this business’s due messages now'),
});

const runResult = z.object({
  runDate: z.string(),
  contacts: z.number(),
  messages: z.number(),
  heldContacts: z.number(),
  sent: z.number().nullable(),
  failed: z.number().nullable(),
});

export async function reminderRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const { db } = deps;

  app.get('/api/v1/reminder-levels', {
    config: { permission: 'message.settings' },
    schema: {
      tags,
      summary: 'List reminder levels, earliest first',
      response: { 200: z.object({ items: z.array(reminderLevelView), nextCursor: z.null() }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return { items: await loadLevels(db.kysely, auth.businessId), nextCursor: null };
  });

  app.post('/api/v1/reminder-levels', {
    config: { permission: 'message.settings' },
    schema: {
      tags,
      summary: 'Add a reminder level',
      description: 'timing before_due or after_due with days (1 to 365), or on_due; templateId names a payment_reminder template.',
      body: reminderLevelInput,
      response: { 201: reminderLevelView },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return reply.status(201).send(await createReminderLevel(db, auth, request.body));
  });

  app.get('/api/v1/reminder-levels/:id', {
    config: { permission: 'message.settings' },
    schema: { tags, summary: 'Read a reminder level', params: idParams, response: { 200: reminderLevelView } },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return loadLevel(db.kysely, auth.businessId, request.params.id);
  });

  app.put('/api/v1/reminder-levels/:id', {
    config: { permission: 'message.settings' },
    schema: { tags, summary: 'Replace a reminder level', params: idParams, body: reminderLevelInput, response: { 200: reminderLevelView } },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return updateReminderLevel(db, auth, request.params.id, request.body);
  });

  app.delete('/api/v1/reminder-levels/:id', {
    config: { permission: 'message.settings' },
    schema: { tags, summary: 'Delete a reminder level', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    await deleteReminderLevel(db, auth, request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/reminders/run', {
    config: { permission: 'message.settings' },
    schema: {
      tags,
      summary: 'Run the reminders of a day now',
      description: 'Queues the reminders due on that day; running a day again queues nothing already queued.',
      body: runInput,
      response: { 200: runResult },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    const business = await db.kysely.selectFrom('businesses').where('id', '=', auth.businessId).select('timezone').executeTakeFirstOrThrow();
    const date = request.body.date ?? todayIn(business.timezone);
    const issues = new IssueList();
    if (!isIsoDate(date)) issues.add('date', 'invalid_date', { value: date });
    issues.throwIfAny();
    const result = await runReminders(db, auth.businessId, date);
    const sent = request.body.send ? await runOutbox(db, { businessId: auth.businessId }) : null;
    if (!sent) wakeMessageJobs();
    return { ...result, sent: sent?.sent ?? null, failed: sent?.failed ?? null };
  });

  app.put('/api/v1/open-items/:id/dispute', {
    config: { permission: 'message.send' },
    schema: {
      tags,
      summary: 'Mark an open item disputed, or clear the mark',
      description: 'A disputed item stays in the balance but gets no reminder.',
      params: idParams,
      body: disputeInput,
      response: { 200: disputeView },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.send');
    return setDispute(db, auth, request.params.id, request.body);
  });
}
