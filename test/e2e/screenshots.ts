/**
 * Captures every screen of the web app in French and English, at 1366×768
 * and 390×844, into ./screenshots/. Run `npm run build` first, then
 * `npx tsx test/e2e/screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { ADMIN, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots');
const viewports = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;

const customers = [
  { firstName: 'Marie', lastName: 'Dupont', mobile: '06 12 34 56 78', email: 'marie.dupont@exemple.fr', city: 'Lyon', openingBalance: '120.50', payTerm: { number: 30, unit: 'days', endOfMonth: true } },
  { firstName: 'Jean', lastName: 'Lefèvre', mobile: '06 98 76 54 32', city: 'Villeurbanne', openingBalance: '-45.00' },
  { kind: 'business', businessName: 'Boulangerie Petit', mobile: '04 72 00 11 22', email: 'contact@boulangerie-petit.fr', city: 'Lyon', taxNumber: 'FR40303265045', creditLimit: '1500.00', openingBalance: '1834.20' },
  { prefix: 'Mme', firstName: 'Sophie', lastName: 'Nguyen', mobile: '07 81 22 33 44', email: 'sophie.nguyen@exemple.fr', city: 'Caluire-et-Cuire' },
  { firstName: 'Karim', lastName: 'Benali', mobile: '06 45 67 89 01', city: 'Vénissieux', openingBalance: '12345.67' },
  { firstName: 'Élodie', lastName: 'Marchand-Delacroix de la Roche', mobile: '06 11 22 33 44', email: 'elodie.marchand-delacroix@un-domaine-tres-long.fr', city: 'Saint-Genis-les-Ollières' },
  { type: 'both', kind: 'business', businessName: 'Primeurs du Rhône', mobile: '04 78 12 34 56', city: 'Lyon', openingBalance: '-250.00' },
];

const suppliers = [
  { type: 'supplier', kind: 'business', businessName: 'Moulins de Savoie', mobile: '04 79 10 20 30', email: 'commandes@moulins-savoie.fr', city: 'Chambéry', openingBalance: '-980.00', payTerm: { number: 45, unit: 'days', endOfMonth: true } },
  { type: 'supplier', kind: 'business', businessName: 'Laiterie Girard', mobile: '04 74 55 66 77', city: 'Bourg-en-Bresse' },
];

async function csrf(request: APIRequestContext, url: string): Promise<Record<string, string>> {
  const session = await request.get(`${url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return { 'X-CSRF-Token': csrfToken };
}

async function post(request: APIRequestContext, url: string, path: string, data: unknown) {
  const response = await request.post(`${url}/api/v1${path}`, { data, headers: await csrf(request, url) });
  if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** Fills the business with contacts, a note, a document, an edit and custom fields, through the API. */
