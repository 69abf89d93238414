/** The set-based reads of a reminder run: one query per kind of fact, not per contact. */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { addDays } from '../ledger/dates.ts';

export interface CandidateItem {
  id: string;
  contactId: string;
  reference: string;
  date: string;
  dueDate: string;
  amount: number;
  openAmount: number;
}

/** Bound parameters per IN list: under both engines' limits. */
const IN_CHUNK = 1000;

/** Open, undisputed debit items of `kinds` due on or before `maxDueDate`, of contacts who owe overall. */
export function candidateItemsQuery(
  db: Executor,
  businessId: string,
  maxDueDate: string,
  kinds: readonly string[],
) {
  return db
    .selectFrom('open_items')
    .where('open_items.business_id', '=', businessId)
    .where('open_items.status', '=', 'open')
    .where('open_items.side', '=', 'debit')
    .where('open_items.open_amount', '>', 0)
    .where('open_items.disputed_at', 'is', null)
    .where('open_items.kind', 'in', [...kinds])
    .where('open_items.due_date', '<=', maxDueDate)
    // A contact who is square or in credit overall (a `both` contact whose
    // purchases outweigh its sales) is not chased. This is a join because
    // SQLite runs the same EXISTS as a scan of the balance index per item.
    .innerJoin('contacts', (join) =>
      join
        .onRef('contacts.id', '=', 'open_items.contact_id')
        .on('contacts.business_id', '=', businessId)
        .on('contacts.balance', '>', 0),
    );
}

/** Open, undisputed debit items of `kinds` due on or before `maxDueDate`, oldest first per contact. */
export async function loadCandidateItems(
  db: Executor,
  businessId: string,
  maxDueDate: string,
  kinds: readonly string[],
): Promise<CandidateItem[]> {
  const rows = await candidateItemsQuery(db, businessId, maxDueDate, kinds)
    .select([
      'open_items.id',
      'open_items.contact_id',
      'open_items.reference',
      'open_items.date',
      'open_items.due_date',
      'open_items.amount',
      'open_items.open_amount',
    ])
    .orderBy('open_items.contact_id')
    .orderBy('open_items.due_date')
    .orderBy('open_items.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    contactId: row.contact_id,
    reference: row.reference,
    date: row.date,
    dueDate: row.due_date,
    amount: row.amount,
    openAmount: row.open_amount,
  }));
}

/** Reads the levels already recorded for each candidate item. */
export async function loadLoggedLevels(
  db: Executor,
  businessId: string,
  maxDueDate: string,
  kinds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const rows = await candidateItemsQuery(db, businessId, maxDueDate, kinds)
    .innerJoin('reminder_items', (join) =>
      join
        .onRef('reminder_items.open_item_id', '=', 'open_items.id')
        .on('reminder_items.business_id', '=', businessId),
    )
    .select(['reminder_items.open_item_id', 'reminder_items.level_id'])
    .execute();
  const logged = new Map<string, Set<string>>();
  for (const row of rows) {
    const levels = logged.get(row.open_item_id) ?? new Set<string>();
    levels.add(row.level_id);
    logged.set(row.open_item_id, levels);
  }
  return logged;
}

/** Contacts whose hold covers `runDate`. */
export async function loadHeldContacts(db: Executor, businessId: string, runDate: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reminder_holds')
    .where('business_id', '=', businessId)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', runDate)]))
    .select('contact_id')
    .execute();
  return new Set(rows.map((r) => r.contact_id));
}

export async function loadContactsById(db: Executor, businessId: string, ids: string[]) {
  const contacts = new Map<
    string,
    {
      id: string;
      name: string;
      first_name: string | null;
      last_name: string | null;
      business_name: string | null;
      code: string;
      email: string | null;
      mobile: string;
      mobile_e164: string | null;
      custom_fields: string;
      language: string | null;
      anonymised_at: string | null;
    }
  >();
  for (let start = 0; start < ids.length; start += IN_CHUNK) {
    const rows = await db
      .selectFrom('contacts')
      .where('business_id', '=', businessId)
      .where('id', 'in', ids.slice(start, start + IN_CHUNK))
      .select([
        'id',
        'name',
        'first_name',
        'last_name',
        'business_name',
        'code',
        'email',
        'mobile',
        'mobile_e164',
        'custom_fields',
        'language',
        'anonymised_at',
      ])
      .execute();
    for (const row of rows) contacts.set(row.id, { ...row, language: row.language ?? null });
  }
  return contacts;
}

/**
 * Reads each contact's ledger balance at the end of `date` from the month
 * and day totals. Entries dated later (a post-dated payment) are left out,
 * as in the statement's closing balance.
 */
export async function loadBalancesAtEndOf(db: Executor, businessId: string, contactIds: string[], date: string): Promise<Map<string, number>> {
  const next = addDays(date, 1);
  const month = next.slice(0, 7);
  const balances = new Map<string, number>();
  for (let start = 0; start < contactIds.length; start += IN_CHUNK) {
    const rows = await db
      .selectFrom('ledger_totals')
      .where('business_id', '=', businessId)
      .where('contact_id', 'in', contactIds.slice(start, start + IN_CHUNK))
      .where((eb) =>
        eb.or([
          eb.and([eb('granularity', '=', 'month'), eb('period', '<', month)]),
          eb.and([eb('granularity', '=', 'day'), eb('period', '>=', `${month}-01`), eb('period', '<', next)]),
        ]),
      )
      .groupBy('contact_id')
      .select(['contact_id', sql<number>`cast(sum(debit - credit) as bigint)`.as('balance')])
      .execute();
    for (const row of rows) balances.set(row.contact_id, Number(row.balance));
  }
  return balances;
}

/** Open debit and credit totals per contact, from the open items themselves. */
export async function loadOpenSums(
  db: Executor,
  businessId: string,
  contactIds: string[],
): Promise<Map<string, { debits: number; credits: number }>> {
  const sums = new Map<string, { debits: number; credits: number }>();
  for (let start = 0; start < contactIds.length; start += IN_CHUNK) {
    const rows = await db
      .selectFrom('open_items')
      .where('business_id', '=', businessId)
      .where('status', '=', 'open')
      .where('contact_id', 'in', contactIds.slice(start, start + IN_CHUNK))
      .groupBy(['contact_id', 'side'])
      .select(['contact_id', 'side', sql<number>`cast(sum(open_amount) as bigint)`.as('total')])
      .execute();
    for (const row of rows) {
      const sum = sums.get(row.contact_id) ?? { debits: 0, credits: 0 };
      if (row.side === 'debit') sum.debits += Number(row.total);
      else sum.credits += Number(row.total);
      sums.set(row.contact_id, sum);
    }
  }
  return sums;
}
