import type { Kysely } from 'kysely';
import type { Executor } from '../database.ts';
import { netAllAccounts } from '../../ledger/net-all-accounts.ts';

/**
 * Nets the accounts written before postings applied a contact's credits to
 * its debts, so that they read as if each had just had a posting: no
 * contact keeps both an open debt and an open credit of the same side of
 * its business with the shop. Ledger entries stay as they are.
 */
export function netOldAccounts() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await netAllAccounts(db as Executor);
    },
  };
}
