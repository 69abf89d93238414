/**
 * Number, money and date formats that follow the UI language (fr-FR or
 * en-GB) and the business's currency and time zone.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecimalString, Locale } from '../api/types.ts';
import { formatMoney } from '../shared/money.ts';
import { asLocale, intlLocale } from './locale.ts';

export interface Formatters {
  locale: Locale;
  money(value: DecimalString, options?: { signed?: boolean }): string;
  /** A business date `YYYY-MM-DD`, shown as is (no time zone shift). */
  date(value: string | null | undefined): string;
  /** A UTC timestamp, shown in the business's time zone. */
  dateTime(value: string): string;
  /** The date of a UTC timestamp in the business's time zone, without the time. */
  day(value: string): string;
  bytes(size: number): string;
}

export function useFormat(currency = 'EUR', timeZone?: string): Formatters {
  const { i18n } = useTranslation();
  const locale = asLocale(i18n.language) ?? 'fr';
  return useMemo(() => makeFormatters(locale, currency, timeZone), [locale, currency, timeZone]);
}

export function makeFormatters(locale: Locale, currency: string, timeZone?: string): Formatters {
  const tag = intlLocale(locale);
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const dayFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone });
  const units = ['byte', 'kilobyte', 'megabyte'] as const;

  return {
    locale,
    money: (value, options) => formatMoney(value, currency, locale, options),
    date(value) {
      if (!value) return '';
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!match) return value;
      return dateFormat.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    },
    dateTime(value) {
      const time = Date.parse(value);
      return Number.isNaN(time) ? value : dateTimeFormat.format(time);
    },
    day(value) {
      const time = Date.parse(value);
      return Number.isNaN(time) ? value : dayFormat.format(time);
    },
    bytes(size) {
      let unit = 0;
      let scaled = size;
      while (scaled >= 1024 && unit < units.length - 1) {
        scaled /= 1024;
        unit += 1;
      }
      // Whole bytes are spelled out ("28 bytes", "28 octets"): en-GB's short form is a bare "byte".
      return new Intl.NumberFormat(tag, {
        style: 'unit',
        unit: units[unit],
        unitDisplay: unit === 0 ? 'long' : 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }).format(scaled);
    },
  };
}
