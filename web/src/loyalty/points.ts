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
 * Returns the spending that would earn 100 points and the points it earns
 * once the cap per sale applies, for the settings page's example; null
 * while a value cannot be read.
 */
export function earningExample(
  amountPerPoint: DecimalString,
  pointValue: DecimalString,
  maxPointsPerOrder: number | null,
  currency: string,
): { amount: DecimalString; points: number } | null {
  const perPoint = toMinor(amountPerPoint, currency);
  if (perPoint === null || perPoint <= 0n || toMinor(pointValue, currency) === null) return null;
  const points = maxPointsPerOrder === null ? 100 : Math.min(100, maxPointsPerOrder);
  return { amount: fromMinor(perPoint * 100n, currency), points };
}
