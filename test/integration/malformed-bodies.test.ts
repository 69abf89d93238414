/**
 * Requests whose body, cursor or idempotency key cannot be read get a 400
 * whose detail names the fault and what to send instead, in the caller's
 * language. HTTP clients often send `Content-Type: application/json` with
 * an empty body on a DELETE or on a POST without fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addContact } from '../helpers/ledger-api.ts';

describe('malformed requests', () => {
  let t: TestApp;
  let contactId: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    contactId = await addContact(t, { name: 'Épicerie Roux' });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function send(payload: string, language: string) {
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${contactId}/deactivate`,
      payload,
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json', 'accept-language': language },
    });
  }

  it('empty JSON body says so', async () => {
    const french = await send('', 'fr');
    expect(french.statusCode).toBe(400);
    expect(french.json().code).toBe('bad_request');
    expect(french.json().detail).toBe(
      'La demande est mal formée : son corps est vide alors que son en-tête Content-Type annonce du JSON. Envoyez un corps JSON, ou retirez cet en-tête.',
    );
    const english = await send('', 'en');
    expect(english.json().detail).toBe(
      'The request is malformed: its body is empty but its Content-Type header says JSON. Send a JSON body, or leave out that header.',
    );
  });

  it('invalid JSON body says so', async () => {
    const french = await send('{"reason": ', 'fr');
    expect(french.statusCode).toBe(400);
    expect(french.json().code).toBe('bad_request');
    expect(french.json().detail).toBe('La demande est mal formée : son corps n’est pas du JSON valide. Vérifiez sa syntaxe.');
    const english = await send('{"reason": ', 'en');
    expect(english.json().detail).toBe('The request is malformed: its body is not valid JSON. Check its syntax.');
  });

  it('bad cursor says what to do', async () => {
    const response = await t.api('GET', '/api/v1/payments?cursor=notacursor', undefined, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('bad_request');
    expect(response.json().detail).toBe(
      'The request is malformed: its cursor parameter, “notacursor”, is not a valid page cursor. Start again from the first page, without cursor.',
    );
  });

  it('bad idempotency key says what to send', async () => {
    const response = await t.api(
      'POST',
      '/api/v1/payments',
      { contactId, amount: '5.00', method: 'cash', date: '2026-01-05' },
      { 'idempotency-key': 'deux mots', 'accept-language': 'fr' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toBe(
      'La demande est mal formée : son en-tête Idempotency-Key est invalide. Envoyez de 1 à 200 caractères ASCII visibles, sans espace.',
    );
  });

  it('text where a list goes is one fault', async () => {
    const res = await t.api('POST', '/api/v1/contacts/merge', { keepId: contactId, mergeIds: 'a'.repeat(30) }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toBe('The request has 1 invalid value: correct it and try again.');
    expect(res.json().errors).toEqual([
      { path: 'mergeIds', code: 'invalid_type', message: `“${'a'.repeat(30)}” is not of the expected type: a list.` },
    ]);
  });
});
