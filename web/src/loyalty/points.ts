/** Point arithmetic for the loyalty screens, in BigInt minor units as the server computes it. */
import type { DecimalString } from '../api/types.ts';
import { fromMinor, toMinor } from '../ledger/minor.ts';

/** Returns what `points` take off a sale at `pointValue` each, or null while the value cannot be read. */
export function redemptionValue(points: number, pointValue: DecimalString, currency: string): DecimalString | null {
  const value = toMinor(pointValue, currency);
  if (value === null || !Number.isSafeInteger(points)) return null;
  return fromMinor(value * BigInt(points), currency);
}

/**
 * Returns the spending that earns 100 points, for the settings page's
 * example; null while a value cannot be read.
 */
export function earningExample(
  amountPerPoint: DecimalString,
  pointValue: DecimalString,
  currency: string,
): { amount: DecimalString; points: number } | null {
  const perPoint = toMinor(amountPerPoint, currency);
  if (perPoint === null || perPoint <= 0n || toMinor(pointValue, currency) === null) return null;
  return { amount: fromMinor(perPoint * 100n, currency), points: 100 };
}
