/**
 * A sale typed at the till while a sales import runs, for a customer of the
 * file, must not deadlock with the import on PostgreSQL. The sale locks its
 * customer and then takes a reference number. The import locks the file's
 * customers before it takes any number. SQLite writes one transaction at a
 * time, so only PostgreSQL is tested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuth } from '../../src/auth/context.ts';
import { createDocument } from '../../src/documents/create-document.ts';
import type { Actor } from '../../src/ledger/actor.ts';
import { lockContact } from '../../src/ledger/contact-lock.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { beginCommit } from '../../src/transfer/import/commit-import.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addProduct } from '../helpers/pricing.ts';
import { multipart } from '../helpers/transfer-files.ts';

const postgres = engines.includes('postgres') ? ['postgres' as const] : [];

const header = ['Référence de la vente', 'Date', 'Client', 'Référence produit', 'Quantité', 'Statut'];

describe.each(postgres)('sales import beside a till sale on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('till sale during import', async () => {
    await addProduct(t, { sku: 'CAFE-250', name: 'Café moulu 250 g', sellingPrice: '20.00', taxRate: '0' });
    const first = await addCustomer(t, 'Anne', { code: 'VERROU-A' });
    const second = await addCustomer(t, 'Bruno', { code: 'VERROU-B' });
    const rows = [
      ['V-1', '02/03/2026', 'VERROU-A', 'CAFE-250', '1', 'Validée'],
      ['V-2', '02/03/2026', 'VERROU-B', 'CAFE-250', '2', 'Validée'],
    ];
    const file = Buffer.from(`${[header, ...rows].map((row) => row.join(';')).join('\n')}\n`, 'utf8');
    const body = multipart(file, 'ventes.csv', { kind: 'sales', dryRun: true });
    const preview = await t.api('POST', '/api/v1/imports', body.payload, body.headers);
    expect(preview.statusCode, preview.body).toBe(201);

    const request = { headers: { authorization: `Bearer ${t.adminToken}` }, cookies: {} };
    const auth = await resolveAuth(t.database.db.kysely, request as never);
    if (!auth) throw new Error('the test token was not accepted');
    const actor: Actor = {
      businessId: t.business.businessId, userId: t.business.adminUserId, isAdmin: true,
      permissions: new Set(), defaultLocationId: t.business.locationId, locale: 'fr',
    };

    // The till locks the second customer, as a sale does from its start, before the import begins.
    const pending = await t.database.db.kysely.transaction().execute(async (trx) => {
      await lockContact(trx, actor.businessId, second);
      const { finished } = await beginCommit(t.database.db, auth, preview.json().id, { locale: 'fr' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await createDocument(trx, actor, 'sale', {
        contactId: second,
        date: '2026-03-02',
        status: 'final',
        lines: [{ description: 'Article', quantity: 1, unitPrice: '5.00' }],
      });
      return { finished };
    });

    const outcome = await pending.finished;
    expect(outcome.status, JSON.stringify(outcome)).toBe('committed');
    const sales = await t.database.db.kysely
      .selectFrom('documents').select(['number', 'contact_id'])
      .where('business_id', '=', actor.businessId).where('type', '=', 'sale')
      .orderBy('number').execute();
    expect(sales).toHaveLength(3);
    expect(new Set(sales.map((sale) => sale.number)).size).toBe(3);
    // The till's sale took its number first, because the import waited for the customer before any number.
    expect(sales[0]?.contact_id).toBe(second);
    expect(sales.map((sale) => sale.contact_id).slice(1).sort()).toEqual([first, second].sort());
    expect((await verifyLedger(t.database.db.kysely)).differences).toEqual([]);
  });
});
