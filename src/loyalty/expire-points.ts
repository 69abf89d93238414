/**
 * The expiry job: records, for every business, the lots whose date has come
 * (in the business's time zone). Each contact is done in its own
 * transaction under its lock, so a sale redeeming at the same moment never
 * spends an expired point. Running it again on the same day changes nothing.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { todayIn } from '../ledger/dates.ts';
import { jobRuns } from '../ops/metrics.ts';
import { type PeriodicJob, runPeriodically } from '../ops/periodic.ts';
import { expireContactLots } from './lots.ts';

export interface ExpiryRun {
  businesses: number;
  contacts: number;
  points: number;
}

/** Expires due lots of every business; `today` (YYYY-MM-DD) replaces each business's own date when given. */
export async function expireLoyaltyPoints(db: Db, options: { today?: string } = {}): Promise<ExpiryRun> {
  const run: ExpiryRun = { businesses: 0, contacts: 0, points: 0 };
  const businesses = await db.kysely.selectFrom('businesses').select(['id', 'timezone']).execute();
  for (const business of businesses) {
    const today = options.today ?? todayIn(business.timezone);
    const due = await db.kysely
      .selectFrom('loyalty_lots')
      .where('business_id', '=', business.id)
      .where('remaining', '>', 0)
      .where('expires_on', '<=', today)
      .select('contact_id')
      .distinct()
      .execute();
    if (due.length === 0) continue;
    run.businesses += 1;
    for (const { contact_id: contactId } of due) {
      const points = await db.kysely.transaction().execute(async (trx) => {
        await lockContact(trx, business.id, contactId);
        return expireContactLots(trx, business.id, contactId, today);
      });
      if (points > 0) {
        run.contacts += 1;
        run.points += points;
      }
    }
  }
  return run;
}

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Runs the expiry at start and then every hour, so each business's new day
 * is caught soon after its midnight.
 */
export function startLoyaltyExpirySchedule(db: Db, log: FastifyBaseLogger): PeriodicJob {
  const tick = async () => {
    try {
      const run = await expireLoyaltyPoints(db);
      jobRuns.inc({ job: 'loyalty_expiry', outcome: 'ok' });
      if (run.points > 0) log.info(run, 'loyalty points expired');
    } catch (err) {
      jobRuns.inc({ job: 'loyalty_expiry', outcome: 'failed' });
      log.error({ err }, 'loyalty expiry failed');
    }
  };
  return runPeriodically(tick, CHECK_EVERY_MS);
}
