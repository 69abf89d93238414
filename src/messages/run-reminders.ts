/**
 * The reminder run of one business for one business-local day.
 *
 * An open sale or opening balance reaches a level on `due date + offset`.
 * Each item goes to the latest level it has reached, once: `reminder_items`
 * records it, and earlier levels it skipped are recorded as skipped. Each
 * contact gets one message per level and channel, listing every open item
 * at that level, with the amount due after the contact's advances. Nothing
 * is sent for paid, disputed or advance-covered items, for contacts on hold,
 * or on refused channels. Running the same day again queues nothing new:
 * the items are recorded, and each message's dedupe key contains the level,
 * contact and day.
 */
import type { Db } from '../db/database.ts';
import { addDays } from '../ledger/dates.ts';
import { nowIso } from '../shared/ids.ts';
import type { Channel, MessageLocale } from './catalogue.ts';
import { composeMessages } from './compose.ts';
import { enqueueMessages, type NewMessage } from './enqueue.ts';
import { addressOf, contactFactsOf, localeOf } from './facts.ts';
import { notBefore } from './quiet-hours.ts';
import { refusalsOf } from './recipients.ts';
import { loadLevels, type ReminderLevel } from './reminder-levels.ts';
import {
  type CandidateItem,
  loadBalancesAtEndOf,
  loadCandidateItems,
  loadContactsById,
  loadHeldContacts,
  loadLoggedLevels,
  loadOpenSums,
} from './reminder-queries.ts';
import { enabledChannels, loadMessageSettings } from './settings.ts';
import { loadTemplates, type Template } from './templates.ts';
import type { MessageFacts, OpenItemLine } from './values.ts';

/** Contacts written per transaction: bounds memory and the length of each write. */
const CONTACTS_PER_CHUNK = 2000;

/** Item kinds a customer is reminded of. */
export const remindedKinds = ['sale', 'opening_balance'] as const;

export interface ReminderRunResult {
  businessId: string;
  runDate: string;
  contacts: number;
  messages: number;
  heldContacts: number;
}

interface LevelGroup {
  level: ReminderLevel;
  items: CandidateItem[];
  /** At least one item reaches this level for the first time. */
  hasNew: boolean;
}

export async function runReminders(
  db: Db,
  businessId: string,
  runDate: string,
  options: { now?: Date } = {},
): Promise<ReminderRunResult> {
  const now = options.now ?? new Date();
  const result: ReminderRunResult = { businessId, runDate, contacts: 0, messages: 0, heldContacts: 0 };
  const settings = await loadMessageSettings(db.kysely, businessId);
  const levels = settings.remindersEnabled ? await loadLevels(db.kysely, businessId, true) : [];
  await startRun(db, businessId, runDate);
  if (levels.length === 0) return finishRun(db, result);

  const earliest = levels[0];
  if (!earliest) return finishRun(db, result);
  const items = await loadCandidateItems(db.kysely, businessId, addDays(runDate, -earliest.offsetDays), remindedKinds);
  const logged = await loadLoggedLevels(db.kysely, businessId, addDays(runDate, -earliest.offsetDays), remindedKinds);
  const held = await loadHeldContacts(db.kysely, businessId, runDate);

  const byContact = new Map<string, CandidateItem[]>();
  for (const item of items) {
    if (held.has(item.contactId)) continue;
    const list = byContact.get(item.contactId) ?? [];
    list.push(item);
    byContact.set(item.contactId, list);
  }
  result.heldContacts = new Set(items.filter((i) => held.has(i.contactId)).map((i) => i.contactId)).size;

  // Only contacts with an item reaching a level for the first time get a
  // message, so only their rows are read.
  const contactIds = [...byContact.entries()]
    .filter(([, list]) => groupByLevel(list, levels, logged, runDate).some((group) => group.hasNew))
    .map(([contactId]) => contactId);
  const shared = await loadSharedFacts(db, businessId, levels, now);
  for (let start = 0; start < contactIds.length; start += CONTACTS_PER_CHUNK) {
    const chunk = contactIds.slice(start, start + CONTACTS_PER_CHUNK);
    const queued = await remindChunk(db, shared, chunk, byContact, logged, runDate);
    result.contacts += queued.contacts;
    result.messages += queued.messages;
  }
  return finishRun(db, result);
}

