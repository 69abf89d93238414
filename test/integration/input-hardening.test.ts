/**
 * Bad input reaches every route as a 422 naming the value and the fix:
 * amounts past the maximum, impossible or far dates, invisible and control
 * characters, and the wording of schema issues in French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { issueAt } from '../helpers/contacts.ts';
import { addContact, oneLine } from '../helpers/ledger-api.ts';
import { addDays, todayIn } from '../../src/ledger/dates.ts';

describe.each(engines)('input hardening on %s', (engine) => {
  let t: TestApp;
  let contactId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    contactId = await addContact(t, { name: 'Quincaillerie Roux', type: 'both' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('document total past the maximum is a 422', async () => {
    const lines = Array.from({ length: 500 }, () => ({ description: 'Pain', quantity: '999999999', unitPrice: '9999999999.99' }));
    for (const kind of ['sales', 'purchases']) {
      const response = await t.api('POST', `/api/v1/${kind}`, { contactId, date: '2026-01-05', status: 'final', lines });
      expect(response.statusCode, response.body).toBe(422);
      const issue = issueAt(response.json(), 'lines');
      expect(issue?.code).toBe('total_too_large');
      expect(issue?.message).toContain('999999999999.99');
      // The total is past 2^53, so only its leading digits are exact.
      expect(issue?.message).toMatch(/^Le total du document \(49999999949\d{11}\.\d{2}\) dépasse le maximum accepté \(999999999999\.99\)/);
    }
  });

  it('amount past the maximum names it', async () => {
    for (const amount of ['99999999999999999', '90071992547409.93']) {
      const payment = await t.api('POST', '/api/v1/payments', { contactId, amount, method: 'cash', date: '2026-01-05', direction: 'received' });
      expect(payment.statusCode).toBe(422);
      const issue = issueAt(payment.json(), 'amount');
      expect(issue?.code).toBe('amount_too_large');
      expect(issue?.message).toBe(`Le montant « ${amount} » est trop grand : 999999999999.99 au maximum.`);
    }
    const contact = await t.api('POST', '/api/v1/contacts', {
      type: 'customer', kind: 'business', businessName: 'Grand compte', creditLimit: '99999999999999999', openingBalance: '99999999999999999',
    });
    expect(contact.statusCode).toBe(422);
    expect(issueAt(contact.json(), 'creditLimit')?.code).toBe('amount_too_large');
    expect(issueAt(contact.json(), 'openingBalance')?.code).toBe('amount_too_large');
    const line = await t.api('POST', '/api/v1/sales', oneLine(contactId, '2026-01-05', '99999999999999999'));
    expect(issueAt(line.json(), 'lines.0.unitPrice')?.code).toBe('amount_too_large');
  });

  it('impossible dates are invalid_date on every route', async () => {
    const urls = [
      `/api/v1/contacts/${contactId}/statement.pdf?from=2026-13-01`,
      `/api/v1/contacts/${contactId}/statement.pdf?from=2026-02-30`,
      `/api/v1/contacts/${contactId}/statement.pdf?to=abc`,
      `/api/v1/contacts/${contactId}/ledger?from=2026-13-01`,
      `/api/v1/contacts/${contactId}/ledger.csv?from=2026-13-01`,
      `/api/v1/sales?from=2026-13-01`,
      `/api/v1/purchases?to=2026-02-30`,
    ];
    for (const url of urls) {
      const response = await t.api('GET', url);
      expect(response.statusCode, url).toBe(422);
      const issue = response.json().errors[0];
      expect(issue.code, url).toBe('invalid_date');
      const [parameter, value] = new URL(url, 'http://x').searchParams.entries().next().value as [string, string];
      expect(issue.message, url).toBe(
        `${parameter} : « ${value} » n’est pas une date valide. Écrivez un jour qui existe au format AAAA-MM-JJ, par exemple 2024-03-31.`,
      );
    }
    const sale = await t.api('POST', '/api/v1/sales', oneLine(contactId, '2026-02-30', '10.00'));
    expect(issueAt(sale.json(), 'date')?.code).toBe('invalid_date');
  });

  it('far dates are rejected with the bound', async () => {
    const today = todayIn('Europe/Paris');
    const latest = addDays(today, 365);
    const future = await t.api('POST', '/api/v1/sales', oneLine(contactId, '2099-01-01', '10.00'));
    expect(future.statusCode).toBe(422);
    expect(issueAt(future.json(), 'date')?.message).toBe(
      `La date « 2099-01-01 » est trop loin dans le futur : au plus 365 jours après aujourd’hui, soit le ${latest}.`,
    );
    const payment = await t.api('POST', '/api/v1/payments', { contactId, amount: '5.00', method: 'cash', date: '2099-01-01', direction: 'received' });
    expect(issueAt(payment.json(), 'date')?.code).toBe('date_too_far_ahead');
    for (const date of ['9999-12-31', '0001-01-01']) {
      const response = await t.api('POST', '/api/v1/sales', oneLine(contactId, date, '10.00'));
      expect(response.statusCode, date).toBe(422);
      expect(issueAt(response.json(), 'date')?.code, date).toBe('date_out_of_range');
    }
    const birth = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'person', firstName: 'Ana', dateOfBirth: '1850-05-01' });
    expect(issueAt(birth.json(), 'dateOfBirth')?.code).toBe('date_out_of_range');
    const planned = await t.api('POST', '/api/v1/sales', oneLine(contactId, addDays(today, 30), '10.00'));
    expect(planned.statusCode, planned.body).toBe(201);
  });

  it('schema issues name the value in French', async () => {
    const role = await t.api('POST', '/api/v1/roles', { name: 'Caisse', permissions: [], isAdmin: true });
    expect(role.statusCode).toBe(422);
    expect(role.json().errors[0].message).toBe('« true » n’est pas accepté : valeurs possibles false.');
    const sort = await t.api('GET', '/api/v1/contacts?sort=balance;drop');
    expect(sort.statusCode).toBe(422);
    expect(sort.json().errors[0].message).toMatch(/^sort : « balance;drop » n’est pas accepté\. Valeurs possibles : /);
    const session = await t.api('PATCH', '/api/v1/session', {});
    expect(session.statusCode).toBe(422);
    expect(issueAt(session.json(), '')?.code).toBe('session_patch_empty');
    const tooMany = await t.api('GET', '/api/v1/contacts?limit=100000');
    expect(tooMany.json().errors[0].message).toBe('limit : « 100000 » est trop grand, 200 au maximum.');
    const notNumber = await t.api('GET', '/api/v1/contacts?limit=abc');
    expect(notNumber.json().errors[0].message).toBe(
      'limit : « abc » n’est pas un nombre entier. Indiquez un nombre entier de 1 à 200, ou retirez limit pour obtenir 50.',
    );
    const english = await t.api('GET', '/api/v1/contacts?limit=1.5', undefined, { 'accept-language': 'en' });
    expect(english.json().errors[0].message).toBe('limit: “1.5” is not a whole number. Give a whole number from 1 to 200, or leave limit out to get 50.');
    const allocation = await t.api('POST', '/api/v1/payments', {
      contactId, amount: '5.00', method: 'cash', date: '2026-01-05', direction: 'received', allocations: [{ amount: '5.00' }],
    });
    expect(issueAt(allocation.json(), 'allocations.0')?.code).toBe('allocation_target_required');
    expect(issueAt(allocation.json(), 'allocations.0')?.message).toBe('Indiquez le document à solder : documentId (ou itemId pour une écriture ouverte).');
  });

  it('413 and 404 read in one language', async () => {
    const big = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: 'x'.repeat(1_100_000) });
    expect(big.statusCode).toBe(413);
    expect(big.json().detail).toBe('Le fichier ou la demande est trop volumineux (maximum 1 Mo) : envoyez-en un plus petit.');
    const missing = [
      ['/api/v1/payments/00000000-0000-0000-0000-000000000000', 'règlement', 'payment'],
      ['/api/v1/users/00000000-0000-0000-0000-000000000000', 'utilisateur', 'user'],
    ];
    for (const [url, fr, en] of missing) {
      const french = await t.api('GET', url!);
      expect(french.statusCode, url).toBe(404);
      expect(french.json().detail).toBe(`Introuvable : ${fr}. Vérifiez l’identifiant ou l’adresse.`);
      const english = await t.api('GET', url!, undefined, { 'accept-language': 'en' });
      expect(english.json().detail).toBe(`Not found: ${en}. Check the id or the address.`);
    }
    const route = await t.api('GET', '/api/v1/nope');
    expect(route.statusCode).toBe(404);
    expect(route.json().detail).toBe('Aucune page ni route d’API à l’adresse « /api/v1/nope » : vérifiez l’adresse.');
  });

  it('invisible and control characters are rejected', async () => {
    const cases: [string, string][] = [
      ['a\u0000b', 'text_control_character'],
      ['\ud800', 'text_lone_surrogate'],
      ['\u202eevil\u202c', 'text_bidi_control'],
    ];
    for (const [name, code] of cases) {
      const response = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: name });
      expect(response.statusCode, JSON.stringify(name)).toBe(422);
      expect(issueAt(response.json(), 'businessName')?.code).toBe(code);
    }
    const invisible = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: '\u200b' });
    expect(invisible.statusCode).toBe(422);
    expect(issueAt(invisible.json(), 'businessName')?.code).toBe('required');
    const search = await t.api('GET', '/api/v1/contacts?q=a%00b');
    expect(search.statusCode).toBe(422);
    const note = await t.api('POST', '/api/v1/sales', {
      ...oneLine(contactId, '2026-01-05', '10.00'),
      lines: [{ description: 'Pain\u0000', quantity: 1, unitPrice: '10.00' }],
    });
    expect(issueAt(note.json(), 'lines.0.description')?.code).toBe('text_control_character');
  });

  it('names are stored in NFC', async () => {
    const response = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: 'Cafe\u0301 Lumie\u0300re\u200b', mobile: '06 12 98 76 54' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().name).toBe('Café Lumière');
  });

  it('overpaid walk-in sale gets one issue', async () => {
    const response = await t.api('POST', '/api/v1/sales', {
      ...oneLine(null, '2026-01-05', '10.00'),
      payments: [{ method: 'cash', amount: '15.00' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { code: string }) => e.code)).toEqual(['payments_exceed_total']);
  });
});
