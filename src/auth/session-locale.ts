import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../shared/ids.ts';
import type { AuthContext } from './context.ts';

export const sessionPatch = z.strictObject({
  locale: z.enum(['fr', 'en']).nullable().describe('The preferred language; null follows the browser'),
});

/** Stores the signed-in user's preferred language. */
export async function setPreferredLocale(db: Executor, auth: AuthContext, locale: 'fr' | 'en' | null): Promise<void> {
  await db
    .updateTable('users')
    .set({ locale, updated_at: nowIso() })
    .where('id', '=', auth.userId)
    .where('business_id', '=', auth.businessId)
    .execute();
}
