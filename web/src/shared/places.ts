/**
 * Country codes (ISO 3166-1 alpha-2, plus XK for Kosovo) with names in the
 * UI language from Intl.DisplayNames, and the time zones the browser supports.
 */
import type { Locale } from '../api/types.ts';
import { intlLocale } from '../i18n/locale.ts';

const countryCodes = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS',
  'BT', 'BV', 'BW', 'BY', 'BZ', 'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN',
  'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ', 'EC', 'EE',
  'EG', 'EH', 'ER', 'ES', 'ET', 'FI', 'FJ', 'FK', 'FM', 'FO', 'FR', 'GA', 'GB', 'GD', 'GE', 'GF',
  'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY', 'HK', 'HM',
  'HN', 'HR', 'HT', 'HU', 'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT', 'JE', 'JM',
  'JO', 'JP', 'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ', 'LA', 'LB', 'LC',
  'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY', 'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK',
  'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ', 'NA',
  'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ', 'OM', 'PA', 'PE', 'PF', 'PG',
  'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY', 'QA', 'RE', 'RO', 'RS', 'RU', 'RW',
  'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS',
  'ST', 'SV', 'SX', 'SY', 'SZ', 'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO',
  'TR', 'TT', 'TV', 'TW', 'TZ', 'UA', 'UG', 'UM', 'US', 'UY', 'UZ', 'VA', 'VC', 'VE', 'VG', 'VI',
  'VN', 'VU', 'WF', 'WS', 'XK', 'YE', 'YT', 'ZA', 'ZM', 'ZW',
];

export interface Option {
  value: string;
  label: string;
}

export function countryOptions(locale: Locale): Option[] {
  const names = new Intl.DisplayNames([intlLocale(locale)], { type: 'region' });
  const collator = new Intl.Collator(intlLocale(locale));
  return countryCodes
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

export function countryName(code: string | null | undefined, locale: Locale): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Currencies offered at setup: the euro first, then those of French-speaking markets and neighbours. */
const currencyCodes = ['EUR', 'CHF', 'GBP', 'USD', 'CAD', 'XOF', 'XAF', 'XPF', 'MAD', 'DZD', 'TND', 'MGA', 'MUR', 'HTG', 'CDF', 'GNF'];

export function currencyOptions(locale: Locale): Option[] {
  const names = new Intl.DisplayNames([intlLocale(locale)], { type: 'currency' });
  return currencyCodes.map((code) => ({ value: code, label: `${code} – ${names.of(code) ?? code}` }));
}

/**
 * Lists the IANA time zones the browser supports, with `UTC` and `current`
 * added when missing: Chromium leaves `UTC` out of `supportedValuesOf`, and a
 * select whose value is not among its options shows an empty field.
 */
export function timeZoneOptions(current?: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  const extra = ['UTC', current].filter((zone): zone is string => Boolean(zone) && !zones.includes(zone as string));
  return [...new Set(extra), ...zones];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
}

/** Returns the time zones of a country (ISO 3166 code), main one first, or none when the browser cannot tell. */
export function countryTimeZones(country: string): string[] {
  try {
    // Chromium has `getTimeZones()` and Node a `timeZones` getter. An engine with neither gives no zones.
    const region = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[]; timeZones?: string[] };
    return region.getTimeZones?.() ?? region.timeZones ?? [];
  } catch {
    return [];
  }
}

/**
 * Picks the time zone a business in `country` most likely uses: the
 * browser's own when it lies in that country, else the country's main zone,
 * else the browser's.
 */
export function defaultTimeZone(country: string, browser = browserTimeZone()): string {
  const zones = countryTimeZones(country);
  if (zones.length === 0 || zones.includes(browser)) return browser;
  return zones[0]!;
}
