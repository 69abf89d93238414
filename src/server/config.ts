/** Settings read from the environment, with the defaults the README states. */
import { resolve } from 'node:path';
import { MAX_USER_NAME_LENGTH } from '../auth/own-account.ts';
import { checkText, quotedValue } from '../shared/text.ts';

/** Largest file accepted in a multipart upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Name of the administrator created at the first start: COMPTOIR_ADMIN_NAME, or the administrator role's name in the business language. */
  adminName: string;
  businessName: string;
  currency: string;
  locale: 'fr' | 'en';
  timezone: string;
  country: string;
  logLevel: string;
  /** Serve the built web app from this folder when it exists. */
  webRoot: string;
  /** Set `Secure` on cookies; on unless COMPTOIR_INSECURE_COOKIES=1 (plain HTTP on loopback). */
  secureCookies: boolean;
  sessionDays: number;
  /** Seconds a stopping server waits for its requests, imports and jobs before cancelling them. */
  shutdownGraceSeconds: number;
  /** Seconds a starting server retries a database that refuses or drops its connections. */
  databaseWaitSeconds: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const locale = (env.COMPTOIR_LOCALE ?? 'fr').toLowerCase().startsWith('en') ? 'en' : 'fr';
  const host = env.HOST ?? '127.0.0.1';
  return {
    port: Number(env.PORT ?? 3000),
    host,
    databaseUrl: env.DATABASE_URL ?? `sqlite:${resolve('data/comptoir.sqlite')}`,
    adminEmail: env.COMPTOIR_ADMIN_EMAIL || undefined,
    adminPassword: env.COMPTOIR_ADMIN_PASSWORD || undefined,
    adminName: adminName(env, locale),
    businessName: env.COMPTOIR_BUSINESS_NAME ?? 'Ma boutique',
    currency: (env.COMPTOIR_CURRENCY ?? 'EUR').toUpperCase(),
    locale,
    timezone: env.COMPTOIR_TIMEZONE ?? 'Europe/Paris',
    country: (env.COMPTOIR_COUNTRY ?? 'FR').toUpperCase(),
    logLevel: env.LOG_LEVEL ?? 'info',
    webRoot: resolve(env.COMPTOIR_WEB_ROOT ?? 'dist/web'),
    secureCookies: env.COMPTOIR_INSECURE_COOKIES !== '1' && !isLoopback(host),
    sessionDays: Number(env.COMPTOIR_SESSION_DAYS ?? 14),
    shutdownGraceSeconds: seconds(env, 'COMPTOIR_SHUTDOWN_GRACE_SECONDS', 20),
    databaseWaitSeconds: seconds(env, 'COMPTOIR_DATABASE_WAIT_SECONDS', 60),
  };
}

/** Reads COMPTOIR_ADMIN_NAME, trimmed, and throws on a name the user routes would reject. */
function adminName(env: NodeJS.ProcessEnv, locale: 'fr' | 'en'): string {
  const text = (env.COMPTOIR_ADMIN_NAME ?? '').trim();
  if (text === '') return locale === 'fr' ? 'Administrateur' : 'Administrator';
  const checked = checkText(text);
  if (!checked.ok) throw new Error(`COMPTOIR_ADMIN_NAME must be plain text, without control characters (got "${quotedValue(text)}")`);
  if (checked.text.length > MAX_USER_NAME_LENGTH) {
    throw new Error(`COMPTOIR_ADMIN_NAME must have at most ${MAX_USER_NAME_LENGTH} characters (got ${checked.text.length})`);
  }
  return checked.text;
}

/** Reads a duration in seconds, zero or more, and throws on any other value. */
function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of seconds, 0 or more (got "${text}")`);
  return value;
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}