async function seed(comptoir: RunningComptoir) {
  const session = await openBrowser();
  const { request } = session.context;
  const url = comptoir.url;
  await request.post(`${url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });

  await request.patch(`${url}/api/v1/business`, {
    data: { customFieldLabels: { custom1: 'Allergies', custom2: 'Jour de livraison' } },
    headers: await csrf(request, url),
  });
  const ids: string[] = [];
  for (const contact of [...customers, ...suppliers]) {
    ids.push((await post(request, url, '/contacts', { type: 'customer', kind: 'individual', ...contact })).id);
  }
  const marie = ids[0] ?? '';
  await request.patch(`${url}/api/v1/contacts/${marie}`, {
    data: { mobile: '06 22 33 44 55', addressLine1: '12 rue de la République', zipCode: '69002', customFields: { custom1: 'Arachides' } },
    headers: await csrf(request, url),
  });
  await post(request, url, `/contacts/${marie}/notes`, {
    heading: 'Livraison',
    body: 'Préfère être livrée le mardi matin.\nSonner deux fois.',
    isPrivate: false,
  });
  await post(request, url, `/contacts/${marie}/notes`, { body: 'Relancer pour la facture de mars.', isPrivate: true });
  const upload = await request.post(`${url}/api/v1/contacts/${marie}/attachments`, {
    multipart: { file: { name: 'devis-mariage.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') } },
    headers: await csrf(request, url),
  });
  if (!upload.ok()) throw new Error(`upload failed with ${upload.status()}: ${await upload.text()}`);
  await post(request, url, '/locations', { name: 'Boutique de la Croix-Rousse', addressLine1: '4 place de la Croix-Rousse', zipCode: '69004', city: 'Lyon', country: 'FR', phone: '04 78 00 00 01' });
  const roles = (await (await request.get(`${url}/api/v1/roles`)).json()) as { items: { id: string; isAdmin: boolean }[] };
  const cashier = roles.items.find((role) => !role.isAdmin);
  await post(request, url, '/users', { name: 'Lucas Moreau', email: 'lucas@epicerie-martin.fr', password: 'Caisse-numero-2-2024', roleId: cashier?.id ?? '', locale: 'fr', locationIds: [] });
  await post(request, url, `/contacts/${ids[1] ?? ''}/anonymise`, {});
  await session.close();
  return { marie, primeurs: ids[6] ?? '', anonymised: ids[1] ?? '' };
}

/**
 * Saves one PNG. A full-page capture first grows the viewport to the page's
 * height, so the fixed header and the sticky save bar sit where a reader
 * scrolling the page would see them, not across the middle of the image.
 */
async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState('networkidle');
  // Lets Mantine's transitions (modals, notifications) finish before the capture.
  await page.waitForTimeout(350);
  const viewport = page.viewportSize();
  if (fullPage && viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
    await page.waitForTimeout(150);
  }
  await page.screenshot({ path: resolve(outputDir, `${name}.png`) });
  if (fullPage && viewport) await page.setViewportSize(viewport);
}

async function captureSetup(locale: (typeof locales)[number], viewport: (typeof viewports)[number]) {
  const empty = await startComptoir();
  const session = await openBrowser({ width: viewport.width, height: viewport.height });
  const { page } = session;
  session.expectFailedRequests(/\/api\/v1\/setup$/);
  const prefix = `${locale}-${viewport.name}`;
  await page.goto(`${empty.url}/setup`);
  if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
  await shot(page, `${prefix}-00-setup`);
  await page.getByRole('button').last().click();
  await shot(page, `${prefix}-00-setup-errors`);
  await page.goto(`${empty.url}/sign-in`);
  await session.close();
  await empty.close();
}

async function captureApp(
  comptoir: RunningComptoir,
  ids: { marie: string; primeurs: string; anonymised: string },
  locale: (typeof locales)[number],
  viewport: (typeof viewports)[number],
) {
  const session = await openBrowser({ width: viewport.width, height: viewport.height });
  const { page } = session;
  const url = comptoir.url;
  // The screens below provoke a validation error and a refused deletion on purpose.
  session.expectFailedRequests(/\/api\/v1\/contacts(\/[0-9a-f-]+)?$/);
  const prefix = `${locale}-${viewport.name}`;
  const phone = viewport.name === 'phone';

  await page.goto(`${url}/sign-in`);
  if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
  await shot(page, `${prefix}-01-sign-in`);
  await page.getByRole('textbox').first().fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);

  await shot(page, `${prefix}-02-customers`);
  if (phone) {
    await page.locator('header button').first().click();
    await shot(page, `${prefix}-02-navigation-drawer`, false);
    await page.locator('header button').first().click();
  }
  await page.getByRole('searchbox').fill('zzz');
  await page.waitForURL(/q=zzz/);
  await shot(page, `${prefix}-03-customers-no-match`);
  await page.goto(`${url}/suppliers`);
  await shot(page, `${prefix}-04-suppliers`);

  await page.goto(`${url}/customers/new`);
  await shot(page, `${prefix}-05-new-customer`);
  await page.locator('form button[type=submit]').click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await shot(page, `${prefix}-06-new-customer-errors`);
  await page.goto(`${url}/customers/new`);
  await page.locator('label', { hasText: /^(Entreprise|Business)$/ }).click();
  await shot(page, `${prefix}-07-new-business-customer`);

  // A duplicate mobile: saved, with a warning naming the other contact.
  await page.getByRole('textbox').first().fill('Épicerie Fine Dupont');
  await page.locator('input[type=tel]').first().fill('06 22 33 44 55');
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  await shot(page, `${prefix}-08-saved-with-warning`);

  await page.goto(`${url}/customers/${ids.marie}`);
  await shot(page, `${prefix}-09-contact-details`);
  await page.goto(`${url}/customers/${ids.marie}/notes`);
  await shot(page, `${prefix}-10-contact-notes`);
  await page.goto(`${url}/customers/${ids.marie}/documents`);
  await shot(page, `${prefix}-11-contact-documents`);
  await page.goto(`${url}/customers/${ids.marie}/activity`);
  await shot(page, `${prefix}-12-contact-activity`);
  await page.goto(`${url}/customers/${ids.marie}/edit`);
  await shot(page, `${prefix}-13-edit-customer`);
  await page.goto(`${url}/customers/${ids.primeurs}`);
  await shot(page, `${prefix}-14-customer-and-supplier`);
  await page.goto(`${url}/customers/${ids.anonymised}`);
  await shot(page, `${prefix}-14-anonymised-customer`);

  await page.goto(`${url}/customers/${ids.marie}`);
  await page.getByRole('button', { name: /Désactiver|Deactivate/ }).click();
  await shot(page, `${prefix}-15-deactivate-dialog`, false);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /Plus d’actions|More actions/ }).click();
  await shot(page, `${prefix}-16-more-actions`, false);
  await page.getByRole('menuitem', { name: /Anonymiser|Anonymise/ }).click();
  await shot(page, `${prefix}-16-anonymise-dialog`, false);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /Plus d’actions|More actions/ }).click();
  await page.getByRole('menuitem', { name: /Supprimer|Delete/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Supprimer définitivement|Delete for good/ }).click();
  await page.getByRole('dialog').getByRole('alert').waitFor();
  await shot(page, `${prefix}-17-delete-refused`, false);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/settings/business`);
  await shot(page, `${prefix}-18-settings-business`);
  await page.goto(`${url}/settings/custom-fields`);
  await shot(page, `${prefix}-19-settings-custom-fields`);
  await page.goto(`${url}/settings/locations`);
  await shot(page, `${prefix}-20-settings-locations`);
  await page.getByRole('button', { name: /Nouveau point de vente|New location/ }).click();
  await shot(page, `${prefix}-21-new-location`, false);
  await page.keyboard.press('Escape');
  await page.goto(`${url}/settings/users`);
  await shot(page, `${prefix}-22-settings-users`);
  await page.getByRole('button', { name: /Nouvel utilisateur|New user/ }).click();
  await shot(page, `${prefix}-23-new-user`, false);
  await page.keyboard.press('Escape');
  await page.goto(`${url}/settings/users/roles`);
  await shot(page, `${prefix}-24-settings-roles`);
  await page.getByRole('button', { name: /Modifier|Edit/ }).first().click();
  await shot(page, `${prefix}-25-edit-role`, false);
  await page.keyboard.press('Escape');

  await page.locator('header button[aria-label]').last().click();
  await page.getByRole('menuitem').first().click();
  await shot(page, `${prefix}-26-change-password`, false);
  await page.keyboard.press('Escape');
  await page.goto(`${url}/nowhere`);
  await shot(page, `${prefix}-27-not-found`);

  if (session.problems.length > 0) console.warn(`${prefix}: browser problems:\n${session.problems.join('\n')}`);
  await session.close();
}

mkdirSync(outputDir, { recursive: true });
const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
try {
  const ids = await seed(comptoir);
  for (const locale of locales) {
    for (const viewport of viewports) {
      await captureSetup(locale, viewport);
      await captureApp(comptoir, ids, locale, viewport);
      console.log(`captured ${locale} ${viewport.name}`);
    }
  }
} finally {
  await comptoir.close();
}
console.log(`screenshots written to ${outputDir}`);
