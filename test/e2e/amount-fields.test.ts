/**
 * Amount fields in the user's convention, in French and in English: a
 * payment typed `1 234,50` (or `1,234.50`) is recorded as 1234.50, an
 * ambiguous or malformed amount is shown as an error on its field and
 * nothing is sent, and a signed opening balance typed on the contact form
 * reaches the ledger.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

interface Wording {
  locale: 'fr' | 'en';
  signInTitle: string;
  email: string;
  password: string;
  signIn: string;
  receive: string;
  amount: string;
  submit: string;
  prefilled: string;
  badTyped: string;
  badMessage: string;
  typed: string;
  tidied: string;
  receipt: RegExp;
  newCustomer: string;
  firstName: string;
  mobile: string;
  openingBalance: string;
  openingTyped: string;
  openingTidied: string;
  create: string;
}

const french: Wording = {
  locale: 'fr',
  signInTitle: 'Connexion',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  receive: 'Encaisser',
  amount: 'Montant',
  submit: 'Enregistrer l’encaissement',
  prefilled: '2 000,00',
  badTyped: '12.345',
  badMessage:
    '« 12.345 » est ambigu : le point peut séparer les milliers ou les décimales. Écrivez par exemple 1 234,50, avec une virgule avant les décimales.',
  typed: '1 234,50',
  tidied: '1 234,50',
  receipt: /^Règlement \S+ de 1\s234,50\s€ reçu\.$/,
  newCustomer: 'Nouveau client',
  firstName: 'Prénom',
  mobile: 'Mobile',
  openingBalance: 'Solde d’ouverture',
  openingTyped: '-1234,5',
  openingTidied: '-1 234,50',
  create: 'Créer le client',
};

const english: Wording = {
  locale: 'en',
  signInTitle: 'Sign in',
  email: 'Email address',
  password: 'Password',
  signIn: 'Sign in',
  receive: 'Receive payment',
  amount: 'Amount',
  submit: 'Record the payment received',
  prefilled: '2,000.00',
  badTyped: '1.234',
  badMessage: '“1.234” has too many decimals: at most 2, as in 1,234.50.',
  typed: '1,234.50',
  tidied: '1,234.50',
  receipt: /^Payment \S+ of €1,234\.50 received\.$/,
  newCustomer: 'New customer',
  firstName: 'First name',
  mobile: 'Mobile',
  openingBalance: 'Opening balance',
  openingTyped: '-1234.5',
  openingTidied: '-1,234.50',
  create: 'Create the customer',
};

/** Text as a reader sees it: Intl's no-break and narrow no-break spaces read as spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Returns today's date in the business's time zone. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

async function post<T>(page: Page, baseUrl: string, path: string, data: unknown): Promise<T> {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.post(`${baseUrl}/api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as T;
}

describe.each([french, english])('amount fields in $locale', (w) => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    if (w.locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('heading', { name: w.signInTitle }).waitFor();
    await page.getByLabel(w.email).fill(ADMIN.email);
    await field(page, w.password).fill(ADMIN.password);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('records a payment typed in the user form', async () => {
    const { page } = browser;
    const { id: contactId } = await post<{ id: string }>(page, comptoir.url, '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Lucie', lastName: 'Moreau', mobile: '06 98 76 54 32',
    });
    await post(page, comptoir.url, '/sales', {
      contactId, date: today(), status: 'final', lines: [{ description: 'Vélo', quantity: '1', unitPrice: '2000.00' }],
    });
    const payments = () =>
      comptoir.database.db.kysely.selectFrom('payments').select('amount').where('contact_id', '=', contactId).execute();

    await page.goto(`${comptoir.url}/customers/${contactId}`);
    await page.getByRole('button', { name: w.receive, exact: true }).click();
    const dialog = page.getByRole('dialog');
    const amount = dialog.getByRole('textbox', { name: w.amount });
    await amount.waitFor();
    expect(plain(await amount.inputValue())).toBe(w.prefilled);

    // Leaving the field shows the problem at once, and a submit sends nothing.
    await amount.fill(w.badTyped);
    await amount.blur();
    const error = dialog.locator('.mantine-TextInput-error');
    await error.waitFor();
    expect(plain(await error.textContent())).toBe(w.badMessage);
    await dialog.getByRole('button', { name: w.submit }).click();
    await error.waitFor();
    expect(plain(await error.textContent())).toBe(w.badMessage);
    expect(await payments()).toEqual([]);

    await amount.fill(w.typed);
    await amount.blur();
    expect(plain(await amount.inputValue())).toBe(w.tidied);
    expect(await error.count()).toBe(0);
    await dialog.getByRole('button', { name: w.submit }).click();
    const receipt = dialog.getByText(w.receipt);
    await receipt.waitFor();
    expect((await payments()).map((payment) => Number(payment.amount))).toEqual([123450]);
    expect(browser.problems).toEqual([]);
  });

  it('saves a signed opening balance', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByRole('link', { name: w.newCustomer }).first().click();
    await field(page, w.firstName).fill(`Paul ${w.locale}`);
    await field(page, w.mobile).fill(w.locale === 'fr' ? '06 11 22 33 44' : '06 11 22 33 55');
    const opening = field(page, w.openingBalance);
    await opening.fill(w.openingTyped);
    await opening.blur();
    expect(plain(await opening.inputValue())).toBe(w.openingTidied);
    await page.getByRole('button', { name: w.create }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);

    const contact = await comptoir.database.db.kysely
      .selectFrom('contacts')
      .select(['opening_balance', 'balance'])
      .where('first_name', '=', `Paul ${w.locale}`)
      .executeTakeFirstOrThrow();
    expect(Number(contact.opening_balance)).toBe(-123450);
    expect(Number(contact.balance)).toBe(-123450);
    expect(browser.problems).toEqual([]);
  });
});
