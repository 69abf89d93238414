/**
 * A contact's History tab names each event in French and in English: a
 * loyalty adjustment, a discount and its reversal, a reminder hold and its
 * release, changed message preferences and a message sent. A user without
 * ledger.view reads the same lines without the amounts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpCapture, startHttpServer } from '../helpers/messaging.ts';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const CLERK = { email: 'caisse@epicerie-martin.fr', password: 'Caisse-essai-2024', name: 'Hugo Caisse' };

const expected = {
  fr: [
    'Claire Martin a envoyé le message « Relevé de compte » par SMS',
    'Claire Martin a modifié les préférences de messages',
    'Claire Martin a repris les relances',
    'Claire Martin a suspendu les relances jusqu’au 30 juin 2030',
    'Claire Martin a contrepassé la remise RM2024-0001 de 2,50 €',
    'Claire Martin a accordé une remise de 2,50 € (RM2024-0001)',
    'Claire Martin a ajouté 1 500 points de fidélité (solde : 1 500)',
    'Claire Martin a créé le contact',
  ],
  en: [
    'Claire Martin sent the message “Relevé de compte” by SMS',
    'Claire Martin changed the message preferences',
    'Claire Martin resumed reminders',
    'Claire Martin paused reminders until 30 Jun 2030',
    'Claire Martin reversed the discount RM2024-0001 of €2.50',
    'Claire Martin gave a discount of €2.50 (RM2024-0001)',
    'Claire Martin added 1,500 loyalty points (balance: 1,500)',
    'Claire Martin created the contact',
  ],
};

/** Reads the sentence and the lines under it of each history entry, newest first, with no-break spaces made plain spaces. */
async function historyLines(page: Page): Promise<string[][]> {
  const entries = page.getByTestId('activity-entry');
  await entries.first().waitFor();
  const lines: string[][] = [];
  for (const entry of await entries.all()) {
    const texts = await entry.locator(':scope > p, :scope > div > p:first-child').allTextContents();
    lines.push(texts.map((text) => text.replace(/[\u00a0\u202f]/g, ' ')));
  }
  return lines;
}

describe('contact history wording', () => {
  let comptoir: RunningComptoir;
  let gateway: HttpCapture;
  let browser: BrowserSession;
  let contactId = '';

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    gateway = await startHttpServer();
    browser = await openBrowser({ width: 1280, height: 900 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    const api = <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown) =>
      callApi<T>(page.request, comptoir.url, method, path, data);

    await api('PUT', '/message-channels/sms', {
      enabled: true,
      url: `${gateway.url}/sms`,
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      bodyTemplate: 'to={{number}}&text={{text}}',
    });
    const role = await api<{ id: string }>('POST', '/roles', { name: 'Caisse', permissions: ['customer.view'] });
    await api('POST', '/users', { ...CLERK, roleId: role.id });

    contactId = (await api<{ id: string }>('POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Agathe', lastName: 'Bernard', mobile: '06 12 34 56 01',
    })).id;
    await api('POST', '/sales', {
      contactId,
      date: '2024-02-01',
      status: 'final',
      lines: [{ description: 'Panier garni', quantity: 1, unitPrice: '35.00' }],
    });
    await api('POST', `/contacts/${contactId}/loyalty/adjustments`, { points: 1500, reason: 'Carte transférée' });
    const discount = await api<{ id: string }>('POST', `/contacts/${contactId}/discounts`, { amount: '2.50', date: '2024-02-02', reason: 'Geste commercial' });
    await api('POST', `/contacts/${contactId}/discounts/${discount.id}/reverse`, { reason: 'Erreur de saisie' });
    await api('PUT', `/contacts/${contactId}/reminder-hold`, { until: '2030-06-30', reason: 'Litige en cours' });
    await api('DELETE', `/contacts/${contactId}/reminder-hold`);
    await api('PATCH', `/contacts/${contactId}/message-preferences`, { language: 'en', refused: { whatsapp: true } });
    const templates = await api<{ items: { id: string; event: string }[] }>('GET', '/message-templates?event=account_statement');
    await api('POST', '/messages', { contactId, templateId: templates.items[0]?.id, channels: ['sms'] });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await comptoir?.close();
  });

  it('names each event in both languages', async () => {
    const { page } = browser;
    for (const locale of ['fr', 'en'] as const) {
      await setLanguage(page, comptoir.url, locale);
      await page.goto(`${comptoir.url}/customers/${contactId}/activity`);
      const titles = (await historyLines(page)).map((lines) => lines[0]);
      expect(titles, locale).toEqual(expected[locale]);
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('shows reasons and preferences', async () => {
    const { page } = browser;
    await setLanguage(page, comptoir.url, 'en');
    await page.goto(`${comptoir.url}/customers/${contactId}/activity`);
    const entries = page.getByTestId('activity-entry');
    await entries.first().waitFor();
    const text = async (index: number) => ((await entries.nth(index).textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
    expect(await text(3)).toContain('Reason: Litige en cours');
    expect(await text(4)).toContain('Reason: Erreur de saisie');
    expect(await text(5)).toContain('Reason: Geste commercial');
    expect(await text(6)).toContain('Reason: Carte transférée');

    const preferences = entries.nth(1).locator('table tbody tr');
    expect(await preferences.nth(0).locator('td').allTextContents()).toEqual(['Message language', '(empty)', 'English']);
    expect(await preferences.nth(1).locator('td').allTextContents()).toEqual(['Refused channels', 'none', 'WhatsApp']);
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('hides amounts without ledger.view', async () => {
    const clerk = await openBrowser({ width: 390, height: 844 });
    try {
      await signIn(clerk.page, comptoir.url, CLERK);
      await clerk.page.goto(`${comptoir.url}/customers/${contactId}/activity`);
      const titles = (await historyLines(clerk.page)).map((lines) => lines[0]);
      expect(titles).toContain('Claire Martin a accordé une remise (RM2024-0001)');
      expect(titles).toContain('Claire Martin a contrepassé la remise RM2024-0001');
      expect(titles).toContain('Claire Martin a ajouté 1 500 points de fidélité (solde : 1 500)');
      for (const title of titles) expect(title).not.toContain('€');
      expect(clerk.problems).toEqual([]);
    } finally {
      await clerk.close();
    }
  });
});
