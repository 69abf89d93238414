/** Saves the business's loyalty settings; fields left out keep their value. */
import { diffFields, recordAudit } from '../auth/audit.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { amountIssue, parseDecimal } from '../shared/money.ts';
import type { SettingsInput } from './schemas.ts';
import { type LoyaltySettings, type LoyaltySettingsView, loadSettings, settingsView } from './settings.ts';

export async function updateLoyaltySettings(trx: Executor, actor: Actor, input: SettingsInput): Promise<LoyaltySettingsView> {
  requireActorPermission(actor, 'loyalty.settings');
  const business = await loadBusiness(trx, actor.businessId);
  const current = await loadSettings(trx, actor.businessId, business.currency);

  const issues = new IssueList();
  const amount = (field: keyof SettingsInput & keyof LoyaltySettings, positive: boolean): number => {
    const text = input[field];
    if (typeof text !== 'string') return current[field] as number;
    const value = parseDecimal(text, business.currency);
    if (value === null) {
      const issue = amountIssue(text, business.currency);
      issues.add(field, issue.code, issue.params);
    } else if (positive ? value <= 0 : value < 0) {
      issues.add(field, positive ? 'amount_not_positive' : 'amount_negative', { value: text });
    }
    return value ?? 0;
  };
  const next: LoyaltySettings = {
    enabled: input.enabled ?? current.enabled,
    name: input.name ?? current.name,
    amountPerPoint: amount('amountPerPoint', true),
    minOrderToEarn: amount('minOrderToEarn', false),
    maxPointsPerOrder: input.maxPointsPerOrder === undefined ? current.maxPointsPerOrder : input.maxPointsPerOrder,
    pointValue: amount('pointValue', true),
    minOrderToRedeem: amount('minOrderToRedeem', false),
    minPointsToRedeem: input.minPointsToRedeem === undefined ? current.minPointsToRedeem : input.minPointsToRedeem,
    maxPointsPerOrderRedeem:
      input.maxPointsPerOrderRedeem === undefined ? current.maxPointsPerOrderRedeem : input.maxPointsPerOrderRedeem,
    expiry: input.expiry === undefined ? current.expiry : input.expiry,
  };
  issues.throwIfAny();

  const row = {
    enabled: next.enabled ? 1 : 0,
    name: next.name,
    amount_per_point: next.amountPerPoint,
    min_order_to_earn: next.minOrderToEarn,
    max_points_per_order: next.maxPointsPerOrder,
    point_value: next.pointValue,
    min_order_to_redeem: next.minOrderToRedeem,
    min_points_to_redeem: next.minPointsToRedeem,
    max_points_per_order_redeem: next.maxPointsPerOrderRedeem,
    expiry_period: next.expiry?.period ?? null,
    expiry_unit: next.expiry?.unit ?? null,
    updated_by: actor.userId,
    updated_at: nowIso(),
  };
  await trx
    .insertInto('loyalty_settings')
    .values({ business_id: actor.businessId, ...row })
    .onConflict((oc) => oc.column('business_id').doUpdateSet(row))
    .execute();

  const changes = diffFields(current as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>);
  if (changes.length > 0) {
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'loyalty_settings',
      entityId: actor.businessId,
      action: 'update',
      changes,
    });
  }
  return settingsView(next, business.currency);
}
