/** The sale and purchase form's values as typed, and the API input built from them. */
import type { TFunction } from 'i18next';
import type { Locale, PayTerm } from '../api/types.ts';
import { collectErrors, numberCheck, requiredError } from '../shared/field-checks.ts';
import { fieldToDecimal, moneyRule, type NumberRule, percentRule, quantityRule } from '../shared/number-input.ts';
import type { DocumentInput } from './api.ts';
import type { PickedContact } from './ContactPicker.tsx';
import type { LineValues } from './lineMath.ts';

export interface LineForm {
  key: string;
  description: string;
  quantity: string;
  /** The unit price as typed: tax included when `priceIncludesTax` is set, before tax otherwise. */
  unitPrice: string;
  /** True when the line is priced tax included, as a picked product is; the user may switch either way. */
  priceIncludesTax: boolean;
  discountPercent: string;
  taxRate: string;
  /** The catalogue product the line sells, if one was picked. */
  productId: string | null;
}

export interface PaymentForm {
  key: string;
  amount: string;
  method: string;
}

/** `contact`: the contact's own term; `none`: due on the document date; `custom`: the fields below. */
export type TermMode = 'contact' | 'none' | 'custom';

export interface DocumentFormValues {
  contact: PickedContact | null;
  date: string;
  locationId: string;
  termMode: TermMode;
  termNumber: string;
  termUnit: PayTerm['unit'];
  termEndOfMonth: boolean;
  lines: LineForm[];
  payments: PaymentForm[];
  note: string;
  /** Loyalty points to spend on a sale, as typed. */
  redeemPoints: string;
}

let lastKey = 0;

/** Returns a key for a new row, stable while rows are added and removed around it. */
export function rowKey(): string {
  lastKey += 1;
  return `row-${lastKey}`;
}

export function emptyLine(): LineForm {
  return {
    key: rowKey(),
    description: '',
    quantity: '1',
    unitPrice: '',
    priceIncludesTax: false,
    discountPercent: '',
    taxRate: '',
    productId: null,
  };
}

/** The conventions the form reads numbers in: the UI language and the currency's minor digits. */
export interface NumberFormat {
  locale: Locale;
  digits: number;
}

/** Rules of a line's numbers; a unit price may be zero (a free item) but not negative. */
export function lineRules(digits: number): Record<'quantity' | 'unitPrice' | 'discountPercent' | 'taxRate', NumberRule> {
  return { quantity: quantityRule, unitPrice: moneyRule(digits), discountPercent: percentRule, taxRate: percentRule };
}

/** Reads a field as an API decimal: `''` when blank, null when it cannot be read. */
function decimalOrBlank(text: string, locale: Locale, rule: NumberRule): string | null {
  return text.trim() === '' ? '' : fieldToDecimal(text, locale, rule);
}

/** Converts a line's typed numbers into API decimals (`1,5` → `1.500`); null marks text that cannot be read. */
export function lineValues(line: LineForm, { locale, digits }: NumberFormat): LineValues {
  const rules = lineRules(digits);
  return {
    quantity: decimalOrBlank(line.quantity, locale, rules.quantity),
    unitPrice: decimalOrBlank(line.unitPrice, locale, rules.unitPrice),
    priceIncludesTax: line.priceIncludesTax,
    discountPercent: decimalOrBlank(line.discountPercent, locale, rules.discountPercent),
    taxRate: decimalOrBlank(line.taxRate, locale, rules.taxRate),
  };
}

/** Reads a till payment's amount as an API decimal; null when it cannot be read. */
export function paymentAmount(payment: PaymentForm, { locale, digits }: NumberFormat): string | null {
  return fieldToDecimal(payment.amount, locale, moneyRule(digits, 'positive'));
}

/**
 * Checks every line and payment field at once, by JSON path
 * (`lines.0.unitPrice`), before the form is sent. A blank payment row is
 * left out of the document, so it is not checked.
 */
export function checkDocumentValues(values: DocumentFormValues, { locale, digits }: NumberFormat, t: TFunction): Record<string, string> {
  const rules = lineRules(digits);
  const checks: Record<string, string | undefined> = {};
  values.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    checks[`${path}.description`] = requiredError(line.description, t);
    checks[`${path}.quantity`] = numberCheck(line.quantity, locale, rules.quantity, t, { required: true });
    checks[`${path}.unitPrice`] = numberCheck(line.unitPrice, locale, rules.unitPrice, t, { required: true });
    checks[`${path}.discountPercent`] = numberCheck(line.discountPercent, locale, rules.discountPercent, t);
    checks[`${path}.taxRate`] = numberCheck(line.taxRate, locale, rules.taxRate, t);
  });
  values.payments.forEach((payment, index) => {
    checks[`payments.${index}.amount`] = numberCheck(payment.amount, locale, moneyRule(digits, 'positive'), t);
  });
  return collectErrors(checks);
}

function payTermOf(values: DocumentFormValues): PayTerm | null | undefined {
  if (values.termMode === 'contact') return undefined;
  if (values.termMode === 'none') return null;
  const text = values.termNumber.trim();
  // A term that is not a whole number goes as typed so the server names the field.
  const number = /^\d+$/.test(text) ? Number(text) : (text as unknown as number);
  return { number, unit: values.termUnit, endOfMonth: values.termEndOfMonth };
}

/**
 * Builds the API body. Numbers the browser cannot read go as typed, so that
 * the server names the field, though the form's own checks stop them first.
 */
export function toDocumentInput(values: DocumentFormValues, status: DocumentInput['status'], numbers: NumberFormat): DocumentInput {
  const payTerm = payTermOf(values);
  const payments = values.payments
    .filter((payment) => payment.amount.trim() !== '')
    .map((payment) => ({ amount: paymentAmount(payment, numbers) ?? payment.amount.trim(), method: payment.method }));
  return {
    contactId: values.contact?.id ?? null,
    date: values.date,
    ...(values.locationId ? { locationId: values.locationId } : {}),
    status,
    ...(payTerm !== undefined ? { payTerm } : {}),
    lines: values.lines.map((line) => {
      const read = lineValues(line, numbers);
      const discountPercent = read.discountPercent ?? line.discountPercent.trim();
      const taxRate = read.taxRate ?? line.taxRate.trim();
      const price = read.unitPrice ?? line.unitPrice.trim();
      return {
        description: line.description.trim(),
        quantity: read.quantity ?? line.quantity.trim(),
        ...(line.priceIncludesTax ? { unitPriceWithTax: price } : { unitPrice: price }),
        ...(discountPercent ? { discountPercent } : {}),
        ...(taxRate ? { taxRate } : {}),
        ...(line.productId ? { productId: line.productId } : {}),
      };
    }),
    ...(payments.length > 0 ? { payments } : {}),
    ...(values.note.trim() ? { note: values.note.trim() } : {}),
    ...redemptionOf(values),
  };
}

/** A whole number of points goes as a number; other text goes as typed so the server names the field. */
function redemptionOf(values: DocumentFormValues): Pick<DocumentInput, 'redeemPoints'> {
  const text = values.redeemPoints.trim();
  if (!values.contact || text === '' || text === '0') return {};
  return { redeemPoints: /^\d+$/.test(text) ? Number(text) : (text as unknown as number) };
}
