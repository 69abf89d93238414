/**
 * The credit limit. Exposure is what the contact owes by its open items
 * (opening balance and documents, net of returns) less the advance it holds,
 * so exposure = receivable - advance. Money the shop owes the contact as a
 * supplier is not netted against it. A path that adds debit checks
 * exposure + the unpaid amount it adds against the limit: creating or
 * finalising a sale, and paying out a refund.
 */
import { recordAudit } from '../auth/audit.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import type { BusinessSettings } from '../ledger/business.ts';
import { withPendingFigures } from '../ledger/deferred-figures.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { formatDecimal, formatMoney } from '../shared/money.ts';

export interface CreditOverride {
  reason: string;
}

export interface CreditWarning {
  code: 'credit_limit_exceeded';
  limit: string;
  exposure: string;
  amount: string;
}

export interface CreditCheck {
  business: BusinessSettings;
  contactId: string;
  /** The debit the operation adds that is not paid at once. */
  amount: number;
  override: CreditOverride | null | undefined;
  /** The entity an override's audit entry points at. */
  entity: { type: string; id: string };
}

/**
 * Passes, returns a warning (policy `warn`), records an override, or throws
 * `credit_limit_exceeded` with the limit, the current exposure and the amount.
 */
export async function checkCreditLimit(trx: Executor, actor: Actor, check: CreditCheck): Promise<CreditWarning[]> {
  if (check.amount <= 0) return [];
  const contact = await trx
    .selectFrom('contacts')
    .where('business_id', '=', actor.businessId)
    .where('id', '=', check.contactId)
    .select(['credit_limit', 'receivable', 'advance'])
    .executeTakeFirstOrThrow();
  if (contact.credit_limit === null) return [];

  const limit = Number(contact.credit_limit);
  const { receivable, advance } = withPendingFigures(trx, check.contactId, {
    receivable: Number(contact.receivable),
    advance: Number(contact.advance),
  });
  const exposure = receivable - advance;
  if (exposure + check.amount <= limit) return [];

  const { currency } = check.business;
  const figures = {
    limit: formatDecimal(limit, currency),
    exposure: formatDecimal(exposure, currency),
    amount: formatDecimal(check.amount, currency),
  };
  if (check.business.creditLimitPolicy === 'warn') return [{ code: 'credit_limit_exceeded', ...figures }];

  if (check.override) {
    requireActorPermission(actor, 'credit_limit.override');
    const reason = check.override.reason.trim();
    if (!reason) {
      const issues = new IssueList();
      issues.add('creditLimitOverride.reason', 'required');
      issues.throwIfAny();
    }
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: check.entity.type,
      entityId: check.entity.id,
      action: 'credit_limit_override',
      changes: { contactId: check.contactId, ...figures, reason },
    });
    return [];
  }

  const formatted = (minor: number) => formatMoney(minor, currency, actor.locale);
  throw new AppError(
    'credit_limit_exceeded',
    { limit: formatted(limit), exposure: formatted(exposure), amount: formatted(check.amount) },
    [],
    figures,
  );
}
