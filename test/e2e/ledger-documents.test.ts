/**
 * The back-office document screens in French. A sale over the credit limit
 * is refused with the limit, exposure and amount shown, then recorded with
 * an override and its reason. A return is limited to what was sold. A
 * parked sale is finalised, then voided after confirmation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

/** Text as a reader sees it: Intl's no-break and narrow no-break spaces read as spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

async function signIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await field(page, 'Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseUrl}/customers`);
}

async function addCustomer(page: Page, baseUrl: string, body: Record<string, unknown>): Promise<string> {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.post(`${baseUrl}/api/v1/contacts`, {
    data: { type: 'customer', kind: 'individual', mobile: '06 12 34 56 78', ...body },
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Opens the sale form for a contact and types one line without tax. */
async function startSale(page: Page, baseUrl: string, contactId: string, description: string, price: string) {
  await page.goto(`${baseUrl}/sales/new?contactId=${contactId}`);
  await page.getByTestId('selected-contact').waitFor();
  const line = page.getByTestId('line-0');
  await line.getByRole('textbox', { name: 'Désignation' }).fill(description);
  await line.getByRole('textbox', { name: 'Quantité' }).fill('1');
  await line.getByRole('textbox', { name: 'Prix unitaire HT' }).fill(price);
}

describe('sale documents in French', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    // The refused sale returns 409 on purpose.
    browser.expectFailedRequests(/\/api\/v1\/sales$/);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('overrides the credit limit, then returns', async () => {
    const { page } = browser;
    await signIn(page, comptoir.url);
    const contactId = await addCustomer(page, comptoir.url, {
      firstName: 'Paul',
      lastName: 'Girard',
      creditLimit: '100.00',
    });

    await startSale(page, comptoir.url, contactId, 'Coffret de vins', '150,00');
    await page.getByTestId('credit-preview').waitFor();
    expect(plain(await page.getByTestId('credit-preview').textContent())).toBe(
      'Cette vente laisse 150,00 € à crédit, plus que les 100,00 € de crédit disponible : elle sera refusée sans dépassement autorisé.',
    );
    await page.getByRole('button', { name: 'Valider la vente' }).click();
    const refusal = page.getByTestId('credit-limit-refusal');
    await refusal.waitFor();
    expect(plain(await refusal.textContent())).toContain('Plafond100,00 €');
    expect(plain(await refusal.textContent())).toContain('Déjà dû0,00 €');
    expect(plain(await refusal.textContent())).toContain('Cette vente ajoute150,00 €');
    const override = refusal.getByRole('button', { name: 'Dépasser le plafond et enregistrer' });
    expect(await override.isDisabled()).toBe(true);
    await refusal.getByRole('textbox', { name: 'Motif du dépassement' }).fill('Client fidèle, accord de la gérante');
    await override.click();

    await page.waitForURL(/\/sales\/[0-9a-f-]{36}$/);
    expect(plain(await page.getByTestId('document-open').textContent())).toBe('Reste dû150,00 €');

    // A return offers at most what was sold, then settles the open amount.
    await page.getByRole('button', { name: 'Retour', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const choice = dialog.getByRole('checkbox', { name: 'Retourner Coffret de vins' });
    const described = plain(await dialog.getByTestId('return-lines').locator('.mantine-Checkbox-description').first().textContent());
    expect(described).toBe('1 vendu pour 150,00 € · 1 retournable');
    await choice.check();
    const quantity = dialog.getByRole('textbox', { name: 'Quantité retournée de Coffret de vins' });
    expect(await quantity.inputValue()).toBe('1');
    await quantity.fill('2');
    await dialog.getByRole('button', { name: 'Enregistrer le retour' }).click();
    await dialog.getByText('Au plus 1').waitFor();
    await quantity.fill('1');
    await dialog.getByRole('button', { name: 'Enregistrer le retour' }).click();
    const result = dialog.getByTestId('return-result');
    await result.waitFor();
    const lines = (await result.locator('p').allTextContents()).map(plain);
    expect(lines[0]).toMatch(/^Retour \S+ de 150,00 € enregistré\.$/);
    expect(lines).toContain('Imputé sur la facture : 150,00 €.');
    expect(lines).toContain('Gardé en avance : 0,00 €.');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="document-open"]')?.textContent?.replace(/[\u00a0\u202f]/g, ' ').includes('0,00 €'),
    );
    expect(plain(await page.locator('main h2').locator('..').textContent())).toContain('Réglé');
    // A document with a return can still be voided, and the dialog states that the return is voided with it.
    await page.getByRole('button', { name: 'Annuler la vente' }).click();
    const voidDialog = page.getByRole('dialog');
    expect(plain(await voidDialog.getByTestId('void-returns-note').textContent())).toMatch(/^Son retour est annulé avec lui\./);
    await voidDialog.getByRole('button', { name: 'Ne pas annuler' }).click();
    await voidDialog.waitFor({ state: 'hidden' });

    expect(browser.problems).toEqual([]);
  });

  it('finalises a parked sale, then voids it', async () => {
    const { page } = browser;
    const contactId = await addCustomer(page, comptoir.url, { firstName: 'Anne', lastName: 'Rousseau' });

    await startSale(page, comptoir.url, contactId, 'Commande de fête', '80,00');
    await page.getByRole('button', { name: 'Mettre en attente' }).click();
    await page.waitForURL(/\/sales\/[0-9a-f-]{36}$/);
    expect(plain(await page.getByTestId('document-saved').textContent())).toMatch(
      /^\S+ est enregistré en attente : il n’entre dans le compte qu’une fois validé\.$/,
    );
    expect(plain(await page.locator('main h2').locator('..').textContent())).toContain('En attente');

    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await page.getByRole('button', { name: 'Annuler la vente' }).waitFor();
    expect(plain(await page.locator('main h2').locator('..').textContent())).toContain('Validé');

    await page.getByRole('button', { name: 'Annuler la vente' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Motif (facultatif)' }).fill('Commande annulée par la cliente');
    // The first button keeps the sale: nothing changes.
    await dialog.getByRole('button', { name: 'Ne pas annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(plain(await page.locator('main h2').locator('..').textContent())).toContain('Validé');

    await page.getByRole('button', { name: 'Annuler la vente' }).click();
    await dialog.getByRole('button', { name: 'Annuler la vente' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Document annulé le').waitFor();
    expect(plain(await page.locator('main h2').locator('..').textContent())).toContain('Annulé');

    // The ledger keeps the sale and adds its reversal: the balance is back to zero.
    await page.getByRole('link', { name: 'Anne Rousseau' }).click();
    await page.getByRole('tab', { name: 'Compte' }).click();
    const rows = page.locator('[data-testid="ledger-table"] [data-testid="ledger-line"]');
    await rows.nth(1).waitFor();
    const cells = async (index: number) => (await rows.nth(index).locator('td').allTextContents()).map(plain);
    expect((await cells(0)).slice(2, 7)).toEqual(['Vente', 'Magasin principal', '80,00 €', '', '+80,00 €']);
    const reversal = await cells(1);
    expect(reversal.slice(2, 7)).toEqual(['Contrepassation', 'Magasin principal', '', '80,00 €', '0,00 €']);
    expect(reversal[7]).toBe('Commande annulée par la cliente');

    expect(browser.problems).toEqual([]);
  });
});
