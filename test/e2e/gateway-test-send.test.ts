/**
 * The SMS and WhatsApp gateway settings in French, against a local HTTP
 * server on 127.0.0.1 that stands for the provider: each gateway is set up
 * in the web app, the test send reaches the server with the number in
 * E.164, the text and the headers, and the page shows the outcome, a
 * gateway's HTTP 500 response and a number that cannot be read included.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpCapture, startHttpServer } from '../helpers/messaging.ts';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const TEST_TEXT = 'Ceci est un message de test envoyé par Comptoir pour Épicerie Martin.';

/** Returns the settings card of one channel, found by its heading. */
function card(page: Page, title: string): Locator {
  return page.locator('.mantine-Paper-root', { has: page.getByRole('heading', { name: title, exact: true }) });
}

/** Fills a header row of a gateway card: the last row's name and value. */
async function addHeader(section: Locator, name: string, value: string): Promise<void> {
  await section.getByRole('button', { name: 'Ajouter un en-tête' }).click();
  await section.getByRole('textbox', { name: 'Nom', exact: true }).last().fill(name);
  await section.getByRole('textbox', { name: 'Valeur', exact: true }).last().fill(value);
}

describe('gateway test send', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let gateway: HttpCapture;

  beforeAll(async () => {
    gateway = await startHttpServer();
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await field(page, 'Adresse e-mail').fill(ADMIN.email);
    await field(page, 'Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
    await page.getByRole('navigation').getByRole('link', { name: 'Canaux d’envoi' }).click();
    await page.getByRole('heading', { name: 'SMS', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
    await gateway?.close();
  });

  it('sends an SMS test by POST', async () => {
    const { page } = browser;
    const sms = card(page, 'SMS');
    await sms.getByRole('switch', { name: 'Activé' }).check();
    await sms.getByRole('textbox', { name: 'URL' }).fill(`${gateway.url}/sms?compte=epicerie`);
    await sms.getByRole('textbox', { name: 'Corps de la requête' }).fill('{"to":"{{number}}","message":"{{text}}","from":"Epicerie"}');
    await addHeader(sms, 'Authorization', 'Bearer jeton-sms-essai');
    await sms.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Réglages SMS enregistrés.').waitFor();
    await sms.getByText(`Enregistrée : ${gateway.url}/sms. Laissez vide pour la garder.`).waitFor();

    const before = gateway.requests.length;
    await sms.getByRole('textbox', { name: 'Envoyer un essai au numéro' }).fill('06 12 34 56 78');
    await sms.getByRole('button', { name: 'Envoyer un essai' }).click();
    const result = page.getByTestId('test-sms-result');
    await result.getByText('Message d’essai accepté pour +33612345678.').waitFor();

    expect(gateway.requests).toHaveLength(before + 1);
    const received = gateway.requests[before];
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/sms?compte=epicerie');
    expect(received?.headers.authorization).toBe('Bearer jeton-sms-essai');
    expect(received?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received?.body ?? '')).toEqual({ to: '+33612345678', message: TEST_TEXT, from: 'Epicerie' });

    // The stored header value is never sent back to the page.
    expect(await page.content()).not.toContain('jeton-sms-essai');
    expect(browser.problems).toEqual([]);
  });

  it('shows a gateway answering 500', async () => {
    const { page } = browser;
    const sms = card(page, 'SMS');
    const before = gateway.requests.length;
    gateway.status = 500;
    try {
      await sms.getByRole('button', { name: 'Envoyer un essai' }).click();
      const result = page.getByTestId('test-sms-result');
      await result.getByText('L’essai a échoué').waitFor();
      expect(await result.textContent()).toContain(
        'La passerelle a refusé l’essai pour +33612345678 avec le code HTTP 500 : vérifiez l’adresse, les en-têtes et le corps, ou réessayez plus tard si elle est en panne.',
      );
      expect(await result.textContent()).toContain(`Sa réponse : {"id":"gw-${before + 1}"}`);
    } finally {
      gateway.status = 200;
    }
    // The test send is not retried: the gateway got one request.
    expect(gateway.requests).toHaveLength(before + 1);
    expect(gateway.requests[before]?.headers.authorization).toBe('Bearer jeton-sms-essai');
    expect(browser.problems).toEqual([]);
  });

  it('names a number it cannot read', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/message-channels\/sms\/test$/);
    const sms = card(page, 'SMS');
    const before = gateway.requests.length;
    await sms.getByRole('textbox', { name: 'Envoyer un essai au numéro' }).fill('12');
    await sms.getByRole('button', { name: 'Envoyer un essai' }).click();
    const error = sms.locator('.mantine-TextInput-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      '« 12 » n’est pas un numéro de téléphone valide : écrivez-le avec son indicatif, par exemple +33 6 12 34 56 78.',
    );
    expect(await sms.getByRole('textbox', { name: 'Envoyer un essai au numéro' }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('test-sms-result').count()).toBe(0);
    expect(gateway.requests).toHaveLength(before);
    expect(browser.problems).toEqual([]);
  });

  it('sends a WhatsApp test by GET', async () => {
    const { page } = browser;
    const whatsapp = card(page, 'API WhatsApp');
    await whatsapp.getByRole('switch', { name: 'Activé' }).check();
    await whatsapp.getByRole('textbox', { name: 'URL' }).fill(`${gateway.url}/wa/{{number}}?texte={{text}}`);
    await whatsapp.getByRole('combobox', { name: 'Méthode' }).click();
    await page.getByRole('option', { name: 'GET', exact: true }).click();
    expect(await whatsapp.getByRole('textbox', { name: 'Corps de la requête' }).count()).toBe(0);
    await addHeader(whatsapp, 'X-Api-Key', 'cle-whatsapp-essai');
    await whatsapp.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Réglages WhatsApp enregistrés.').waitFor();

    const before = gateway.requests.length;
    await whatsapp.getByRole('textbox', { name: 'Envoyer un essai au numéro' }).fill('+32 470 12 34 56');
    await whatsapp.getByRole('button', { name: 'Envoyer un essai' }).click();
    await page.getByTestId('test-whatsapp-result').getByText('Message d’essai accepté pour +32470123456.').waitFor();

    expect(gateway.requests).toHaveLength(before + 1);
    const received = gateway.requests[before];
    expect(received?.method).toBe('GET');
    const url = new URL(received?.url ?? '', gateway.url);
    expect(decodeURIComponent(url.pathname)).toBe('/wa/+32470123456');
    expect(url.searchParams.get('texte')).toBe(TEST_TEXT);
    expect(received?.headers['x-api-key']).toBe('cle-whatsapp-essai');
    expect(received?.body).toBe('');
    expect(browser.problems).toEqual([]);
  });
});
