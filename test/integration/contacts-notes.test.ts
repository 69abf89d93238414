import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { person } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('contact notes on %s', (engine) => {
  let t: TestApp;
  let contactId: string;
  let author: { userId: string; token: string };
  let reader: { userId: string; token: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    author = await t.addUser(['customer.view', 'customer.update'], 'Autrice');
    reader = await t.addUser(['customer.view', 'customer.update'], 'Lecteur');
    contactId = (await t.api('POST', '/api/v1/contacts', person('Noté', '06 30 00 00 01'))).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const url = () => `/api/v1/contacts/${contactId}/notes`;
  const bodies = (res: { json(): { items: { body: string }[] } }) => res.json().items.map((note) => note.body);

  it('adds a note with its author', async () => {
    const res = await asToken(t, author.token)('POST', url(), { heading: ' Livraison ', body: 'Sonner deux fois' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ heading: 'Livraison', body: 'Sonner deux fois', isPrivate: false, authorId: author.userId, authorName: 'Autrice' });
  });

  it('rejects an empty body', async () => {
    const res = await asToken(t, author.token)('POST', url(), { body: '   ' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'body', code: 'required' });
  });

  it('hides private notes from everyone but the author', async () => {
    const created = await asToken(t, author.token)('POST', url(), { body: 'secret', isPrivate: true });
    const noteId = created.json().id;
    expect(bodies(await asToken(t, author.token)('GET', url()))).toContain('secret');
    expect(bodies(await asToken(t, reader.token)('GET', url()))).not.toContain('secret');
    expect(bodies(await t.api('GET', url()))).not.toContain('secret');
    const admin = await t.api('GET', `/api/v1/contacts/${contactId}/personal-data`);
    expect(admin.body).not.toContain('secret');
    expect((await asToken(t, reader.token)('PATCH', `${url()}/${noteId}`, { body: 'lu' })).statusCode).toBe(404);
    expect((await asToken(t, reader.token)('DELETE', `${url()}/${noteId}`)).statusCode).toBe(404);
  });

  it('lets only the author edit or delete', async () => {
    const noteId = (await asToken(t, author.token)('POST', url(), { body: 'brouillon' })).json().id;
    const denied = await asToken(t, reader.token)('PATCH', `${url()}/${noteId}`, { body: 'modifié' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('note_author_only');
    expect((await asToken(t, reader.token)('DELETE', `${url()}/${noteId}`)).statusCode).toBe(403);

    const edited = await asToken(t, author.token)('PATCH', `${url()}/${noteId}`, { body: 'final', isPrivate: true });
    expect(edited.json()).toMatchObject({ body: 'final', isPrivate: true });
    expect(bodies(await asToken(t, reader.token)('GET', url()))).not.toContain('final');
    expect((await asToken(t, author.token)('DELETE', `${url()}/${noteId}`)).statusCode).toBe(204);
    expect(bodies(await asToken(t, author.token)('GET', url()))).not.toContain('final');
  });

  it('needs the update permission to write', async () => {
    const viewer = await t.addUser(['customer.view'], 'Vue');
    expect(bodies(await asToken(t, viewer.token)('GET', url()))).toContain('Sonner deux fois');
    expect((await asToken(t, viewer.token)('POST', url(), { body: 'non' })).statusCode).toBe(403);
  });

  it('pages notes newest first', async () => {
    const id = (await t.api('POST', '/api/v1/contacts', person('Pages', '06 30 00 00 02'))).json().id;
    for (const body of ['un', 'deux', 'trois']) await t.api('POST', `/api/v1/contacts/${id}/notes`, { body });
    const first = await t.api('GET', `/api/v1/contacts/${id}/notes?limit=2`);
    expect(bodies(first)).toEqual(['trois', 'deux']);
    const second = await t.api('GET', `/api/v1/contacts/${id}/notes?limit=2&cursor=${first.json().nextCursor}`);
    expect(bodies(second)).toEqual(['un']);
    expect(second.json().nextCursor).toBeNull();
  });
});
