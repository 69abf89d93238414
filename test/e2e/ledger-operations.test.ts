/**
 * Money operations on a customer's ledger tab, in French and in English.
 * The shop applies a contact's credit to its open debts at every posting, so
 * an overpayment leaves an advance with nothing open. The first test refunds
 * part of that advance, then reverses the payment: what it had settled is
 * due again, and the advance left settles the oldest debt at once. An
 * account written before that rule still keeps an advance beside an open
 * sale, and the second test applies it from the Apply advance dialog. After
 * each step the running balances on screen are checked against the ledger
 * the API returns, and the figures against the account it returns. A third
 * test edits a parked sale before confirming it, then records a discount and
 * reverses it from its ledger line.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadItem, undoAllocations } from '../../src/ledger/open-items.ts';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

interface Wording {
  locale: 'fr' | 'en';
  signInTitle: string;
  email: string;
  password: string;
  signIn: string;
  ledgerTab: string;
  apply: string;
  applySubmit: string;
  willApply: (amount: string) => string;
  refund: string;
  refundSubmit: string;
  amount: string;
  receipt: RegExp;
  reverse: (reference: string) => string;
  reason: string;
  reverseSubmit: string;
  close: string;
  money: (text: string) => string;
  decimal: (text: string) => string;
}

const french: Wording = {
  locale: 'fr',
  signInTitle: 'Connexion',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  ledgerTab: 'Compte',
  apply: 'Imputer l’avance',
  applySubmit: 'Imputer',
  willApply: (amount) => `${amount} seront imputés, échéance la plus ancienne d’abord.`,
  refund: 'Rembourser',
  refundSubmit: 'Rembourser le client',
  amount: 'Montant',
  receipt: /^Remboursement \S+ de 20,00 € versé\.$/,
  reverse: (reference) => `Contrepasser ${reference}`,
  reason: 'Motif',
  reverseSubmit: 'Contrepasser',
  close: 'Fermer',
  money: (text) => `${text.replace('.', ',')} €`,
  decimal: (text) => text.replace('.', ','),
};

const english: Wording = {
  locale: 'en',
  signInTitle: 'Sign in',
  email: 'Email address',
  password: 'Password',
  signIn: 'Sign in',
  ledgerTab: 'Ledger',
  apply: 'Apply advance',
  applySubmit: 'Apply',
  willApply: (amount) => `${amount} will be applied, oldest due date first.`,
  refund: 'Refund',
  refundSubmit: 'Refund the customer',
  amount: 'Amount',
  receipt: /^Refund \S+ of €20\.00 paid\.$/,
  reverse: (reference) => `Reverse ${reference}`,
  reason: 'Reason',
  reverseSubmit: 'Reverse',
  close: 'Close',
  money: (text) => `€${text}`,
  decimal: (text) => text,
};

/** Text as a reader sees it: Intl's no-break and narrow no-break spaces read as spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Returns the ISO date `days` before today in the business's time zone. */
function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

