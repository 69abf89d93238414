/**
 * Reading and writing the values of the pricing API: signed percentages in
 * hundredths of a percent, amounts in minor units, and folded search keys.
 */
import { foldText } from '../contacts/search/fold.ts';
import type { IssueList } from '../shared/errors.ts';
import { amountIssue, parseDecimal } from '../shared/money.ts';

/** Parses "10", "-5.5" or "12.25" into hundredths of a percent (1000, -550, 1225). */
export function parseSignedPercent(text: string): number | null {
  const match = /^([+-]?)(\d{1,4})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' && value !== 0 ? -value : value;
}

/** Writes hundredths of a percent as the shortest decimal: 1250 is "12.5", -500 is "-5". */
export function formatPercent(basisPoints: number): string {
  const sign = basisPoints < 0 ? '-' : '';
  const absolute = Math.abs(basisPoints);
  const whole = Math.floor(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/** Parses an amount that must be zero or more, or records why not at `path`. */
export function readAmount(text: string, currency: string, path: string, issues: IssueList): number | null {
  const value = parseDecimal(text, currency);
  if (value === null) {
    const issue = amountIssue(text, currency);
    issues.add(path, issue.code, issue.params);
    return null;
  }
  if (value < 0) {
    issues.add(path, 'amount_negative', { value: text });
    return null;
  }
  return value;
}

/** Folds a name into the key that searches and uniqueness compare, with spaces collapsed. */
export function nameKey(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim();
}

/** Builds a `LIKE` pattern matching `text` anywhere, with the wildcards in it escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
