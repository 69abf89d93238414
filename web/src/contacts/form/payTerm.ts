/**
 * Pay terms as French businesses write them: "30 jours", "30 jours fin de
 * mois", "2 mois". The rule line states how the due date is computed.
 */
import type { TFunction } from 'i18next';
import type { PayTerm } from '../../api/types.ts';

export function payTermLabel(term: PayTerm | null, t: TFunction): string {
  if (!term) return t('payTerm.none');
  const base = t(`payTerm.${term.unit}`, { count: term.number });
  return term.endOfMonth ? t('payTerm.withEndOfMonth', { term: base }) : base;
}

// NOTE: "end of month" is read as "add the term, then move to the last day of
// that month"; the ledger's due-date computation must apply the same rule.
export function payTermRule(term: PayTerm | null, t: TFunction): string {
  if (!term) return t('payTerm.ruleNone');
  const base = t(`payTerm.${term.unit}`, { count: term.number });
  return t(term.endOfMonth ? 'payTerm.ruleEndOfMonth' : 'payTerm.rule', { term: base });
}

/** Reads the form's pay term fields as a term, or null while the number is empty or not a whole number. */
export function termFromText(number: string, unit: PayTerm['unit'], endOfMonth: boolean): PayTerm | null {
  const text = number.trim();
  if (!/^\d+$/.test(text)) return null;
  return { number: Number(text), unit, endOfMonth };
}
