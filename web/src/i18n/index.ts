/**
 * i18next with the two UI languages. A first visit follows the browser's
 * languages, and French when it lists neither. A choice made with the
 * language switch is kept in localStorage for the sign-in page, and in the
 * user's profile once signed in.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import type { Locale } from '../api/types.ts';
import en from './en.json';
import fr from './fr.json';
import ledgerEn from './ledger.en.json';
import ledgerFr from './ledger.fr.json';
import { asLocale, localeFromBrowser } from './locale.ts';
import loyaltyEn from './loyalty.en.json';
import loyaltyFr from './loyalty.fr.json';
import pricingEn from './pricing.en.json';
import pricingFr from './pricing.fr.json';
import messagesEn from './messages.en.json';
import messagesFr from './messages.fr.json';
import searchEn from './search.en.json';
import searchFr from './search.fr.json';
import transferEn from './transfer.en.json';
import transferFr from './transfer.fr.json';

const STORAGE_KEY = 'comptoir.locale';

/** Returns the language last chosen in this browser, else the one its own languages prefer. */
export function storedLocale(): Locale {
  let stored: Locale | null = null;
  try {
    stored = asLocale(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    // Private windows may refuse storage: the browser's languages decide.
  }
  return stored ?? localeFromBrowser(navigator.languages ?? [navigator.language]);
}

export function currentLocale(): Locale {
  return asLocale(i18next.language) ?? 'fr';
}

/** Switches the UI, the API's `Accept-Language` and the page's `lang`. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private windows may refuse storage; the choice then lasts for this page only.
  }
  setApiLanguage(locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

/** The user whose language was last applied. A later load of that user's session leaves the language as the switch set it. */
let localeAppliedFor: string | null = null;

/**
 * Applies the signed-in user's preferred language, else the business's,
 * once per user. The session loaders (`useSessionQuery`, sign-in, setup)
 * await it before they put a session into the query cache, so no screen of
 * that session renders, and none of its requests leaves, in the language
 * that the browser stored before.
 */
export async function applyUserLocale(session: { user: { id: string; locale: Locale | null }; business: { locale: Locale } }): Promise<void> {
  if (localeAppliedFor === session.user.id) return;
  localeAppliedFor = session.user.id;
  const locale = session.user.locale ?? session.business.locale;
  if (locale !== currentLocale()) await applyLocale(locale);
}

/** Forgets the user whose language applies, at sign-out, so that the next sign-in applies its user's language again. */
export function forgetUserLocale(): void {
  localeAppliedFor = null;
}

let choiceBeforeSignIn: Locale | null = null;

/** Notes a language picked on the sign-in or setup page, to save as the user's preference. */
export function rememberChoiceBeforeSignIn(locale: Locale): void {
  choiceBeforeSignIn = locale;
}

/** Returns the language picked before signing in, once, or null when the visitor picked none. */
export function takeChoiceBeforeSignIn(): Locale | null {
  const choice = choiceBeforeSignIn;
  choiceBeforeSignIn = null;
  return choice;
}

export async function initI18n(): Promise<void> {
  const locale = storedLocale();
  setApiLanguage(locale);
  document.documentElement.lang = locale;
  await i18next.use(initReactI18next).init({
    // Each area (ledger, pricing, loyalty, messages, contact lists, import and export) keeps its strings in its own files, under top-level keys of its own.
    resources: {
      fr: { translation: { ...fr, ...ledgerFr, ...pricingFr, ...loyaltyFr, ...messagesFr, ...searchFr, ...transferFr } },
      en: { translation: { ...en, ...ledgerEn, ...pricingEn, ...loyaltyEn, ...messagesEn, ...searchEn, ...transferEn } },
    },
    lng: locale,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}
