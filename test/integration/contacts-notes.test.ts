import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { person } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';

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

  /** Stores a note without an author, as a merge run without a signed-in user writes it, and returns its id. */
  const addSystemNote = async (onContact: string, body: string) => {
    const now = nowIso();
    const id = newId();
    await t.database.db.kysely.insertInto('contact_notes').values({
      id, business_id: t.business.businessId, contact_id: onContact, author_id: null,
      heading: 'Valeurs non reprises', body, is_private: 0, created_at: now, updated_at: now,
    }).execute();
    return id;
  };

  it('lets an updater edit a system note', async () => {
    const noteId = await addSystemNote(contactId, '- Ville : Rezé');
    const edited = await asToken(t, reader.token)('PATCH', `${url()}/${noteId}`, { body: '- Ville : Nantes' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id: noteId, body: '- Ville : Nantes', isPrivate: false, authorId: null, authorName: null });
    const listed = (await asToken(t, author.token)('GET', url())).json().items.find((note: { id: string }) => note.id === noteId);
    expect(listed).toMatchObject({ body: '- Ville : Nantes', authorId: null });
    const audit = await t.database.db.kysely.selectFrom('audit_log').select(['user_id', 'action']).where('entity_id', '=', contactId)
      .where('action', '=', 'note_updated').execute();
    expect(audit).toContainEqual({ user_id: reader.userId, action: 'note_updated' });
  });

  it('keeps a system note public', async () => {
    const noteId = await addSystemNote(contactId, '- Code postal : 44400');
    const res = await asToken(t, reader.token)('PATCH', `${url()}/${noteId}`, { body: 'à moi', isPrivate: true });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toHaveLength(1);
    expect(res.json().errors[0]).toMatchObject({ path: 'isPrivate', code: 'note_without_author_private' });
    expect(res.json().errors[0].message).toContain('Comptoir');
    const listed = (await asToken(t, author.token)('GET', url())).json().items.find((note: { id: string }) => note.id === noteId);
    expect(listed).toMatchObject({ body: '- Code postal : 44400', isPrivate: false });
    const unchanged = await asToken(t, reader.token)('PATCH', `${url()}/${noteId}`, { isPrivate: false });
    expect(unchanged.statusCode, unchanged.body).toBe(200);
  });

  it('lets an updater delete a system note', async () => {
    const noteId = await addSystemNote(contactId, '- E-mail : paul@exemple.fr');
    const res = await asToken(t, reader.token)('DELETE', `${url()}/${noteId}`);
    expect(res.statusCode, res.body).toBe(204);
    const ids = (await asToken(t, author.token)('GET', url())).json().items.map((note: { id: string }) => note.id);
    expect(ids).not.toContain(noteId);
  });

  it('system note needs the update permission', async () => {
    const noteId = await addSystemNote(contactId, '- Mobile : 06 24 34 44 54');
    const viewer = await t.addUser(['customer.view'], 'Vue seule');
    const edit = await asToken(t, viewer.token)('PATCH', `${url()}/${noteId}`, { body: 'non' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().code).toBe('forbidden');
    expect((await asToken(t, viewer.token)('DELETE', `${url()}/${noteId}`)).statusCode).toBe(403);

    // A customer and supplier needs the update permission of both sides, as its fields do.
    const both = (await t.api('POST', '/api/v1/contacts', { ...person('Deux côtés', '06 30 00 00 03'), type: 'both' })).json().id;
    const bothNote = await addSystemNote(both, '- Ville : Rezé');
    const customerSide = await t.addUser(['customer.view', 'customer.update', 'supplier.view'], 'Côté client');
    const bothUrl = `/api/v1/contacts/${both}/notes/${bothNote}`;
    expect((await asToken(t, customerSide.token)('PATCH', bothUrl, { body: 'non' })).statusCode).toBe(403);
    expect((await asToken(t, customerSide.token)('DELETE', bothUrl)).statusCode).toBe(403);
    const bothSides = await t.addUser(['customer.view', 'customer.update', 'supplier.view', 'supplier.update'], 'Deux côtés');
    expect((await asToken(t, bothSides.token)('DELETE', bothUrl)).statusCode).toBe(204);
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
