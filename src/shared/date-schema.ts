/**
 * The request schemas of `YYYY-MM-DD` dates in a query or a body: a day
 * that exists, from MIN_BUSINESS_DATE to MAX_CALENDAR_DATE. Routes that date
 * a document or a payment check the future bound themselves, because it
 * depends on the business's today.
 */
import { z } from 'zod';
import { isIsoDate, MAX_CALENDAR_DATE, MIN_BUSINESS_DATE } from '../ledger/dates.ts';

/** Builds a date schema that reports an empty text (or only spaces) with `emptyCode`, whose message names the format to give. */
function dateSchema(emptyCode: 'date_empty' | 'date_parameter_empty') {
  return z
    .string()
    .superRefine((text, context) => {
      if (text.trim() === '') {
        context.addIssue({ code: 'custom', input: text, params: { code: emptyCode } });
      } else if (!isIsoDate(text)) {
        context.addIssue({ code: 'custom', input: text, params: { code: 'invalid_date' } });
      } else if (text < MIN_BUSINESS_DATE || text > MAX_CALENDAR_DATE) {
        context.addIssue({ code: 'custom', input: text, params: { code: 'date_out_of_range', min: MIN_BUSINESS_DATE, max: MAX_CALENDAR_DATE } });
      }
    })
    .meta({ format: 'date', description: 'YYYY-MM-DD' });
}

/** A date in a body, or a required one in a query. */
export const isoDateSchema = dateSchema('date_empty');

/**
 * An optional date in a query, such as a range's `from`. An empty value
 * (`from=`) is rejected with a message that also offers to leave it out.
 */
export const isoDateParameter = dateSchema('date_parameter_empty').optional();
