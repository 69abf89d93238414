import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { countContacts, multipartFile, pdfBytes, person, readContactRow, uploadAttachment } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('contact tenant isolation on %s', (engine) => {
  let t: TestApp;
  let tokenB: string;
  let contactId: string;
  let noteId: string;
  let attachmentId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    tokenB = (await t.addBusiness('Concurrent')).token;
    const created = await t.api('POST', '/api/v1/contacts', person('Élodie', '06 12 34 56 78', {
      lastName: 'Martin', email: 'elodie@example.fr',
    }));
    contactId = created.json().id;
    noteId = (await t.api('POST', `/api/v1/contacts/${contactId}/notes`, { body: 'Paie en fin de mois' })).json().id;
    attachmentId = (await uploadAttachment(t, t.adminToken, contactId, 'devis.pdf', pdfBytes, 'application/pdf')).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 404 on every contact route', async () => {
    const b = asToken(t, tokenB);
    const base = `/api/v1/contacts/${contactId}`;
    const calls: [string, string, unknown?][] = [
      ['GET', base],
      ['PATCH', base, { city: 'Lyon' }],
      ['POST', `${base}/deactivate`],
      ['POST', `${base}/reactivate`],
      ['POST', `${base}/anonymise`],
      ['GET', `${base}/personal-data`],
      ['GET', `${base}/activity`],
      ['GET', `${base}/notes`],
      ['POST', `${base}/notes`, { body: 'intrus' }],
      ['PATCH', `${base}/notes/${noteId}`, { body: 'intrus' }],
      ['DELETE', `${base}/notes/${noteId}`],
      ['GET', `${base}/attachments`],
      ['GET', `${base}/attachments/${attachmentId}`],
      ['DELETE', `${base}/attachments/${attachmentId}`],
      ['DELETE', base],
    ];
    for (const [method, url, body] of calls) {
      const res = await b(method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().code, `${method} ${url}`).toBe('not_found');
      expect(res.body).not.toContain('Martin');
    }
    const upload = multipartFile('x.pdf', pdfBytes, 'application/pdf');
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/attachments`,
      headers: { authorization: `Bearer ${tokenB}`, ...upload.headers },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(404);
  });

  it('lists and searches none of the other business', async () => {
    const b = asToken(t, tokenB);
    for (const url of ['/api/v1/contacts', '/api/v1/contacts?q=Martin', '/api/v1/contacts?q=0612', '/api/v1/contacts?type=customer']) {
      const res = await b('GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([]);
    }
  });

  it('leaves the data of the first business unchanged', async () => {
    const row = await readContactRow(t, contactId);
    expect(row?.city).toBeNull();
    expect(row?.status).toBe('active');
    expect(row?.anonymised_at).toBeNull();
    expect(row?.name).toBe('Élodie Martin');
    expect(await countContacts(t)).toBe(1);
    const notes = await t.api('GET', `/api/v1/contacts/${contactId}/notes`);
    expect(notes.json().items.map((note: { body: string }) => note.body)).toEqual(['Paie en fin de mois']);
    const files = await t.api('GET', `/api/v1/contacts/${contactId}/attachments`);
    expect(files.json().items).toHaveLength(1);
    const activity = await t.api('GET', `/api/v1/contacts/${contactId}/activity`);
    expect(activity.json().items.map((item: { action: string }) => item.action)).toEqual(['attachment_added', 'note_added', 'created']);
  });
});