async function post<T>(page: Page, baseUrl: string, path: string, data: unknown): Promise<T> {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.post(`${baseUrl}/api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as T;
}

async function getJson<T>(page: Page, baseUrl: string, path: string): Promise<T> {
  const response = await page.request.get(`${baseUrl}/api/v1${path}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

interface ApiLedger {
  closingBalance: string;
  items: { reference: string; type: string; balance: string }[];
}

interface ApiAccount {
  balance: string;
  receivable: string;
  advance: string;
}

interface ApiOpenItem {
  reference: string;
  openAmount: string;
}

const line = (amount: string) => [{ description: 'Panier', quantity: 1, unitPrice: amount }];

/** Formats a balance as the screen shows it, with its sign unless it is zero. */
function signedMoney(w: Wording, value: string): string {
  if (value.startsWith('-')) return `-${w.money(value.slice(1))}`;
  if (value === '0.00') return w.money(value);
  return `+${w.money(value)}`;
}

/** Checks on one contact's ledger tab, each against what the API returns. */
function ledgerTab(page: Page, baseUrl: string, contactId: string, w: Wording) {
  const table = page.getByTestId('ledger-table');
  const figureValue = async (name: string) =>
    plain(await page.getByTestId(`figure-${name}`).locator('.figure-value').textContent());

  /** Waits until the table shows `count` lines, then compares every balance with the API's. */
  const expectLedgerMatches = async (count: number) => {
    await page.waitForFunction(
      (expected) => document.querySelectorAll('[data-testid="ledger-table"] [data-testid="ledger-line"]').length === expected,
      count,
    );
    const ledger = await getJson<ApiLedger>(page, baseUrl, `/contacts/${contactId}/ledger`);
    expect(ledger.items).toHaveLength(count);
    const shown = await table.locator('[data-testid="ledger-line"] [data-testid="ledger-balance"]').allTextContents();
    expect(shown.map(plain)).toEqual(ledger.items.map((item) => signedMoney(w, item.balance)));
    const closing = plain(await table.getByTestId('ledger-closing').textContent());
    expect(closing.endsWith(signedMoney(w, ledger.closingBalance))).toBe(true);
    return ledger;
  };

  /** Waits until the balance, receivable and advance cards show the API's account, then checks each. */
  const expectFiguresMatch = async () => {
    const account = await getJson<ApiAccount>(page, baseUrl, `/contacts/${contactId}/account`);
    const expected = {
      balance: signedMoney(w, account.balance),
      receivable: w.money(account.receivable),
      advance: w.money(account.advance),
    };
    // A mismatch fails on the checks below, which name the figure, once the wait gives up.
    await page
      .waitForFunction(
        (want) =>
          Object.entries(want).every(([name, text]) => {
            const shown = document.querySelector(`[data-testid="figure-${name}"] .figure-value`)?.textContent ?? '';
            return shown.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim() === text;
          }),
        expected,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    expect(await figureValue('balance')).toBe(expected.balance);
    expect(await figureValue('receivable')).toBe(expected.receivable);
    expect(await figureValue('advance')).toBe(expected.advance);
    return account;
  };

  const applyButtons = () => page.getByRole('button', { name: w.apply }).count();
  const openItems = async () => {
    const answer = await getJson<{ items: ApiOpenItem[] } | ApiOpenItem[]>(page, baseUrl, `/contacts/${contactId}/open-items`);
    const items = Array.isArray(answer) ? answer : answer.items;
    return items.map((item) => [item.reference, item.openAmount]);
  };

  return { table, expectLedgerMatches, expectFiguresMatch, applyButtons, openItems };
}

describe.each([french, english])('ledger operations in $locale', (w) => {
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

  const openLedger = async (contactId: string) => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers/${contactId}`);
    await page.getByRole('tab', { name: w.ledgerTab }).click();
    await page.getByTestId('ledger-table').waitFor();
    return ledgerTab(page, comptoir.url, contactId, w);
  };

  it('refunds and reverses with matching balances', async () => {
    const { page } = browser;
    const dialog = page.getByRole('dialog');

    // A sale paid with more than its total: the rest settles the next sale at
    // once, and a second payment, with nothing left open, stays an advance.
    const { id: contactId } = await post<{ id: string }>(page, comptoir.url, '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Lucie', lastName: 'Moreau', mobile: '06 98 76 54 32',
    });
    const first = await post<{ reference: string }>(page, comptoir.url, '/sales', {
      contactId, date: daysAgo(10), status: 'final', lines: line('80.00'),
    });
    const payment = await post<{ reference: string }>(page, comptoir.url, '/payments', {
      contactId, amount: '200.00', method: 'cash', date: daysAgo(9),
    });
    const second = await post<{ reference: string }>(page, comptoir.url, '/sales', {
      contactId, date: daysAgo(5), status: 'final', lines: line('60.00'),
    });
    const later = await post<{ reference: string }>(page, comptoir.url, '/payments', {
      contactId, amount: '50.00', method: 'cash', date: daysAgo(3),
    });

    const tab = await openLedger(contactId);
    const before = await tab.expectLedgerMatches(4);
    expect(before.closingBalance).toBe('-110.00');
    expect(await tab.expectFiguresMatch()).toMatchObject({ advance: '110.00', receivable: '0.00' });
    // Only the two payments are open: the advance has no debt to settle.
    expect(await tab.openItems()).toEqual([
      [payment.reference, '60.00'],
      [later.reference, '50.00'],
    ]);
    expect(await tab.applyButtons()).toBe(0);

    // Refund 20.00 of the 110.00 advance.
    await page.getByRole('button', { name: w.refund, exact: true }).click();
    const amount = dialog.getByRole('textbox', { name: w.amount });
    await amount.waitFor();
    expect(await amount.inputValue()).toBe(w.decimal('110.00'));
    await amount.fill(w.decimal('20.00'));
    await dialog.getByRole('button', { name: w.refundSubmit }).click();
    const receipt = dialog.getByTestId('payment-receipt');
    await receipt.waitFor();
    expect(plain(await receipt.getByRole('alert').textContent())).toMatch(w.receipt);
    await dialog.getByRole('button', { name: w.close }).click();
    await dialog.waitFor({ state: 'hidden' });
    const afterRefund = await tab.expectLedgerMatches(5);
    expect(afterRefund.closingBalance).toBe('-90.00');
    expect(afterRefund.items.at(-1)?.type).toBe('refund_paid');
    expect(await tab.expectFiguresMatch()).toMatchObject({ advance: '90.00', receivable: '0.00' });
    expect(await tab.applyButtons()).toBe(0);

    // Reverse the first payment: both sales and the refund it had settled are
    // due again, and the second payment's 50.00 settles the oldest sale.
    await tab.table.getByRole('button', { name: w.reverse(payment.reference) }).click();
    await dialog.getByRole('textbox', { name: w.reason }).fill(w.locale === 'fr' ? 'Chèque impayé' : 'Bounced cheque');
    await dialog.getByRole('button', { name: w.reverseSubmit, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const afterReversal = await tab.expectLedgerMatches(6);
    expect(afterReversal.closingBalance).toBe('110.00');
    expect(afterReversal.items.at(-1)).toMatchObject({ reference: payment.reference, type: 'reversal' });
    expect(await tab.expectFiguresMatch()).toMatchObject({ advance: '0.00', receivable: '110.00' });
    const refundReference = afterRefund.items.at(-1)?.reference;
    expect(await tab.openItems()).toEqual([
      [first.reference, '30.00'],
      [second.reference, '60.00'],
      [refundReference, '20.00'],
    ]);
    // No credit is left to apply, and a reversed payment offers no second reversal.
    expect(await tab.applyButtons()).toBe(0);
    expect(await tab.table.getByRole('button', { name: w.reverse(payment.reference) }).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('applies an advance kept beside an open sale', async () => {
    const { page } = browser;
    const dialog = page.getByRole('dialog');

    const { id: contactId } = await post<{ id: string }>(page, comptoir.url, '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Jeanne', lastName: 'Roux', mobile: '06 55 44 33 22',
    });
    await post(page, comptoir.url, '/sales', { contactId, date: daysAgo(8), status: 'final', lines: line('50.00') });
    const payment = await post<{ reference: string }>(page, comptoir.url, '/payments', {
      contactId, amount: '120.00', method: 'cash', date: daysAgo(7),
    });
    const open = await post<{ id: string; reference: string }>(page, comptoir.url, '/sales', {
      contactId, date: daysAgo(4), status: 'final', lines: line('40.00'),
    });

    // Writes the account as it stood before credits were applied at every
    // posting: the last sale left open beside the payment's 70.00.
    const { kysely } = comptoir.database.db;
    await kysely.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('open_items')
        .where('source_type', '=', 'document')
        .where('source_id', '=', open.id)
        .select(['id', 'business_id'])
        .executeTakeFirstOrThrow();
      const item = await loadItem(trx, row.business_id, row.id);
      if (!item) throw new Error(`open item ${row.id} of sale ${open.reference} not found`);
      await undoAllocations(trx, item, null);
    });

    const tab = await openLedger(contactId);
    const before = await tab.expectLedgerMatches(3);
    expect(before.closingBalance).toBe('-30.00');
    expect(await tab.expectFiguresMatch()).toMatchObject({ advance: '70.00', receivable: '40.00' });

    // Apply the advance: oldest due first, it settles the whole open sale.
    await page.getByRole('button', { name: w.apply }).click();
    await dialog.getByTestId('apply-credit').waitFor();
    expect(plain(await dialog.getByTestId('apply-credit').textContent())).toBe(w.money('70.00'));
    await dialog.getByText(w.willApply(w.money('40.00'))).waitFor();
    await dialog.getByRole('button', { name: w.applySubmit, exact: true }).click();
    const applied = dialog.getByTestId('advance-applied');
    await applied.waitFor();
    const rows = (await applied.locator('tbody tr').allTextContents()).map(plain);
    expect(rows).toEqual([`${open.reference}${payment.reference}${w.money('40.00')}`]);
    await dialog.getByRole('button', { name: w.close }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Applying adds no ledger line and moves no balance. The button is gone once nothing is open.
    const after = await tab.expectLedgerMatches(3);
    expect(after.closingBalance).toBe('-30.00');
    expect(await tab.expectFiguresMatch()).toMatchObject({ advance: '30.00', receivable: '0.00' });
    expect(await tab.openItems()).toEqual([[payment.reference, '30.00']]);
    expect(await tab.applyButtons()).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});

describe('parked sale and discount in fr', () => {
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

  it('edits a parked sale, then writes off and restores a discount', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await page.getByLabel(french.email).fill(ADMIN.email);
    await field(page, french.password).fill(ADMIN.password);
    await page.getByRole('button', { name: french.signIn }).click();
    await page.waitForURL(`${comptoir.url}/customers`);

    const { id: contactId } = await post<{ id: string }>(page, comptoir.url, '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Paul', lastName: 'Girard', mobile: '06 11 22 33 44',
    });
    const parked = await post<{ id: string; reference: string }>(page, comptoir.url, '/sales', {
      contactId, date: daysAgo(2), status: 'parked', lines: [{ description: 'Coffret de thés', quantity: 1, unitPrice: '30.00' }],
    });

    // The parked sale opens in the document form; three boxes instead of one, then confirmed.
    await page.goto(`${comptoir.url}/sales/${parked.id}`);
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByRole('heading', { name: `Modifier ${parked.reference}` }).waitFor();
    const first = page.getByTestId('line-0');
    expect(await first.getByRole('textbox', { name: 'Désignation' }).inputValue()).toBe('Coffret de thés');
    await first.getByRole('textbox', { name: 'Quantité' }).fill('3');
    // The total follows the server's quote, which comes a moment after the typing stops.
    await expect.poll(async () => plain(await page.getByTestId('form-total').textContent())).toBe('90,00 €');
    await page.getByRole('button', { name: 'Valider la vente' }).click();
    await page.waitForURL(`${comptoir.url}/sales/${parked.id}`);
    expect(plain(await page.getByTestId('document-saved').textContent())).toBe(`Vente ${parked.reference} enregistrée.`);
    expect(plain(await page.getByTestId('document-open').textContent())).toContain('90,00 €');

    // A 0,50 € write-off, then its reversal from the ledger line.
    await page.goto(`${comptoir.url}/customers/${contactId}/ledger`);
    const table = page.getByTestId('ledger-table');
    await table.waitFor();
    await page.getByRole('button', { name: 'Remise', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Montant' }).fill('0,50');
    await dialog.getByRole('textbox', { name: 'Motif' }).fill('Arrondi');
    await dialog.getByRole('button', { name: 'Enregistrer la remise' }).click();
    await dialog.getByTestId('discount-saved').waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ledger-table"] [data-testid="ledger-line"]').length === 2);
    expect(plain(await table.getByTestId('ledger-closing').textContent())).toBe('Solde actuel+89,50 €');

    const discountLine = table.locator('[data-testid="ledger-line"]', { hasText: 'Arrondi' });
    await discountLine.getByTestId('reverse-line').click();
    await dialog.getByRole('textbox', { name: 'Motif' }).fill('Remise accordée par erreur');
    await dialog.getByRole('button', { name: 'Contrepasser', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ledger-table"] [data-testid="ledger-line"]').length === 3);
    expect(plain(await table.getByTestId('ledger-closing').textContent())).toBe('Solde actuel+90,00 €');
    const ledger = await getJson<ApiLedger>(page, comptoir.url, `/contacts/${contactId}/ledger`);
    expect(ledger.items.map((item) => [item.type, item.balance])).toEqual([
      ['sale', '90.00'],
      ['discount', '89.50'],
      ['reversal', '90.00'],
    ]);
    expect(browser.problems).toEqual([]);
  });
});
