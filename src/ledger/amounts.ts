import { IssueList } from '../shared/errors.ts';
import { exampleDecimal, minorDigits, parseDecimal } from '../shared/money.ts';
import { isIsoDate } from './dates.ts';

/** Parses a positive API amount ("12.50") into minor units, or records why not. */
export function parsePositiveAmount(text: string, currency: string, path: string, issues: IssueList): number | null {
  const value = parseDecimal(text, currency);
  if (value === null) {
    issues.add(path, 'invalid_amount', { value: text, digits: minorDigits(currency), example: exampleDecimal(currency) });
    return null;
  }
  if (value <= 0) {
    issues.add(path, 'amount_not_positive', { value: text });
    return null;
  }
  return value;
}

export function checkDate(text: string, path: string, issues: IssueList): boolean {
  if (isIsoDate(text)) return true;
  issues.add(path, 'invalid_date', { value: text });
  return false;
}
