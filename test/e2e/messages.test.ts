/**
 * The messages screens in French against a real SMTP server on 127.0.0.1:
 * SMTP settings with a test send (accepted, then refused by the server),
 * a template edited with its live preview and an unknown placeholder, a
 * statement sent from the ledger with its PDF, a reminder level run for a
 * given day, and both in the message history. Reminder days out of range
 * stay as typed, with the server's message.
 */
import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutbox } from '../../src/messages/run-outbox.ts';
import { type SmtpCapture, startSmtpServer } from '../helpers/messaging.ts';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const SMTP_USER = 'boutique';
const SMTP_PASSWORD = 'mot-de-passe-smtp-essai';

async function post<T>(request: APIRequestContext, url: string, path: string, data: unknown): Promise<T> {
  const session = await request.get(`${url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await request.post(`${url}/api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrfToken } });
  if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe('messages screens', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let smtp: SmtpCapture;
  let marieId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer({ user: SMTP_USER, password: SMTP_PASSWORD });
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await field(page, 'Adresse e-mail').fill(ADMIN.email);
    await field(page, 'Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);

    const { request } = page.context();
    marieId = (
      await post<{ id: string }>(request, comptoir.url, '/contacts', {
        type: 'customer',
        kind: 'individual',
        firstName: 'Marie',
        lastName: 'Dupont',
        email: 'marie.dupont@exemple.fr',
        mobile: '06 12 34 56 78',
      })
    ).id;
    // Reminders run at once whatever the hour the test runs at.
    const session = await request.get(`${comptoir.url}/api/v1/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    await request.patch(`${comptoir.url}/api/v1/message-settings`, { data: { quietHours: null }, headers: { 'X-CSRF-Token': csrfToken } });
    // Due on 2024-04-10, so a level "1 day after due" reaches it on 2024-04-11.
    await post(request, comptoir.url, '/sales', {
      contactId: marieId,
      date: '2024-03-11',
      status: 'final',
      payTerm: { number: 30, unit: 'days', endOfMonth: false },
      lines: [{ description: 'Panier de légumes', quantity: '2', unitPrice: '42.50', taxRate: '5.5' }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
    await smtp?.close();
  });

  it('saves SMTP settings and sends a test', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Canaux d’envoi' }).click();
    await page.getByRole('heading', { name: 'E-mail (SMTP)' }).waitFor();
    await field(page, 'Serveur SMTP').fill('127.0.0.1');
    await page.getByRole('combobox', { name: 'Sécurité' }).click();
    await page.getByRole('option', { name: 'Aucune' }).click();
    await field(page, 'Port').fill(String(smtp.port));
    await field(page, 'Identifiant').fill(SMTP_USER);
    await page.getByLabel('Mot de passe', { exact: true }).fill(SMTP_PASSWORD);
    await field(page, 'Adresse d’expédition').fill('boutique@epicerie-martin.fr');
    await field(page, 'Nom d’expéditeur').fill('Épicerie Martin');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await page.getByText('Réglages E-mail enregistrés.').waitFor();
    await page.getByText('Un mot de passe est enregistré. Laissez vide pour le garder.').waitFor();
    expect(await page.getByLabel('Mot de passe', { exact: true }).inputValue()).toBe('');

    await field(page, 'Envoyer un essai à l’adresse').fill('claire@epicerie-martin.fr');
    await page.getByRole('button', { name: 'Envoyer un essai' }).first().click();
    await page.getByText('Message d’essai accepté pour claire@epicerie-martin.fr.').waitFor();
    expect(smtp.recipients).toEqual([['claire@epicerie-martin.fr']]);
    expect(smtp.logins).toEqual([`${SMTP_USER}:${SMTP_PASSWORD}`]);

    smtp.rejectWith = { code: 550, message: 'Mailbox unavailable for tests' };
    await page.getByRole('button', { name: 'Envoyer un essai' }).first().click();
    const failure = page.getByTestId('test-email-result');
    await failure.getByText('L’essai a échoué').waitFor();
    expect(await failure.textContent()).toContain('Mailbox unavailable for tests');
    smtp.rejectWith = null;

    const stored = await comptoir.database.db.kysely.selectFrom('message_channels').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(SMTP_PASSWORD);
    expect(browser.problems).toEqual([]);
  });

  it('edits a template with a live preview', async () => {
    const { page } = browser;
    // The unknown placeholder is refused (422) by the preview and the save, on purpose.
    browser.expectFailedRequests(/\/api\/v1\/message-templates\/(preview|[0-9a-zA-Z-]+)$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Modèles' }).click();
    await page.getByRole('link', { name: /Relevé de compte/ }).first().click();
    await page.getByRole('heading', { name: 'Relevé de compte' }).waitFor();

    await page.getByRole('textbox', { name: 'Client' }).fill('Dupont');
    await page.getByRole('option', { name: /Marie Dupont/ }).click();
    const preview = page.getByTestId('preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Épicerie Martin');

    const subject = field(page, 'Objet');
    await subject.fill('Votre relevé, ');
    await page.getByRole('button', { name: 'Insérer contact_first_name' }).click();
    expect(await subject.inputValue()).toBe('Votre relevé, {{contact_first_name}}');
    await preview.getByText('Votre relevé, Marie').waitFor();

    await subject.fill('Votre relevé {{montant_du}}');
    await page.getByTestId('preview-error').waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const error = page.locator('.mantine-TextInput-error', { hasText: 'montant_du' });
    await error.waitFor();

    await subject.fill('Votre relevé, {{contact_first_name}}');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(/Modèle « .* » enregistré\./).waitFor();
    const saved = await comptoir.database.db.kysely
      .selectFrom('message_template_contents')
      .innerJoin('message_templates', 'message_templates.id', 'message_template_contents.template_id')
      .where('message_templates.event', '=', 'account_statement')
      .where('message_template_contents.channel', '=', 'email')
      .where('message_template_contents.locale', '=', 'fr')
      .select('message_template_contents.subject')
      .executeTakeFirstOrThrow();
    expect(saved.subject).toBe('Votre relevé, {{contact_first_name}}');
    expect(browser.problems).toEqual([]);
  });

  it('sends a statement from the ledger and lists it', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers/${marieId}/ledger`);
    await page.getByRole('button', { name: 'Envoyer le relevé' }).click();
    const dialog = page.getByRole('dialog', { name: 'Message à Marie Dupont' });
    await dialog.waitFor();
    const text = dialog.getByRole('textbox', { name: 'Texte (E-mail)' });
    await expect.poll(() => text.inputValue()).toContain('Marie');
    expect(await dialog.getByRole('checkbox', { name: 'Joindre le relevé de compte (PDF)' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await dialog.getByText('1 message mis en file d’attente (E-mail).').waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    const run = await runOutbox(comptoir.database.db);
    expect(run.sent).toBe(1);
    const mail = smtp.mails.at(-1);
    expect(smtp.recipients.at(-1)).toEqual(['marie.dupont@exemple.fr']);
    expect(mail?.subject).toBe('Votre relevé, Marie');
    expect(mail?.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);

    await page.getByRole('tab', { name: 'Messages' }).click();
    const row = page.getByTestId('message-row').first();
    await row.getByText('Envoyé', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('marie.dupont@exemple.fr');
    expect(browser.problems).toEqual([]);
  });

  it('runs a reminder level for a given day', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Relances' }).click();
    await page.getByRole('button', { name: 'Ajouter un niveau' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Première relance');
    await dialog.getByRole('textbox', { name: 'Nombre de jours' }).fill('1');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('reminder-level').getByText('1 jour après l’échéance').waitFor();

    await page.getByRole('textbox', { name: 'Jour' }).fill('11/04/2024');
    await page.getByRole('button', { name: 'Lancer les relances' }).click();
    const result = page.getByTestId('reminder-run-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('1 message préparé pour 1 contact.');
    expect(await result.textContent()).toContain('Envoyés : 1, en échec : 0.');
    expect(smtp.recipients.at(-1)).toEqual(['marie.dupont@exemple.fr']);

    await page.getByRole('navigation').getByRole('link', { name: 'Historique' }).click();
    const rows = page.getByTestId('message-row');
    await rows.filter({ hasText: 'Relance' }).first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Envoyé');
    expect(browser.problems).toEqual([]);
  });

  it('keeps reminder days that are out of range', async () => {
    const { page } = browser;
    // The server rejects the days with 422 on purpose.
    browser.expectFailedRequests(/\/api\/v1\/reminder-levels$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Relances' }).click();
    await page.getByRole('button', { name: 'Ajouter un niveau' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Relance le jour même');
    const days = dialog.getByRole('textbox', { name: 'Nombre de jours' });

    await days.fill('0');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.getByText('« 0 » doit être un nombre entier de 1 à 365.').waitFor();
    expect(await days.inputValue()).toBe('0');

    await days.fill('400');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.getByText('« 400 » est trop grand : 365 au maximum.').waitFor();
    expect(await days.inputValue()).toBe('400');

    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(await page.getByTestId('reminder-level').count()).toBe(1);
    expect(browser.problems).toEqual([]);
  });

  it('reminder switch describes its state', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Relances' }).click();
    const on = 'Activées : chaque jour, les factures qui atteignent un niveau reçoivent sa relance.';
    const off = 'Désactivées : aucune relance ne part, même à l’heure prévue.';
    await page.getByText(on).waitFor();

    const toggle = page.getByRole('switch', { name: 'Relances automatiques' });
    await toggle.click({ force: true });
    await page.getByText(off).waitFor();
    expect(await page.getByText(on).count()).toBe(0);

    await toggle.click({ force: true });
    await page.getByText(on).waitFor();
    expect(browser.problems).toEqual([]);
  });
});