async function startRun(db: Db, businessId: string, runDate: string): Promise<void> {
  await db.kysely
    .insertInto('reminder_runs')
    .values({ business_id: businessId, run_date: runDate, started_at: nowIso(), finished_at: null, messages: 0 })
    .onConflict((oc) => oc.columns(['business_id', 'run_date']).doUpdateSet({ started_at: nowIso(), finished_at: null }))
    .execute();
}

async function finishRun(db: Db, result: ReminderRunResult): Promise<ReminderRunResult> {
  await db.kysely
    .updateTable('reminder_runs')
    .set((eb) => ({ finished_at: nowIso(), messages: eb('messages', '+', result.messages) }))
    .where('business_id', '=', result.businessId)
    .where('run_date', '=', result.runDate)
    .execute();
  return result;
}

interface SharedFacts {
  businessId: string;
  businessName: string;
  currency: string;
  country: string;
  businessLocale: MessageLocale;
  mainLocation: MessageFacts['mainLocation'];
  templates: Map<string, Template>;
  enabled: Set<Channel>;
  refusals: Map<string, Map<Channel, string>>;
  notBefore: string;
  levels: ReminderLevel[];
}

async function loadSharedFacts(db: Db, businessId: string, levels: ReminderLevel[], now: Date): Promise<SharedFacts> {
  const business = await db.kysely
    .selectFrom('businesses')
    .where('id', '=', businessId)
    .select(['name', 'currency', 'country', 'locale', 'timezone'])
    .executeTakeFirstOrThrow();
  const main = await db.kysely
    .selectFrom('locations')
    .where('business_id', '=', businessId)
    .orderBy('created_at')
    .orderBy('id')
    .selectAll()
    .executeTakeFirst();
  const templates = await loadTemplates(db.kysely, businessId, [...new Set(levels.map((l) => l.templateId))]);
  const settings = await loadMessageSettings(db.kysely, businessId);
  return {
    businessId,
    businessName: business.name,
    currency: business.currency,
    country: business.country,
    businessLocale: localeOf(business.locale, 'fr'),
    mainLocation: addressOf(main, business.name),
    templates: new Map(templates.map((t) => [t.id, t])),
    enabled: await enabledChannels(db.kysely, businessId),
    refusals: await refusalsOf(db.kysely, businessId),
    notBefore: notBefore(now, business.timezone, settings.quietHours).toISOString(),
    levels,
  };
}

/**
 * Groups a contact's items by the latest level each has reached on
 * `runDate`. Items whose latest level is already recorded stay listed but
 * do not trigger a message by themselves.
 */
export function groupByLevel(
  items: CandidateItem[],
  levels: ReminderLevel[],
  logged: Map<string, Set<string>>,
  runDate: string,
): LevelGroup[] {
  const groups = new Map<string, LevelGroup>();
  for (const item of items) {
    let reached: ReminderLevel | undefined;
    for (const level of levels) {
      if (addDays(item.dueDate, level.offsetDays) <= runDate) reached = level;
    }
    if (!reached) continue;
    const group = groups.get(reached.id) ?? { level: reached, items: [], hasNew: false };
    group.items.push(item);
    if (!logged.get(item.id)?.has(reached.id)) group.hasNew = true;
    groups.set(reached.id, group);
  }
  // Latest levels first: they hold the oldest items, which the advances settle first.
  return [...groups.values()].sort((a, b) => b.level.offsetDays - a.level.offsetDays);
}

