/**
 * A credit sale through to the statement, in French and in English. The
 * test enters a sale for a customer picked by name, after seeing its balance
 * and available credit, and reads the new balance in the customer list. It
 * pays part of it from the list row, where a double click records one
 * payment, then reads the ledger's running balance and the statement PDF.
 */
import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

interface Wording {
  locale: 'fr' | 'en';
  signInTitle: string;
  email: string;
  password: string;
  signIn: string;
  customersTitle: string;
  sales: string;
  newSale: string;
  customerPicker: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  taxRate: string;
  confirmSale: string;
  saleSaved: RegExp;
  money: (text: string) => string;
  receive: string;
  amount: string;
  method: string;
  cheque: string;
  reference: string;
  submitPayment: string;
  receipt: RegExp;
  nothingLeft: string;
  close: string;
  ledgerTab: string;
  from: string;
  broughtForward: (date: string) => string;
  saleType: string;
  paymentType: string;
  currentBalance: string;
  statement: string;
  statementTitle: string;
  clearFilters: string;
}

const french: Wording = {
  locale: 'fr',
  signInTitle: 'Connexion',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  customersTitle: 'Clients',
  sales: 'Ventes',
  newSale: 'Nouvelle vente',
  customerPicker: 'Client',
  description: 'Désignation',
  quantity: 'Quantité',
  unitPrice: 'Prix unitaire HT',
  discount: 'Remise',
  taxRate: 'TVA',
  confirmSale: 'Valider la vente',
  saleSaved: /^Vente VE\S+ enregistrée\.$/,
  money: (text) => `${text.replace('.', ',')} €`,
  receive: 'Encaisser',
  amount: 'Montant',
  method: 'Mode de paiement',
  cheque: 'Chèque',
  reference: 'Référence',
  submitPayment: 'Enregistrer l’encaissement',
  receipt: /^Règlement \S+ de 50,00 € reçu\.$/,
  nothingLeft: 'Le règlement est entièrement imputé, rien ne reste en avance.',
  close: 'Fermer',
  ledgerTab: 'Compte',
  from: 'Du',
  broughtForward: (date) => `Solde au ${date} (report)`,
  saleType: 'Vente',
  paymentType: 'Règlement reçu',
  currentBalance: 'Solde actuel',
  statement: 'Relevé PDF',
  statementTitle: 'Relevé de compte',
  clearFilters: 'Effacer les filtres',
};

const english: Wording = {
  locale: 'en',
  signInTitle: 'Sign in',
  email: 'Email address',
  password: 'Password',
  signIn: 'Sign in',
  customersTitle: 'Customers',
  sales: 'Sales',
  newSale: 'New sale',
  customerPicker: 'Customer',
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price excl. tax',
  discount: 'Discount',
  taxRate: 'Tax rate',
  confirmSale: 'Confirm the sale',
  saleSaved: /^Sale \S+ recorded\.$/,
  money: (text) => `€${text}`,
  receive: 'Receive payment',
  amount: 'Amount',
  method: 'Payment method',
  cheque: 'Cheque',
  reference: 'Reference',
  submitPayment: 'Record the payment received',
  receipt: /^Payment \S+ of €50\.00 received\.$/,
  nothingLeft: 'The whole payment is allocated; nothing is left as an advance.',
  close: 'Close',
  ledgerTab: 'Ledger',
  from: 'From',
  broughtForward: (date) => `Balance on ${date} (brought forward)`,
  saleType: 'Sale',
  paymentType: 'Payment received',
  currentBalance: 'Current balance',
  statement: 'PDF statement',
  statementTitle: 'Statement of account',
  clearFilters: 'Clear the filters',
};

/** Formats a date as the app shows it (`medium` style): `24 nov. 2026`, `24 Nov 2026`. */
function shortDate(iso: string, locale: 'fr' | 'en'): string {
  const format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
  return plain(format.format(new Date(`${iso}T00:00:00Z`)));
}

