/**
 * Nets every account that shows both a debt and a credit that the netting
 * rule pairs (net-items.ts). Postings net their contact as they write, so
 * only accounts written before the rule existed need this. It adds
 * allocations and moves the cached figures, and it writes no ledger entry.
 */
import type { Executor } from '../db/database.ts';
import { lockContact } from './contact-lock.ts';
import { netOpenItems, nettingFamilies } from './net-items.ts';

export interface NettingRun {
  /** Contacts that had an item to net. */
  contacts: number;
  /** Minor units settled, summed over every contact. */
  applied: number;
}

/**
 * Nets each contact with an open debit and an open credit of one netting
 * family, one contact after the other under its lock, as a posting would.
 * Allocations are recorded with no user. Runs in the caller's transaction
 * when it gets one, in a transaction of its own otherwise.
 */
export async function netAllAccounts(db: Executor): Promise<NettingRun> {
  if (!db.isTransaction) return db.transaction().execute((trx) => netAllAccounts(trx));

  const run: NettingRun = { contacts: 0, applied: 0 };
  for (const { businessId, contactId } of await contactsToNet(db)) {
    await lockContact(db, businessId, contactId);
    const applied = await netOpenItems(db, businessId, contactId, null);
    if (applied > 0) {
      run.contacts += 1;
      run.applied += applied;
    }
  }
  return run;
}

async function contactsToNet(db: Executor): Promise<{ businessId: string; contactId: string }[]> {
  const seen = new Set<string>();
  const found: { businessId: string; contactId: string }[] = [];
  for (const family of nettingFamilies) {
    const rows = await db
      .selectFrom('open_items as debit')
      .where('debit.status', '=', 'open')
      .where('debit.side', '=', 'debit')
      .where('debit.kind', 'in', family.debit)
      .where('debit.open_amount', '>', 0)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('open_items as credit')
            .whereRef('credit.business_id', '=', 'debit.business_id')
            .whereRef('credit.contact_id', '=', 'debit.contact_id')
            .where('credit.status', '=', 'open')
            .where('credit.side', '=', 'credit')
            .where('credit.kind', 'in', family.credit)
            .where('credit.open_amount', '>', 0)
            .select('credit.id'),
        ),
      )
      .select(['debit.business_id', 'debit.contact_id'])
      .distinct()
      .orderBy('debit.business_id')
      .orderBy('debit.contact_id')
      .execute();
    for (const row of rows) {
      if (seen.has(row.contact_id)) continue;
      seen.add(row.contact_id);
      found.push({ businessId: row.business_id, contactId: row.contact_id });
    }
  }
  // One order for every run, so two runs lock contacts in the same sequence.
  return found.sort((a, b) => a.businessId.localeCompare(b.businessId) || a.contactId.localeCompare(b.contactId));
}
