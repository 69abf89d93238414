/**
 * Runs Comptoir for browser tests: the real server on a free port of
 * 127.0.0.1 with a fresh temporary SQLite database and the built web app,
 * and Debian's Chromium driven by playwright-core. Every console error, page
 * error and Content Security Policy violation is collected as a problem.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type APIRequestContext, type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { createBusiness, type CreatedBusiness } from '../../src/auth/businesses.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

export const WEB_ROOT = resolve(import.meta.dirname, '../../dist/web');
export const CHROMIUM_PATH = process.env.COMPTOIR_CHROMIUM ?? '/usr/bin/chromium';

export const ADMIN = {
  email: 'gerante@epicerie-martin.fr',
  password: 'Comptoir-essai-2024',
  name: 'Claire Martin',
};

export interface RunningComptoir {
  url: string;
  database: TestDatabase;
  business: CreatedBusiness | null;
  /** The copy of the build that the server serves, which a test may change as a rebuild would. */
  webRoot: string;
  close(): Promise<void>;
}

export function assertWebAppBuilt(): void {
  if (!existsSync(resolve(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT}/index.html is missing: run \`npm run build\` before the browser tests.`);
  }
}

/** Starts Comptoir; with `business`, creates one business and its admin (ADMIN) first. */
export async function startComptoir(
  options: { business?: { name: string; locale: 'fr' | 'en'; currency?: string } } = {},
): Promise<RunningComptoir> {
  assertWebAppBuilt();
  const database = await createTestDatabase('sqlite');
  const business = options.business
    ? await createBusiness(database.db.kysely, {
        name: options.business.name,
        currency: options.business.currency ?? 'EUR',
        locale: options.business.locale,
        timezone: 'Europe/Paris',
        country: 'FR',
        admin: ADMIN,
      })
    : null;

  // A copy of the build, so a `npm run build` started meanwhile (it replaces dist/web) cannot change the build under the run.
  // dist/web is a link to the build's folder, which is copied in its place.
  const webRoot = mkdtempSync(join(tmpdir(), 'comptoir-web-'));
  cpSync(realpathSync(WEB_ROOT), webRoot, { recursive: true });

  const config = { ...loadConfig({}), databaseUrl: database.url, host: '127.0.0.1', port: 0, webRoot };
  const app = await buildApp({ db: database.db, config }, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    database,
    business,
    webRoot,
    async close() {
      await app.close();
      await database.drop();
      rmSync(webRoot, { recursive: true, force: true });
    },
  };
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and CSP violations seen so far. */
  problems: string[];
  /**
   * Accepts the browser's "Failed to load resource" error for URLs matching
   * `pattern`, for a test that provokes an error response on purpose.
   */
  expectFailedRequests(pattern: RegExp): void;
  close(): Promise<void>;
}

/** `locale` is the browser's own language (`fr-FR` unless given), which sets `navigator.languages`. */
export async function openBrowser(
  options: { width?: number; height?: number; timezoneId?: string; locale?: string } = {},
): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\`.`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1366, height: options.height ?? 768 },
    locale: options.locale ?? 'fr-FR',
    timezoneId: options.timezoneId ?? 'Europe/Paris',
  });
  // Reports CSP violations through the console as well, with the blocked URI.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  // GET /session before signing in returns 401, which the app handles.
  const expectedFailures = [/\/api\/v1\/session$/];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url ?? '';
    const handled = message.text().startsWith('Failed to load resource') && expectedFailures.some((re) => re.test(url));
    if (!handled) problems.push(`console: ${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

  return {
    browser,
    context,
    page,
    problems,
    expectFailedRequests: (pattern) => expectedFailures.push(pattern),
    async close() {
      await browser.close();
    },
  };
}

/** Finds a text input by its visible label, whatever marks (a required asterisk) follow it. */
export function field(page: Page | Locator, label: string) {
  return page.getByRole('textbox', { name: label, exact: true });
}

/**
 * Calls the API as the user signed in on `request`, with the session's CSRF
 * token, and returns the JSON response. Throws with the status and body when
 * the call fails, so a test's setup stops at the first rejected call.
 */
export async function callApi<T>(
  request: APIRequestContext,
  url: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<T> {
  const session = await request.get(`${url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await request.fetch(`${url}/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${path} failed with ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Sets the signed-in user's language, on the server and in the browser's storage, for the next page load. */
export async function setLanguage(page: Page, url: string, locale: 'fr' | 'en'): Promise<void> {
  const session = await page.request.get(`${url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.patch(`${url}/api/v1/session`, { data: { locale }, headers: { 'X-CSRF-Token': csrfToken } });
  if (!response.ok()) throw new Error(`PATCH /session failed with ${response.status()}: ${await response.text()}`);
  await page.evaluate((value) => window.localStorage.setItem('comptoir.locale', value), locale);
}

/** Signs `user` in through the French sign-in page and waits to leave it. */
export async function signIn(page: Page, url: string, user: { email: string; password: string } = ADMIN): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await field(page, 'Adresse e-mail').fill(user.email);
  await field(page, 'Mot de passe').fill(user.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/sign-in'));
}

/** Returns a lookup of the web app's strings in one language, read from its translation files. */
export function webStrings(locale: 'fr' | 'en'): (key: string) => string {
  const folder = resolve(import.meta.dirname, '../../web/src/i18n');
  const files = readdirSync(folder).filter((name) => name === `${locale}.json` || name.endsWith(`.${locale}.json`));
  const tree = Object.assign({}, ...files.map((name) => JSON.parse(readFileSync(resolve(folder, name), 'utf8')) as object));
  return (key) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
    if (typeof value !== 'string') throw new Error(`no ${locale} string ${key}`);
    return value;
  };
}
