/**
 * A contact's notes, documents, duplicate warning and deletion, in the
 * English interface. A private note is added, edited and deleted, and a file
 * is uploaded, downloaded unchanged and deleted. A second contact with the
 * same mobile is saved with a warning that links to the first. A contact
 * without history is deleted, and one with an opening balance is offered
 * deactivation instead.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

async function createCustomer(page: Page, baseUrl: string, data: Record<string, unknown>): Promise<string> {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const headers = { 'X-CSRF-Token': ((await session.json()) as { csrfToken: string }).csrfToken };
  const response = await page.request.post(`${baseUrl}/api/v1/contacts`, {
    data: { type: 'customer', kind: 'individual', ...data },
    headers,
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('contact notes, documents and deletion', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Corner Shop', locale: 'en' } });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await page.locator('label', { hasText: /^EN$/ }).click();
    await field(page, 'Email address').fill(ADMIN.email);
    await field(page, 'Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('adds, edits and deletes a private note', async () => {
    const { page } = browser;
    const id = await createCustomer(page, comptoir.url, { firstName: 'Ann', lastName: 'Baker', mobile: '07700 900123', country: 'GB' });
    await page.goto(`${comptoir.url}/customers/${id}/notes`);
    await page.getByText('No notes').waitFor();

    await field(page, 'Title (optional)').fill('Delivery');
    await field(page, 'Note').fill('Leave parcels with the neighbour.');
    await page.getByRole('checkbox', { name: 'Private note' }).check();
    await page.getByRole('button', { name: 'Add the note' }).click();
    const note = page.locator('[data-testid="note"]');
    await note.waitFor();
    expect(await note.textContent()).toContain('Leave parcels with the neighbour.');
    expect(await note.textContent()).toContain('Private');
    expect(await note.textContent()).toContain('Claire Martin');
    expect(await field(page, 'Note').inputValue()).toBe('');

    await note.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the note' });
    await field(page, 'Note').last().fill('Leave parcels at number 12.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Leave parcels at number 12.').waitFor();

    await note.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this note?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No notes').waitFor();

    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.getByText('Claire Martin added a note').waitFor();
    await page.getByText('Claire Martin deleted a note').waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('uploads, downloads and deletes a document', async () => {
    const { page } = browser;
    const id = await createCustomer(page, comptoir.url, { firstName: 'Ravi', lastName: 'Patel', mobile: '07700 900456', country: 'GB' });
    await page.goto(`${comptoir.url}/customers/${id}/documents`);
    await page.getByText('No documents').waitFor();

    const content = 'code;name\nCO0001;Ravi Patel\n';
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add a document' }).click();
    await (await chooser).setFiles({ name: 'order-list.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
    const row = page.locator('tbody tr', { hasText: 'order-list.csv' });
    await row.waitFor();
    expect(await row.textContent()).toContain('28 bytes');

    const download = page.waitForEvent('download');
    await row.getByRole('link', { name: 'order-list.csv' }).click();
    const file = await (await download).path();
    expect(await readFile(file, 'utf8')).toBe(content);

    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this document?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No documents').waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('warns of a duplicate mobile and links to its owner', async () => {
    const { page } = browser;
    const owner = await createCustomer(page, comptoir.url, { firstName: 'Grace', lastName: 'Hill', mobile: '07700 900555', country: 'GB' });
    await page.goto(`${comptoir.url}/customers/new`);
    await field(page, 'First name').fill('Graham');
    await field(page, 'Last name').fill('Hill');
    await field(page, 'Mobile').fill('07700 900555');
    await page.getByRole('combobox', { name: 'Country' }).fill('United Kingdom');
    await page.getByRole('option', { name: 'United Kingdom' }).click();
    await page.getByRole('button', { name: 'Create the customer' }).click();

    const warnings = page.locator('[data-testid="save-warnings"]');
    await warnings.waitFor();
    expect(await warnings.textContent()).toContain('Contact created. Please check:');
    expect(await warnings.textContent()).toMatch(/This number already belongs to Grace Hill \(CO\d{4}\)\./);
    await page.getByRole('heading', { name: 'Graham Hill' }).waitFor();
    await warnings.getByRole('link', { name: 'Open this contact' }).click();
    await page.waitForURL(`${comptoir.url}/customers/${owner}`);
    await page.getByRole('heading', { name: 'Grace Hill' }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('deletes a contact without history only', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts\/[0-9a-f-]+$/);
    const fresh = await createCustomer(page, comptoir.url, { firstName: 'Tom', lastName: 'Short', mobile: '07700 900789', country: 'GB' });
    const owing = await createCustomer(page, comptoir.url, {
      firstName: 'Lucy', lastName: 'Owen', mobile: '07700 900321', country: 'GB', openingBalance: '35.00',
    });

    await page.goto(`${comptoir.url}/customers/${fresh}`);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete Tom Short?' }).getByRole('button', { name: 'Delete for good' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
    await page.locator('tbody').getByText('Lucy Owen').waitFor();
    expect(await page.locator('tbody').getByText('Tom Short').count()).toBe(0);

    await page.goto(`${comptoir.url}/customers/${owing}`);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Lucy Owen?' });
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await dialog.getByText('This contact cannot be deleted: it has 1 recorded transaction.').waitFor();
    await dialog.getByRole('button', { name: 'Deactivate instead' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate Lucy Owen?' });
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    expect(browser.problems).toEqual([]);
  });
});
