/**
 * First-run setup from the web form: creates the business and its admin,
 * only while no user exists. Concurrent requests are serialised by a lock,
 * so exactly one succeeds and the others are rejected with `setup_done`.
 */
import { z } from 'zod';
import type { Db, Executor } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { type CreatedBusiness, hasAnyUser, insertBusiness, prepareBusiness } from './businesses.ts';
import { lockSetup } from './locks.ts';
import { MAX_USER_NAME_LENGTH } from './own-account.ts';

/**
 * The setup form. Blank names pass the schema on purpose: `prepareBusiness`
 * reports them with every other invalid field, so the form shows all at once.
 */
export const setupInput = z.strictObject({
  businessName: z.string().trim().max(200),
  currency: z.string().trim().toUpperCase(),
  locale: z.enum(['fr', 'en']),
  timezone: z.string().trim().max(100),
  country: z.string().trim().toUpperCase(),
  adminName: z.string().trim().max(MAX_USER_NAME_LENGTH),
  email: z.string().trim().max(254),
  password: z.string().max(1000),
});

export type SetupInput = z.infer<typeof setupInput>;

export async function isSetupNeeded(db: Executor): Promise<boolean> {
  return !(await hasAnyUser(db));
}

export async function runSetup(db: Db, input: SetupInput): Promise<CreatedBusiness> {
  // Checked first, so a finished setup is rejected before the costly password hash.
  if (await hasAnyUser(db.kysely)) throw new AppError('setup_done');

  const prepared = await prepareBusiness({
    name: input.businessName,
    currency: input.currency,
    locale: input.locale,
    timezone: input.timezone,
    country: input.country,
    admin: { email: input.email, password: input.password, name: input.adminName },
  });

  return db.kysely.transaction().execute(async (trx) => {
    await lockSetup(trx, db.engine);
    if (await hasAnyUser(trx)) throw new AppError('setup_done');
    return insertBusiness(trx, prepared);
  });
}
