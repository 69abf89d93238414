/**
 * A double click on the button that confirms a change made once (recording
 * a payment, a sale or a refund, voiding a sale, merging contacts, adjusting
 * points, adding a note), or Enter pressed twice in its form, sends one
 * request. The second click must neither repeat the change nor return an
 * error about it.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

async function signIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await field(page, 'Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseUrl}/customers`);
}

/** Sends a change through the API with the page's session and returns the record it created or changed. */
async function send(page: Page, baseUrl: string, method: 'POST' | 'PUT', path: string, data: unknown): Promise<{ id: string }> {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`${baseUrl}/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(response.status(), await response.text()).toBe(method === 'POST' ? 201 : 200);
  return (await response.json()) as { id: string };
}

const post = (page: Page, baseUrl: string, path: string, data: unknown) => send(page, baseUrl, 'POST', path, data);

/** Counts the requests the page sends with `method` to an API path matching `path`, from now on. */
function countRequests(page: Page, method: string, path: RegExp): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === method && path.test(new URL(request.url()).pathname)) count += 1;
  });
  return () => count;
}

/**
 * Clicks `target` twice within one task of the page. The second click lands
 * before the page renders the first one's result, as in a double click on a
 * busy phone, so a disabled button or a pending state read from the last
 * render cannot stop it. Playwright's own dblclick lets Chromium render
 * between its two clicks, so it passes even without a guard.
 */
async function doubleClick(target: Locator) {
  await target.evaluate((button: HTMLElement) => {
    button.click();
    button.click();
  });
}

/** Submits the form around `target` twice within one task, as Enter pressed twice on a busy device does. */
async function submitTwice(target: Locator) {
  await target.evaluate((input: HTMLInputElement) => {
    input.form?.requestSubmit();
    input.form?.requestSubmit();
  });
}

function customer(firstName: string, mobile: string) {
  return { type: 'customer', kind: 'individual', firstName, lastName: 'Roux', mobile };
}

describe('double clicks on confirm buttons', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    page = browser.page;
    await signIn(page, comptoir.url);
  });

  beforeEach(() => {
    browser.problems.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('records a payment once', async () => {
    const contact = await post(page, comptoir.url, '/contacts', customer('Rose', '06 12 34 56 05'));
    const payments = countRequests(page, 'POST', /^\/api\/v1\/payments$/);

    await page.goto(`${comptoir.url}/customers/${contact.id}/ledger`);
    await page.getByRole('button', { name: 'Encaisser', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Montant' }).fill('25,00');
    await doubleClick(dialog.getByRole('button', { name: 'Enregistrer l’encaissement' }));
    await dialog.getByTestId('payment-receipt').waitFor();

    expect(payments()).toBe(1);
    const ledger = await page.request.get(`${comptoir.url}/api/v1/contacts/${contact.id}/ledger`);
    expect(((await ledger.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect(browser.problems).toEqual([]);
  });

  it('records a payment once on Enter twice', async () => {
    const contact = await post(page, comptoir.url, '/contacts', customer('Jade', '06 12 34 56 06'));
    const payments = countRequests(page, 'POST', /^\/api\/v1\/payments$/);

    await page.goto(`${comptoir.url}/customers/${contact.id}/ledger`);
    await page.getByRole('button', { name: 'Encaisser', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const amount = dialog.getByRole('textbox', { name: 'Montant' });
    await amount.fill('12,00');
    await submitTwice(amount);
    await dialog.getByTestId('payment-receipt').waitFor();

    expect(payments()).toBe(1);
    expect(browser.problems).toEqual([]);
  });

  it('records a sale once', async () => {
    const contact = await post(page, comptoir.url, '/contacts', customer('Paul', '06 12 34 56 07'));
    const sales = countRequests(page, 'POST', /^\/api\/v1\/sales$/);

    await page.goto(`${comptoir.url}/sales/new?contactId=${contact.id}`);
    await page.getByText('Paul Roux').first().waitFor();
    const line = page.getByTestId('line-0');
    await line.getByRole('textbox', { name: 'Désignation' }).fill('Panier garni');
    await line.getByRole('textbox', { name: 'Prix unitaire HT' }).fill('30,00');
    await doubleClick(page.getByRole('button', { name: 'Valider la vente' }));
    await page.waitForURL(/\/sales\/[0-9a-f-]{36}$/);

    expect(sales()).toBe(1);
    const ledger = await page.request.get(`${comptoir.url}/api/v1/contacts/${contact.id}/ledger`);
    expect(((await ledger.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect(browser.problems).toEqual([]);
  });

  it('records a refund once', async () => {
    const contact = await post(page, comptoir.url, '/contacts', customer('Lise', '06 12 34 56 08'));
    await post(page, comptoir.url, '/payments', { contactId: contact.id, amount: '40.00', method: 'cash', date: '2026-03-02' });
    const refunds = countRequests(page, 'POST', /^\/api\/v1\/refunds$/);

    await page.goto(`${comptoir.url}/customers/${contact.id}/ledger`);
    await page.getByRole('button', { name: 'Rembourser', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Montant' }).fill('15,00');
    await doubleClick(dialog.getByRole('button', { name: 'Rembourser le client' }));
    await dialog.getByTestId('payment-receipt').waitFor();

    expect(refunds()).toBe(1);
    const ledger = await page.request.get(`${comptoir.url}/api/v1/contacts/${contact.id}/ledger`);
    expect(((await ledger.json()) as { items: unknown[] }).items).toHaveLength(2);
    expect(browser.problems).toEqual([]);
  });

  it('voids a sale once', async () => {
    const contact = await post(page, comptoir.url, '/contacts', customer('Inès', '06 12 34 56 01'));
    const sale = await post(page, comptoir.url, '/sales', {
      contactId: contact.id,
      date: '2026-03-02',
      status: 'final',
      lines: [{ description: 'Coffret', quantity: '1', unitPrice: '40.00' }],
    });

    await page.goto(`${comptoir.url}/sales/${sale.id}`);
    await page.getByRole('button', { name: 'Annuler la vente' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Annuler la vente' }).dblclick();
    await dialog.waitFor({ state: 'detached' });

    await page.getByText('Document annulé le', { exact: false }).waitFor();
    const ledger = await page.request.get(`${comptoir.url}/api/v1/contacts/${contact.id}/ledger`);
    const types = ((await ledger.json()) as { items: { type: string }[] }).items.map((item) => item.type);
    expect(types).toEqual(['sale', 'reversal']);
    expect(browser.problems).toEqual([]);
  });

  it('merges two contacts once', async () => {
    const keptContact = await post(page, comptoir.url, '/contacts', customer('Hugo', '06 12 34 56 02'));
    const mergedContact = await post(page, comptoir.url, '/contacts', customer('Hugo', '06 12 34 56 02'));

    await page.goto(`${comptoir.url}/contacts/merge?ids=${keptContact.id},${mergedContact.id}`);
    await page.getByTestId('merge-result').getByText('Hugo Roux', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Fusionner 2 fiches' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Fusionner 2 fiches' }).dblclick();
    await page.waitForURL(`${comptoir.url}/customers/${keptContact.id}`);

    await page.getByText('Contacts fusionnés dans Hugo Roux.').waitFor();
    expect(await page.getByText('L’opération a échoué').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('adjusts loyalty points once', async () => {
    await send(page, comptoir.url, 'PUT', '/loyalty/settings', { enabled: true });
    const contact = await post(page, comptoir.url, '/contacts', customer('Léna', '06 12 34 56 03'));

    await page.goto(`${comptoir.url}/customers/${contact.id}/loyalty`);
    const form = page.getByTestId('loyalty-adjust');
    await form.getByRole('textbox', { name: 'Points (+ ou −)' }).fill('10');
    await form.getByRole('textbox', { name: 'Motif' }).fill('Geste commercial');
    await form.getByRole('button', { name: 'Ajuster' }).dblclick();
    await page.getByText('Solde ajusté de 10 points.').waitFor();

    const loyalty = await page.request.get(`${comptoir.url}/api/v1/contacts/${contact.id}/loyalty`);
    const body = (await loyalty.json()) as { points: number; history: unknown[] };
    expect(body.points).toBe(10);
    expect(body.history).toHaveLength(1);
    expect(browser.problems).toEqual([]);
  });

  it('adds a note once', async () => {
    const contact = await post(page, comptoir.url, '/contacts', customer('Noé', '06 12 34 56 04'));

    await page.goto(`${comptoir.url}/customers/${contact.id}/notes`);
    await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Rappeler lundi');
    await page.getByRole('button', { name: 'Ajouter la note' }).dblclick();
    await page.getByText('Rappeler lundi', { exact: true }).first().waitFor();

    const notes = await page.request.get(`${comptoir.url}/api/v1/contacts/${contact.id}/notes`);
    expect(((await notes.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect(browser.problems).toEqual([]);
  });
});
