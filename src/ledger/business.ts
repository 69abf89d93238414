import type { Executor } from '../db/database.ts';
import { notFound } from '../shared/errors.ts';
import { todayIn } from './dates.ts';

export interface BusinessSettings {
  id: string;
  currency: string;
  timezone: string;
  locale: string;
  name: string;
  creditLimitPolicy: 'block' | 'warn';
}

export async function loadBusiness(db: Executor, businessId: string): Promise<BusinessSettings> {
  const row = await db
    .selectFrom('businesses')
    .where('id', '=', businessId)
    .select(['id', 'currency', 'timezone', 'locale', 'name', 'credit_limit_policy'])
    .executeTakeFirst();
  if (!row) throw notFound('business');
  return {
    id: row.id,
    currency: row.currency,
    timezone: row.timezone,
    locale: row.locale,
    name: row.name,
    creditLimitPolicy: row.credit_limit_policy === 'warn' ? 'warn' : 'block',
  };
}

export async function businessToday(db: Executor, businessId: string): Promise<string> {
  return todayIn((await loadBusiness(db, businessId)).timezone);
}

/** Returns the business's first location by creation, the default for undated postings. */
export async function firstLocationId(db: Executor, businessId: string): Promise<string> {
  const row = await db
    .selectFrom('locations')
    .where('business_id', '=', businessId)
    .orderBy('created_at')
    .orderBy('id')
    .select('id')
    .executeTakeFirst();
  if (!row) throw notFound('location');
  return row.id;
}
