/**
 * A user without ledger.view reads no account figure anywhere contacts are
 * listed: the sale picker, duplicates and exports show none, and the
 * requests whose response would reveal them (a balance sort, a filter on the
 * figures, the list totals, a saved view of either, a figure column) are
 * rejected with a 403 naming the permission. The personal data export
 * leaves them out too. An administrator still gets every figure.
 */
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, sale } from '../helpers/ledger-api.ts';

const flagFilters = ['hasReceivableDue', 'hasPayableDue', 'overdue', 'hasAdvance', 'hasOpeningBalance', 'overCreditLimit'];

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe.each(engines)('figures hidden without ledger.view on %s', (engine) => {
  let t: TestApp;
  let clerk: ReturnType<typeof asToken>;
  let contactId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const user = await t.addUser(['customer.view', 'customer.create', 'customer.update', 'sale.create']);
    clerk = asToken(t, user.token);
    contactId = await addContact(t, { name: 'Fromagerie Vidal', creditLimit: '500.00', openingBalance: '80.00', openingBalanceDate: '2024-01-05' });
    await sale(t, contactId, '2024-02-01', '120.00');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Checks a 403 that names ledger.view, in the problem and in its French detail. */
  const expectForbidden = (res: { statusCode: number; json(): Record<string, unknown> }, what: string) => {
    expect(res.statusCode, what).toBe(403);
    expect(res.json().code, what).toBe('forbidden');
    expect(res.json().permission, what).toBe('ledger.view');
    expect(res.json().detail, what).toBe('Vous n’avez pas la permission « Consulter le grand livre » : demandez-la à un administrateur.');
  };

  it('lookup shows no balance', async () => {
    const res = await clerk('GET', '/api/v1/contacts/lookup?q=Vidal');
    expect(res.statusCode, res.body).toBe(200);
    const [item] = res.json().items;
    expect(item.name).toBe('Fromagerie Vidal');
    expect(item.balance).toBeNull();
    expect(item.availableCredit).toBeNull();

    const admin = (await t.api('GET', '/api/v1/contacts/lookup?q=Vidal')).json().items[0];
    expect(admin.balance).toBe('200.00');
    expect(admin.availableCredit).toBe('300.00');
  });

  it('balance sort is rejected', async () => {
    for (const order of ['asc', 'desc']) {
      expectForbidden(await clerk('GET', `/api/v1/contacts?sort=balance&order=${order}`), `sort ${order}`);
    }
    expect((await clerk('GET', '/api/v1/contacts?sort=name')).statusCode).toBe(200);
    expect((await t.api('GET', '/api/v1/contacts?sort=balance')).statusCode).toBe(200);
  });

  it('figure filters are rejected', async () => {
    for (const flag of flagFilters) {
      for (const value of ['true', 'false']) {
        expectForbidden(await clerk('GET', `/api/v1/contacts?${flag}=${value}`), `${flag}=${value}`);
      }
    }
    const plain = await clerk('GET', '/api/v1/contacts?status=active&q=Vidal');
    expect(plain.statusCode).toBe(200);
    expect(plain.json().items.map((c: { name: string }) => c.name)).toEqual(['Fromagerie Vidal']);
    expect((await t.api('GET', '/api/v1/contacts?overdue=true')).statusCode).toBe(200);
  });

  it('totals give the count alone', async () => {
    const all = await clerk('GET', '/api/v1/contacts/totals');
    const admin = await t.api('GET', '/api/v1/contacts/totals?type=customer');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().count).toBe((await t.api('GET', '/api/v1/contacts/totals')).json().count);
    expect(all.json()).toMatchObject({ receivable: null, payable: null, advance: null });
    const customers = await clerk('GET', '/api/v1/contacts/totals?type=customer');
    expect(customers.json()).toEqual({ count: admin.json().count, receivable: null, payable: null, advance: null });
    expectForbidden(await clerk('GET', '/api/v1/contacts/totals?overdue=true'), 'totals of the overdue');
    expect(admin.statusCode).toBe(200);
    expect(admin.json().receivable).toBe('200.00');
  });

  it('view permission is checked first', async () => {
    const outsider = asToken(t, (await t.addUser(['sale.create'])).token);
    for (const url of ['/api/v1/contacts/totals', '/api/v1/contacts/totals?overdue=true', '/api/v1/contacts?sort=balance']) {
      const res = await outsider('GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().permission, url).toBe('customer.view');
      expect(res.json().detail, url).toBe('Vous n’avez pas la permission « Voir tous les clients » : demandez-la à un administrateur.');
    }
  });

  it('saved views reject figures', async () => {
    const filtered = await clerk('POST', '/api/v1/contact-views', { name: 'Débiteurs', filters: { hasReceivableDue: 'true' } });
    expectForbidden(filtered, 'view with a figure filter');
    const sorted = await clerk('POST', '/api/v1/contact-views', { name: 'Par solde', filters: {}, sort: { field: 'balance', order: 'desc' } });
    expectForbidden(sorted, 'view sorted by balance');

    const plain = await clerk('POST', '/api/v1/contact-views', { name: 'Par nom', filters: { status: 'active' }, sort: { field: 'name', order: 'asc' } });
    expect(plain.statusCode, plain.body).toBe(201);
    const changed = await clerk('PATCH', `/api/v1/contact-views/${plain.json().id}`, { sort: { field: 'balance', order: 'asc' } });
    expectForbidden(changed, 'view changed to a balance sort');
    expect((await clerk('GET', '/api/v1/contact-views')).json().items.map((v: { name: string }) => v.name)).toEqual(['Par nom']);
  });

  it('export leaves figures out', async () => {
    const csv = await clerk('GET', '/api/v1/contacts/export?format=csv&q=Vidal');
    expect(csv.statusCode, csv.body).toBe(200);
    const [header, row] = csv.body.replace(/^\ufeff/, '').split('\r\n');
    expect(header).not.toContain('Solde');
    expect(header).toContain('Raison sociale');
    expect(row).toContain('Fromagerie Vidal');
    expect(row).not.toContain('80,00');

    const adminCsv = await t.api('GET', '/api/v1/contacts/export?format=csv&q=Vidal');
    expect(adminCsv.body.split('\r\n')[0]).toContain('Solde');

    expectForbidden(await clerk('GET', '/api/v1/contacts/export?format=csv&columns=name,balance'), 'balance column');
    expectForbidden(await clerk('GET', '/api/v1/contacts/export?format=csv&columns=openingBalance'), 'opening balance column');
    expectForbidden(await clerk('GET', '/api/v1/contacts/export?format=csv&overdue=true'), 'export filter');

    const vcf = await clerk('GET', '/api/v1/contacts/export?format=vcf&q=Vidal');
    expect(vcf.statusCode).toBe(200);
    expect(vcf.body).toContain('Fromagerie Vidal');
    expect(vcf.body).not.toContain('X-COMPTOIR-OPENING-BALANCE');
    const adminVcf = await t.api('GET', '/api/v1/contacts/export?format=vcf&q=Vidal');
    expect(adminVcf.body).toContain('X-COMPTOIR-OPENING-BALANCE:80.00');

    const pdf = await clerk('GET', '/api/v1/contacts/export?format=pdf&q=Vidal');
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Fromagerie Vidal');
    expect(text).not.toContain('Solde');
    expect(text).not.toContain('Total à recevoir');
    expect(text).not.toContain('200,00');
    const adminText = await pdfText((await t.api('GET', '/api/v1/contacts/export?format=pdf&q=Vidal')).rawPayload);
    expect(adminText).toContain('Total à recevoir');
    expect(adminText).toContain('200,00');
  });

  it('duplicates show no balance', async () => {
    const { mobile } = (await t.api('GET', `/api/v1/contacts/${contactId}`)).json();
    const twin = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: 'Fromagerie Vidal', mobile });
    expect(twin.statusCode, twin.body).toBe(201);
    const res = await clerk('GET', '/api/v1/contacts/duplicates?reason=mobile');
    expect(res.statusCode, res.body).toBe(200);
    const group = res.json().items.find((g: { contacts: { name: string }[] }) => g.contacts[0]?.name === 'Fromagerie Vidal');
    expect(group.contacts.map((c: { balance: string | null }) => c.balance)).toEqual([null, null]);
    const admin = (await t.api('GET', '/api/v1/contacts/duplicates?reason=mobile')).json();
    const adminGroup = admin.items.find((g: { contacts: { name: string }[] }) => g.contacts[0]?.name === 'Fromagerie Vidal');
    expect(adminGroup.contacts.map((c: { balance: string | null }) => c.balance)).toEqual(['200.00', '0.00']);
  });

  it('activity shows no figure', async () => {
    const kept = await addContact(t, { name: 'Épicerie Vidal', openingBalance: '15.00', openingBalanceDate: '2024-01-02' });
    const merged = await addContact(t, { name: 'Épicerie Vidal Sud', openingBalance: '25.00', openingBalanceDate: '2024-01-03' });
    const changed = await t.api('PATCH', `/api/v1/contacts/${kept}`, { openingBalance: '20.00', city: 'Rodez' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await t.api('PATCH', `/api/v1/contacts/${merged}`, { email: 'sud@vidal.fr' })).statusCode).toBe(200);
    const discount = await t.api('POST', `/api/v1/contacts/${kept}/discounts`, { amount: '2.00', date: '2024-02-01', reason: 'Geste' });
    expect(discount.statusCode, discount.body).toBe(201);
    const merge = await t.api('POST', '/api/v1/contacts/merge', { keepId: kept, mergeIds: [merged] });
    expect(merge.statusCode, merge.body).toBe(200);

    const items = (await clerk('GET', `/api/v1/contacts/${kept}/activity`)).json().items as { action: string; changes: any }[];
    const entry = (action: string) => items.find((item) => item.action === action);
    const fieldsOf = (changes: { field: string }[]) => changes.map((change) => change.field);
    // The merged contact's own mobile fills the kept contact's empty alternate number.
    expect(fieldsOf(entry('merge')?.changes.fields)).toEqual(['alternateNumber', 'email']);
    expect(fieldsOf(entry('updated')?.changes)).toEqual(['city']);
    expect(entry('discount')?.changes.amount).toBeNull();
    expect(entry('discount')?.changes.reason).toBe('Geste');

    const adminItems = (await t.api('GET', `/api/v1/contacts/${kept}/activity`)).json().items as { action: string; changes: any }[];
    const adminMerge = adminItems.find((item) => item.action === 'merge');
    expect(fieldsOf(adminMerge?.changes.fields)).toContain('openingBalance');
    expect(adminItems.find((item) => item.action === 'discount')?.changes.amount).toBe(200);
  });

  it('personal data shows no figure', async () => {
    const owner = await addContact(t, { name: 'Crèmerie Vidal', openingBalance: '40.00', openingBalanceDate: '2024-01-04' });
    const changed = await t.api('PATCH', `/api/v1/contacts/${owner}`, { openingBalance: '45.00', city: 'Millau' });
    expect(changed.statusCode, changed.body).toBe(200);
    const discount = await t.api('POST', `/api/v1/contacts/${owner}/discounts`, { amount: '3.00', date: '2024-02-01', reason: 'Fidèle' });
    expect(discount.statusCode, discount.body).toBe(201);

    const res = await clerk('GET', `/api/v1/contacts/${owner}/personal-data`);
    expect(res.statusCode, res.body).toBe(200);
    const data = JSON.parse(res.body);
    for (const field of ['balance', 'receivable', 'payable', 'advance', 'overdue', 'openingBalance', 'openingBalanceDate']) {
      expect(data.contact[field], field).toBeNull();
    }
    expect(data.contact.name).toBe('Crèmerie Vidal');
    const entry = (items: { action: string; changes: any }[], action: string) => items.find((item) => item.action === action);
    expect(entry(data.activity, 'updated')?.changes.map((change: { field: string }) => change.field)).toEqual(['city']);
    expect(entry(data.activity, 'discount')?.changes.amount).toBeNull();
    expect(entry(data.activity, 'discount')?.changes.reason).toBe('Fidèle');

    const admin = JSON.parse((await t.api('GET', `/api/v1/contacts/${owner}/personal-data`)).body);
    expect(admin.contact.openingBalance).toBe('45.00');
    expect(admin.contact.balance).toBe('42.00');
    expect(entry(admin.activity, 'discount')?.changes.amount).toBe(300);
  });
});
