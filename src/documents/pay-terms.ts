/**
 * Pay terms and due dates. A term is a number of days or calendar months,
 * optionally "end of month" as French businesses write it ("30 jours fin de
 * mois"). Comptoir reads "N days end of month" as: add N days to the
 * document date, then move to the last day of the month reached. Months
 * clamp to the target month's last day (31 January + 1 month = 29 February
 * 2024, 28 February 2025).
 */
import { addDays, addMonths, endOfMonth } from '../ledger/dates.ts';
import type { Locale } from '../shared/messages.ts';

export interface PayTerm {
  number: number;
  unit: 'days' | 'months';
  endOfMonth: boolean;
}

/** Computes the due date of a document dated `date`; with no term it is due that day. */
export function dueDate(date: string, term: PayTerm | null): string {
  if (!term) return date;
  const reached = term.unit === 'days' ? addDays(date, term.number) : addMonths(date, term.number);
  return term.endOfMonth ? endOfMonth(reached) : reached;
}

/** Writes the term as the web app shows it, with the end-of-month rule spelled out. */
export function payTermLabel(term: PayTerm | null, locale: Locale): string {
  if (!term) return locale === 'fr' ? 'Comptant (échéance à la date du document)' : 'Due on the document date';
  const { number, unit } = term;
  if (locale === 'fr') {
    const span = unit === 'days' ? `${number} jour${number > 1 ? 's' : ''}` : `${number} mois`;
    if (!term.endOfMonth) return `${span} (date du document + ${span})`;
    return `${span} fin de mois (date du document + ${span}, puis dernier jour de ce mois)`;
  }
  const span = `${number} ${unit === 'days' ? 'day' : 'month'}${number === 1 ? '' : 's'}`;
  if (!term.endOfMonth) return `${span} (document date + ${span})`;
  return `${span} end of month (document date + ${span}, then the last day of that month)`;
}

export function payTermOfRow(row: {
  pay_term_number: number | null;
  pay_term_unit: string | null;
  pay_term_end_of_month: number;
}): PayTerm | null {
  if (row.pay_term_number === null || (row.pay_term_unit !== 'days' && row.pay_term_unit !== 'months')) return null;
  return { number: row.pay_term_number, unit: row.pay_term_unit, endOfMonth: row.pay_term_end_of_month === 1 };
}