async function remindChunk(
  db: Db,
  shared: SharedFacts,
  contactIds: string[],
  byContact: Map<string, CandidateItem[]>,
  logged: Map<string, Set<string>>,
  runDate: string,
): Promise<{ contacts: number; messages: number }> {
  // The reads are independent, so PostgreSQL runs them on pooled connections at once.
  const [contacts, sums, balances] = await Promise.all([
    loadContactsById(db.kysely, shared.businessId, contactIds),
    loadOpenSums(db.kysely, shared.businessId, contactIds),
    loadBalancesAtEndOf(db.kysely, shared.businessId, contactIds, runDate),
  ]);
  const messages: NewMessage[] = [];
  const records: { levelId: string; item: CandidateItem; outcome: 'queued' | 'skipped' }[] = [];
  let reminded = 0;

  for (const contactId of contactIds) {
    const contact = contacts.get(contactId);
    if (!contact || contact.anonymised_at) continue;
    const sum = sums.get(contactId) ?? { debits: 0, credits: 0 };
    let creditsLeft = sum.credits;
    let queuedForContact = false;
    for (const group of groupByLevel(byContact.get(contactId) ?? [], shared.levels, logged, runDate)) {
      const listed = group.items.reduce((total, item) => total + item.openAmount, 0);
      const used = Math.min(creditsLeft, listed);
      creditsLeft -= used;
      const due = listed - used;
      if (!group.hasNew || due <= 0) continue;

      const template = shared.templates.get(group.level.templateId) ?? null;
      const facts = reminderFacts(shared, contact, group.items, balances.get(contactId) ?? 0, due, runDate);
      const composed = composeMessages({
        businessId: shared.businessId,
        contact,
        country: shared.country,
        businessLocale: shared.businessLocale,
        facts,
        template,
        channels: group.level.channels,
        refusals: shared.refusals.get(contactId),
        enabled: shared.enabled,
        origin: 'reminder',
        sourceType: 'reminder_level',
        sourceId: group.level.id,
        dedupePrefix: `reminder:${group.level.id}:${contactId}:${runDate}`,
        notBefore: shared.notBefore,
      });
      if (composed.messages.length === 0) continue;
      messages.push(...composed.messages);
      queuedForContact = true;
      for (const item of group.items) {
        if (logged.get(item.id)?.has(group.level.id)) continue;
        records.push({ levelId: group.level.id, item, outcome: 'queued' });
        for (const earlier of shared.levels) {
          if (earlier.offsetDays < group.level.offsetDays && !logged.get(item.id)?.has(earlier.id)) {
            records.push({ levelId: earlier.id, item, outcome: 'skipped' });
          }
        }
      }
    }
    if (queuedForContact) reminded += 1;
  }

  const stored = await db.kysely.transaction().execute(async (trx) => {
    const ids = await enqueueMessages(trx, messages);
    await recordItems(trx, shared.businessId, records, runDate);
    return ids.length;
  });
  return { contacts: reminded, messages: stored };
}

function reminderFacts(
  shared: SharedFacts,
  contact: Parameters<typeof contactFactsOf>[0] & { language?: string | null },
  items: CandidateItem[],
  balance: number,
  due: number,
  runDate: string,
): MessageFacts {
  const oldest = items[0];
  const lines: OpenItemLine[] = items.map((item) => ({
    id: item.id,
    reference: item.reference,
    date: item.date,
    dueDate: item.dueDate,
    openAmount: item.openAmount,
  }));
  return {
    locale: localeOf(contact.language, shared.businessLocale),
    currency: shared.currency,
    today: runDate,
    businessName: shared.businessName,
    mainLocation: shared.mainLocation,
    location: shared.mainLocation,
    contact: contactFactsOf(contact),
    document: oldest
      ? {
          number: oldest.reference,
          date: oldest.date,
          total: oldest.amount,
          paid: oldest.amount - oldest.openAmount,
          due: oldest.openAmount,
          dueDate: oldest.dueDate,
        }
      : undefined,
    account: { netDue: balance, items: lines, itemsDue: due },
  };
}

async function recordItems(
  trx: Parameters<typeof enqueueMessages>[0],
  businessId: string,
  records: { levelId: string; item: CandidateItem; outcome: 'queued' | 'skipped' }[],
  runDate: string,
): Promise<void> {
  const created = nowIso();
  for (let start = 0; start < records.length; start += 1000) {
    const rows = records.slice(start, start + 1000).map((r) => ({
      business_id: businessId,
      level_id: r.levelId,
      open_item_id: r.item.id,
      contact_id: r.item.contactId,
      run_date: runDate,
      outcome: r.outcome,
      created_at: created,
    }));
    await trx
      .insertInto('reminder_items')
      .values(rows)
      .onConflict((oc) => oc.columns(['business_id', 'open_item_id', 'level_id']).doNothing())
      .execute();
  }
}
