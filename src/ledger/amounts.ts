import { IssueList } from '../shared/errors.ts';
import { amountIssue, parseDecimal } from '../shared/money.ts';
import { addDays, isIsoDate, MAX_DAYS_AHEAD, MIN_BUSINESS_DATE } from './dates.ts';

/** Parses a positive API amount ("12.50") into minor units, or records why not. */
export function parsePositiveAmount(text: string, currency: string, path: string, issues: IssueList): number | null {
  const value = parseDecimal(text, currency);
  if (value === null) {
    const issue = amountIssue(text, currency);
    issues.add(path, issue.code, issue.params);
    return null;
  }
  if (value <= 0) {
    issues.add(path, 'amount_not_positive', { value: text });
    return null;
  }
  return value;
}

/**
 * Checks a business date (of a document, payment, discount or reversal): a
 * real calendar date from MIN_BUSINESS_DATE to MAX_DAYS_AHEAD days after
 * `today`, the business's date. Records why not and returns false.
 */
export function checkDate(text: string, path: string, issues: IssueList, today: string): boolean {
  if (!isIsoDate(text)) {
    issues.add(path, 'invalid_date', { value: text });
    return false;
  }
  if (text < MIN_BUSINESS_DATE) {
    issues.add(path, 'date_out_of_range', { value: text, min: MIN_BUSINESS_DATE, max: addDays(today, MAX_DAYS_AHEAD) });
    return false;
  }
  const latest = addDays(today, MAX_DAYS_AHEAD);
  if (text > latest) {
    issues.add(path, 'date_too_far_ahead', { value: text, days: MAX_DAYS_AHEAD, max: latest });
    return false;
  }
  return true;
}
