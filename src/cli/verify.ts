/**
 * `comptoir verify`: recomputes every contact's figures and open item from
 * the ledger entries and allocations, prints each difference, and exits 1
 * when there is any.
 */
import { openDatabase } from '../db/database.ts';
import { type Difference, verifyLedger } from '../ledger/verify.ts';
import { loadConfig } from '../server/config.ts';
import { counted } from './counted.ts';

export function describeDifference(difference: Difference): string {
  const { businessId, subject, id, field, stored, computed } = difference;
  return `business ${businessId}: ${subject} ${id} ${field} is ${stored}, the ledger gives ${computed}`;
}

/** Runs the check on DATABASE_URL and returns the exit code. */
export async function verifyCommand(): Promise<number> {
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    const report = await verifyLedger(db.kysely);
    for (const difference of report.differences) console.log(describeDifference(difference));
    const scope = `${counted(report.contacts, 'contact')}, ${counted(report.entries, 'ledger entry', 'ledger entries')}, ${counted(report.openItems, 'open item')}`;
    if (report.differences.length === 0) {
      console.log(`checked ${scope}: no difference`);
      return 0;
    }
    console.log(`checked ${scope}: ${counted(report.differences.length, 'difference')}; amounts are in minor units`);
    return 1;
  } finally {
    await db.close();
  }
}