/** Text as a reader sees it: Intl's no-break and narrow no-break spaces read as spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

async function textsOf(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allTextContents()).map(plain);
}

/** Returns the date `days` before today in the business's time zone, as the API (`iso`) and a user (`typed`) write it. */
function daysAgo(days: number): { iso: string; typed: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  const iso = date.toISOString().slice(0, 10);
  return { iso, typed: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` };
}

async function pdfText(path: string): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(await readFile(path)) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

async function apiHeaders(page: Page, baseUrl: string): Promise<Record<string, string>> {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return { 'X-CSRF-Token': csrfToken };
}

/** Creates a customer with a 30-day term and a 500 € credit limit through the API, with the browser's session. */
async function addCustomer(page: Page, baseUrl: string): Promise<string> {
  const response = await page.request.post(`${baseUrl}/api/v1/contacts`, {
    data: {
      type: 'customer',
      kind: 'individual',
      firstName: 'Marie',
      lastName: 'Dupont',
      mobile: '06 12 34 56 78',
      creditLimit: '500.00',
      payTerm: { number: 30, unit: 'days', endOfMonth: false },
    },
    headers: await apiHeaders(page, baseUrl),
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe.each([french, english])('credit sale to statement in $locale', (w) => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('records a sale, a part payment and reads the ledger', async () => {
    const { page } = browser;
    const money = w.money;

    await page.goto(`${comptoir.url}/sign-in`);
    if (w.locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('heading', { name: w.signInTitle }).waitFor();
    await page.getByLabel(w.email).fill(ADMIN.email);
    await field(page, w.password).fill(ADMIN.password);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
    const contactId = await addCustomer(page, comptoir.url);

    // The sale form: the picker shows the balance and the credit left before confirming.
    await page.getByRole('navigation').getByRole('link', { name: w.sales, exact: true }).click();
    await page.getByRole('link', { name: w.newSale }).first().click();
    await page.getByRole('textbox', { name: w.customerPicker }).fill('dupont');
    await page.getByRole('option', { name: /Marie Dupont/ }).click();
    const picked = page.getByTestId('selected-contact');
    await picked.waitFor();
    expect(plain(await picked.getByTestId('selected-balance').textContent())).toBe(money('0.00'));
    await page.getByTestId('selected-available').waitFor();
    expect(plain(await picked.getByTestId('selected-available').textContent())).toBe(money('500.00'));

    // Dated ten days ago, so a ledger range starting yesterday folds it into the opening line.
    const saleDate = daysAgo(10);
    await field(page, 'Date').fill(saleDate.typed);
    const first = page.getByTestId('line-0');
    await first.getByRole('textbox', { name: w.description }).fill('Panier garni');
    await first.getByRole('textbox', { name: w.quantity }).fill('2');
    await first.getByRole('textbox', { name: w.unitPrice }).fill(w.locale === 'fr' ? '45,50' : '45.50');
    await first.getByRole('combobox', { name: w.taxRate }).fill('20');
    await page.getByRole('button', { name: /Ajouter une ligne|Add a line/ }).click();
    const second = page.getByTestId('line-1');
    await second.getByRole('textbox', { name: w.description }).fill('Café en grains 1 kg');
    await second.getByRole('textbox', { name: w.unitPrice }).fill(w.locale === 'fr' ? '18,90' : '18.90');
    await second.getByRole('textbox', { name: w.discount }).fill('10');
    await second.getByRole('combobox', { name: w.taxRate }).fill(w.locale === 'fr' ? '5,5' : '5.5');
    // 2 × 45.50 + 20 % = 109.20; 18.90 − 10 % = 17.01, + 5.5 % = 17.95 (0.93555 rounds up).
    // The form computes the totals after each keystroke renders, so a loaded machine may show them a moment later.
    await expect.poll(() => textsOf(page, '[data-testid="line-total"]')).toEqual([money('109.20'), money('17.95')]);
    await expect.poll(async () => plain(await page.getByTestId('form-total').textContent())).toBe(money('127.15'));
    await page.getByRole('button', { name: w.confirmSale }).click();

    await page.waitForURL(/\/sales\/[0-9a-f-]{36}$/);
    const saved = plain(await page.getByTestId('document-saved').textContent());
    expect(saved).toMatch(w.saleSaved);
    const saleReference = saved.split(' ')[1] ?? '';
    expect(plain(await page.getByTestId('document-open').textContent())).toContain(money('127.15'));

    // The list shows the new balance; the row's button opens the Pay dialog prefilled with it.
    await page.getByRole('navigation').getByRole('link', { name: w.customersTitle, exact: true }).click();
    const row = page.locator('tbody tr', { hasText: 'Marie Dupont' });
    await row.waitFor();
    // The list may first show its cached page, then the refetched balance.
    await expect.poll(async () => plain(await row.textContent()), { timeout: 10_000 }).toContain(`+${money('127.15')}`);
    await row.getByRole('button', { name: w.receive }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const amount = dialog.getByRole('textbox', { name: w.amount });
    expect(await amount.inputValue()).toBe(w.locale === 'fr' ? '127,15' : '127.15');
    await amount.fill(w.locale === 'fr' ? '50,00' : '50.00');
    await dialog.getByRole('combobox', { name: w.method }).click();
    await page.getByRole('option', { name: w.cheque }).click();
    await dialog.getByRole('textbox', { name: w.reference }).fill('Chèque 0042');
    // Two quick clicks send one Idempotency-Key twice at most: one payment is recorded.
    await dialog.getByRole('button', { name: w.submitPayment }).dblclick();
    const receipt = dialog.getByTestId('payment-receipt');
    await receipt.waitFor();
    expect(plain(await receipt.getByRole('alert').textContent())).toMatch(w.receipt);
    const allocations = await textsOf(page, '[data-testid="payment-allocations"] tbody tr');
    expect(allocations).toEqual([`${saleReference}${w.saleType}${money('50.00')}`]);
    expect(plain(await receipt.getByTestId('payment-advance').textContent())).toBe(w.nothingLeft);
    await dialog.getByRole('button', { name: w.close }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(
      (expected) => document.querySelector('tbody tr')?.textContent?.replace(/[\u00a0\u202f]/g, ' ').includes(expected),
      `+${money('77.15')}`,
    );

    const payments = await page.request.get(`${comptoir.url}/api/v1/payments?contactId=${contactId}`);
    const recorded = ((await payments.json()) as { items: { amount: string; externalReference: string | null }[] }).items;
    expect(recorded.map((payment) => [payment.amount, payment.externalReference])).toEqual([['50.00', 'Chèque 0042']]);

    // The ledger tab: the sale, the payment, and each line's running balance.
    await row.getByRole('link', { name: 'Marie Dupont' }).click();
    await page.getByRole('tab', { name: w.ledgerTab }).click();
    await page.getByTestId('ledger-table').waitFor();
    const lines = page.locator('[data-testid="ledger-table"] [data-testid="ledger-line"]');
    await lines.nth(1).waitFor();
    const cells = async (index: number) =>
      (await lines.nth(index).locator('td').allTextContents()).map(plain);
    const saleLine = await cells(0);
    expect(saleLine[1]).toBe(saleReference);
    expect(saleLine[2]).toBe(w.saleType);
    expect(saleLine.slice(4, 7)).toEqual([money('127.15'), '', `+${money('127.15')}`]);
    const paymentLine = await cells(1);
    expect(paymentLine[2]).toBe(w.paymentType);
    expect(paymentLine.slice(4, 7)).toEqual(['', money('50.00'), `+${money('77.15')}`]);
    expect(saleLine[0]).toBe(shortDate(saleDate.iso, w.locale));
    expect(await lines.count()).toBe(2);
    expect(plain(await page.locator('[data-testid="ledger-table"] [data-testid="ledger-closing"]').textContent())).toBe(
      `${w.currentBalance}+${money('77.15')}`,
    );
    expect(plain(await page.getByTestId('figure-balance').textContent())).toContain(`+${money('77.15')}`);

    // From yesterday on, the sale folds into the opening line and only the payment is listed.
    const yesterday = daysAgo(1);
    await field(page, w.from).fill(yesterday.typed);
    await page.waitForURL(new RegExp(`from=${yesterday.iso}`));
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="ledger-table"] [data-testid="ledger-line"]').length === 1,
    );
    expect(plain(await page.locator('[data-testid="ledger-table"] [data-testid="ledger-opening"]').textContent())).toBe(
      `${w.broughtForward(shortDate(yesterday.iso, w.locale))}+${money('127.15')}`,
    );
    const onlyLine = await cells(0);
    expect(onlyLine[2]).toBe(w.paymentType);
    expect(onlyLine[6]).toBe(`+${money('77.15')}`);
    await page.getByRole('button', { name: w.clearFilters }).click();
    await lines.nth(1).waitFor();

    // The statement downloads in the UI language, with the same figures.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: w.statement }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(w.locale === 'fr' ? /^releve-CO\d+\.pdf$/ : /^statement-CO\d+\.pdf$/);
    const text = plain(await pdfText(await download.path()));
    expect(text).toContain(w.statementTitle);
    expect(text).toContain('Marie Dupont');
    expect(text).toContain(saleReference);
    expect(text).toContain(`+${money('127.15')}`);
    expect(text).toContain(`+${money('77.15')}`);
    expect(text).toContain(money('50.00'));

    expect(browser.problems).toEqual([]);
  });
});
