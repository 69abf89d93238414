/**
 * The request schema of every `YYYY-MM-DD` date in a query or a body: a day
 * that exists, from MIN_BUSINESS_DATE to MAX_CALENDAR_DATE. Routes that date
 * a document or a payment check the future bound themselves, because it
 * depends on the business's today.
 */
import { z } from 'zod';
import { isIsoDate, MAX_CALENDAR_DATE, MIN_BUSINESS_DATE } from '../ledger/dates.ts';

export const isoDateSchema = z
  .string()
  .superRefine((text, context) => {
    if (!isIsoDate(text)) {
      context.addIssue({ code: 'custom', input: text, params: { code: 'invalid_date' } });
    } else if (text < MIN_BUSINESS_DATE || text > MAX_CALENDAR_DATE) {
      context.addIssue({ code: 'custom', input: text, params: { code: 'date_out_of_range', min: MIN_BUSINESS_DATE, max: MAX_CALENDAR_DATE } });
    }
  })
  .meta({ format: 'date', description: 'YYYY-MM-DD' });
