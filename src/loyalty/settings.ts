/**
 * Loyalty settings of a business. A business that never saved them gets the
 * defaults below, with loyalty switched off. Amounts are minor units.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LoyaltySettingsTable } from '../db/schema.ts';
import { addMonths } from '../ledger/dates.ts';
import { notFound } from '../shared/errors.ts';
import { formatDecimal, minorDigits } from '../shared/money.ts';

export type ExpiryUnit = 'months' | 'years';

export interface LoyaltySettings {
  enabled: boolean;
  name: string;
  amountPerPoint: number;
  minOrderToEarn: number;
  maxPointsPerOrder: number | null;
  pointValue: number;
  minOrderToRedeem: number;
  minPointsToRedeem: number | null;
  maxPointsPerOrderRedeem: number | null;
  expiry: { period: number; unit: ExpiryUnit } | null;
}

export interface LoyaltySettingsView {
  enabled: boolean;
  name: string;
  amountPerPoint: string;
  minOrderToEarn: string;
  maxPointsPerOrder: number | null;
  pointValue: string;
  minOrderToRedeem: string;
  minPointsToRedeem: number | null;
  maxPointsPerOrderRedeem: number | null;
  expiry: { period: number; unit: ExpiryUnit } | null;
}

/** Returns the defaults: one point per currency unit spent, worth one hundredth of a unit, never expiring. */
export function defaultSettings(currencyMinorPerUnit: number): LoyaltySettings {
  return {
    enabled: false,
    name: 'Points',
    amountPerPoint: currencyMinorPerUnit,
    minOrderToEarn: 0,
    maxPointsPerOrder: null,
    pointValue: Math.max(1, Math.round(currencyMinorPerUnit / 100)),
    minOrderToRedeem: 0,
    minPointsToRedeem: null,
    maxPointsPerOrderRedeem: null,
    expiry: null,
  };
}

function fromRow(row: Selectable<LoyaltySettingsTable>): LoyaltySettings {
  const unit = row.expiry_unit === 'years' ? 'years' : 'months';
  return {
    enabled: row.enabled === 1,
    name: row.name,
    amountPerPoint: Number(row.amount_per_point),
    minOrderToEarn: Number(row.min_order_to_earn),
    maxPointsPerOrder: row.max_points_per_order === null ? null : Number(row.max_points_per_order),
    pointValue: Number(row.point_value),
    minOrderToRedeem: Number(row.min_order_to_redeem),
    minPointsToRedeem: row.min_points_to_redeem === null ? null : Number(row.min_points_to_redeem),
    maxPointsPerOrderRedeem: row.max_points_per_order_redeem === null ? null : Number(row.max_points_per_order_redeem),
    expiry: row.expiry_period === null ? null : { period: row.expiry_period, unit },
  };
}

export interface LoyaltyContext {
  currency: string;
  timezone: string;
  locale: string;
  settings: LoyaltySettings;
}

/** Loads the business's currency, time zone and locale with its loyalty settings, in one query. */
export async function loadLoyaltyContext(db: Executor, businessId: string): Promise<LoyaltyContext> {
  const row = await db
    .selectFrom('businesses')
    .leftJoin('loyalty_settings', 'loyalty_settings.business_id', 'businesses.id')
    .where('businesses.id', '=', businessId)
    .select([
      'businesses.currency',
      'businesses.timezone',
      'businesses.locale',
      'loyalty_settings.business_id as settings_business_id',
      'loyalty_settings.enabled',
      'loyalty_settings.name',
      'loyalty_settings.amount_per_point',
      'loyalty_settings.min_order_to_earn',
      'loyalty_settings.max_points_per_order',
      'loyalty_settings.point_value',
      'loyalty_settings.min_order_to_redeem',
      'loyalty_settings.min_points_to_redeem',
      'loyalty_settings.max_points_per_order_redeem',
      'loyalty_settings.expiry_period',
      'loyalty_settings.expiry_unit',
      'loyalty_settings.updated_by',
      'loyalty_settings.updated_at',
    ])
    .executeTakeFirst();
  if (!row) throw notFound('business');
  const { currency, timezone, locale, settings_business_id: saved, ...columns } = row;
  const settings = saved === null ? defaultSettings(10 ** minorDigits(currency)) : fromRow({ ...columns, business_id: saved } as Selectable<LoyaltySettingsTable>);
  return { currency, timezone, locale, settings };
}

export async function loadSettings(db: Executor, businessId: string, currency: string): Promise<LoyaltySettings> {
  const row = await db
    .selectFrom('loyalty_settings')
    .where('business_id', '=', businessId)
    .selectAll()
    .executeTakeFirst();
  return row ? fromRow(row) : defaultSettings(10 ** minorDigits(currency));
}

export function settingsView(settings: LoyaltySettings, currency: string): LoyaltySettingsView {
  const money = (minor: number) => formatDecimal(minor, currency);
  return {
    enabled: settings.enabled,
    name: settings.name,
    amountPerPoint: money(settings.amountPerPoint),
    minOrderToEarn: money(settings.minOrderToEarn),
    maxPointsPerOrder: settings.maxPointsPerOrder,
    pointValue: money(settings.pointValue),
    minOrderToRedeem: money(settings.minOrderToRedeem),
    minPointsToRedeem: settings.minPointsToRedeem,
    maxPointsPerOrderRedeem: settings.maxPointsPerOrderRedeem,
    expiry: settings.expiry,
  };
}

/** Returns the first date on which points earned on `earnedOn` are no longer valid, or null when they never expire. */
export function expiryDateOf(settings: LoyaltySettings, earnedOn: string): string | null {
  if (!settings.expiry) return null;
  const months = settings.expiry.unit === 'years' ? settings.expiry.period * 12 : settings.expiry.period;
  return addMonths(earnedOn, months);
}

/**
 * Points a sale earns on the amount charged: none below the minimum order,
 * one per whole `amountPerPoint`, at most `maxPointsPerOrder`.
 */
export function pointsEarned(settings: LoyaltySettings, amountCharged: number): number {
  if (!settings.enabled || amountCharged <= 0 || amountCharged < settings.minOrderToEarn) return 0;
  const points = Math.floor(amountCharged / settings.amountPerPoint);
  return settings.maxPointsPerOrder === null ? points : Math.min(points, settings.maxPointsPerOrder);
}
