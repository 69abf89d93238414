/** Adds and changes the payment method labels a business defines. */
import { recordAudit } from '../auth/audit.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { listPaymentMethods, type PaymentMethodView } from './methods.ts';

export async function addPaymentMethod(trx: Executor, actor: Actor, label: string): Promise<PaymentMethodView> {
  requireActorPermission(actor, 'settings.manage');
  await checkLabelFree(trx, actor, label, null);
  const rows = await trx.selectFrom('payment_methods').where('business_id', '=', actor.businessId).select('code').execute();
  const usedCodes = new Set(rows.map((r) => r.code));
  let number = rows.length + 1;
  while (usedCodes.has(`custom_${number}`)) number += 1;
  const code = `custom_${number}`;
  const now = nowIso();
  try {
    await trx
      .insertInto('payment_methods')
      .values({ id: newId(), business_id: actor.businessId, code, label, is_active: 1, created_at: now, updated_at: now })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', { reason: code });
    throw error;
  }
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'payment_method',
    entityId: code,
    action: 'create',
    changes: { label },
  });
  return { code, label, builtIn: false, active: true };
}

export async function changePaymentMethod(
  trx: Executor,
  actor: Actor,
  code: string,
  patch: { label?: string; active?: boolean },
): Promise<PaymentMethodView> {
  requireActorPermission(actor, 'settings.manage');
  const row = await trx
    .selectFrom('payment_methods')
    .where('business_id', '=', actor.businessId)
    .where('code', '=', code)
    .selectAll()
    .executeTakeFirst();
  if (!row) throw notFound('payment method');
  if (patch.label !== undefined) await checkLabelFree(trx, actor, patch.label, code);

  const label = patch.label ?? row.label;
  const active = patch.active ?? row.is_active === 1;
  await trx
    .updateTable('payment_methods')
    .set({ label, is_active: active ? 1 : 0, updated_at: nowIso() })
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'payment_method',
    entityId: code,
    action: 'update',
    changes: [
      { field: 'label', from: row.label, to: label },
      { field: 'active', from: row.is_active === 1, to: active },
    ].filter((c) => c.from !== c.to),
  });
  return { code, label, builtIn: false, active };
}

async function checkLabelFree(trx: Executor, actor: Actor, label: string, exceptCode: string | null) {
  const all = await listPaymentMethods(trx, actor.businessId, actor.locale);
  const clash = all.find((m) => m.code !== exceptCode && m.label.toLocaleLowerCase() === label.toLocaleLowerCase());
  if (clash) throw invalid([{ path: 'label', code: 'method_label_taken', params: { value: label } }]);
}
