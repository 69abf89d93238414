import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeContacts } from '../../src/contacts/merge/merge-contacts.ts';
import type { ContactActor } from '../../src/contacts/visibility.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('merge leftovers on %s', (engine) => {
  let t: TestApp;

  const post = async (url: string, body: unknown) => {
    const res = await t.api('POST', url, body);
    expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  const notesOf = async (id: string) => (await t.api('GET', `/api/v1/contacts/${id}/notes`)).json().items;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps merged numbers and lists lost values', async () => {
    const keep = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Lucie', lastName: 'Marchal', mobile: '06 12 34 56 78', email: 'lucie@example.fr', city: 'Lyon',
    });
    const dup = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Lucie', lastName: 'MARCHAL', mobile: '06 98 76 54 32', landline: '04 78 00 00 01',
      email: 'l.marchal@autre.fr', city: 'Villeurbanne', zipCode: '69100',
    });
    const third = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Lucie', lastName: 'Marchal', mobile: '07 11 22 33 44', alternateNumber: '06 12 34 56 78',
    });
    const body = { keepId: keep.id, mergeIds: [dup.id, third.id] };

    const dry = await t.api('POST', '/api/v1/contacts/merge', { ...body, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    const preview = dry.json();
    expect(preview.contact.alternateNumber).toBe('06 98 76 54 32');
    expect(preview.contact.landline).toBe('04 78 00 00 01');
    expect(preview.contact.email).toBe('lucie@example.fr');
    expect(preview.contact.zipCode).toBe('69100');
    expect(preview.notes).toHaveLength(2);
    expect(preview.notes[0].heading).toBe(`Valeurs non reprises de ${dup.name} (${dup.code})`);
    expect(preview.notes[0].body).toBe([
      `La fusion de ${dup.name} (${dup.code}) dans ce contact n’a pas repris ces valeurs, car ce contact avait déjà les siennes :`,
      '- E-mail : l.marchal@autre.fr',
      '- Ville : Villeurbanne',
    ].join('\n'));
    expect(preview.notes[1].heading).toBe(`Valeurs non reprises de ${third.name} (${third.code})`);
    expect(preview.notes[1].body).toContain('\n- Mobile : 07 11 22 33 44');
    expect(preview.notes[1].body).not.toContain('06 12 34 56 78');
    expect(await notesOf(keep.id)).toEqual([]);
    expect((await t.api('GET', `/api/v1/contacts/${dup.id}`)).statusCode).toBe(200);
    expect((await t.api('GET', '/api/v1/contacts?q=0698765432')).json().items.map((item: { id: string }) => item.id)).toEqual([dup.id]);

    const merge = await t.api('POST', '/api/v1/contacts/merge', body);
    expect(merge.statusCode, merge.body).toBe(200);
    const result = merge.json();
    expect(result.contact).toEqual({ ...preview.contact, updatedAt: result.contact.updatedAt });
    expect(result.notes.map((note: { heading: string; body: string }) => [note.heading, note.body]))
      .toEqual(preview.notes.map((note: { heading: string; body: string }) => [note.heading, note.body]));
    const stored = await notesOf(keep.id);
    expect(stored.map((note: { id: string }) => note.id).sort()).toEqual(result.notes.map((note: { id: string }) => note.id).sort());
    expect(stored.every((note: { isPrivate: boolean }) => !note.isPrivate)).toBe(true);

    for (const q of ['0698765432', '06 98 76 54 32', '+33698765432', '0478000001']) {
      const found = (await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`)).json().items.map((item: { id: string }) => item.id);
      expect(found, q).toEqual([keep.id]);
    }

    const activity = (await t.api('GET', `/api/v1/contacts/${keep.id}/activity`)).body;
    expect(activity).toContain('noteIds');
    expect(activity).not.toContain('l.marchal@autre.fr');
    expect(activity).not.toContain('Villeurbanne');
    expect(activity).not.toContain('07 11 22 33 44');
  });

  it('writes no note when nothing is lost', async () => {
    const keep = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Marc', lastName: 'Olivier', mobile: '06 20 30 40 50' });
    const dup = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Marc', lastName: 'Olivier', mobile: '+33 6 20 30 40 50', email: 'marc@example.fr',
    });
    const res = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().notes).toEqual([]);
    expect(res.json().contact.email).toBe('marc@example.fr');
    expect(res.json().contact.alternateNumber).toBeNull();
    expect(await notesOf(keep.id)).toEqual([]);
  });

  it('chosen empty number field stays empty', async () => {
    const keep = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Anne', lastName: 'Roux', mobile: '06 21 31 41 51' });
    const dup = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Anne', lastName: 'Roux', mobile: '06 22 32 42 52' });
    const res = await t.api('POST', '/api/v1/contacts/merge', {
      keepId: keep.id, mergeIds: [dup.id], fields: { alternateNumber: keep.id, landline: keep.id }, dryRun: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contact.alternateNumber).toBeNull();
    expect(res.json().notes[0].body).toContain('- Mobile : 06 22 32 42 52');
  });

  it('replaced kept mobile moves aside', async () => {
    const keep = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Hugo', lastName: 'Brun', mobile: '06 27 37 47 57' });
    const dup = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Hugo', lastName: 'Brun', mobile: '06 28 38 48 58' });
    const res = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id], fields: { mobile: dup.id } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contact.mobile).toBe('06 28 38 48 58');
    expect(res.json().contact.alternateNumber).toBe('06 27 37 47 57');
    expect(res.json().notes).toEqual([]);
    const found = (await t.api('GET', '/api/v1/contacts?q=0627374757')).json().items.map((item: { id: string }) => item.id);
    expect(found).toEqual([keep.id]);
  });

  it('merge without user writes note', async () => {
    const keep = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Paul', lastName: 'Garnier', mobile: '06 24 34 44 54', city: 'Nantes' });
    const dup = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Paul', lastName: 'Garnier', mobile: '06 24 34 44 54', city: 'Rezé' });
    // System work, such as a command-line command, acts as an administrator without a user.
    const system: ContactActor = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set() };

    const result = await mergeContacts(t.database.db.kysely, system, { keepId: keep.id, mergeIds: [dup.id] });

    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]?.authorId).toBeNull();
    expect(result.notes[0]?.authorName).toBeNull();
    expect(result.notes[0]?.body).toContain('\n- Ville : Rezé');
    const stored = await notesOf(keep.id);
    expect(stored).toHaveLength(1);
    expect(stored[0].id).toBe(result.notes[0]?.id);
    expect(stored[0].authorId).toBeNull();
    expect(stored[0].authorName).toBeNull();
  });

  it('spells out country and birth date', async () => {
    const keep = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Inés', lastName: 'Vidal', mobile: '06 24 34 44 54', country: 'FR', dateOfBirth: '1980-03-15',
    });
    const dup = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Inés', lastName: 'VIDAL', mobile: '+33 6 24 34 44 54', country: 'ES', dateOfBirth: '1982-01-06',
    });
    const res = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id], dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const body: string = res.json().notes[0].body;
    expect(body).toContain('\n- Pays : Espagne (ES)');
    expect(body).toContain('\n- Date de naissance : 6 janvier 1982');
  });

  it('writes the note in the business language', async () => {
    expect((await t.api('PATCH', '/api/v1/business', { locale: 'en' })).statusCode).toBe(200);
    const keep = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Ben', lastName: 'Hale', mobile: '06 23 33 43 53', email: 'ben@example.com' });
    const dup = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Ben', lastName: 'Hale', mobile: '+33 6 23 33 43 53', email: 'b.hale@example.com',
    });
    const res = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id], dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().notes).toEqual([expect.objectContaining({
      heading: `Values not kept from ${dup.name} (${dup.code})`,
      body: `Merging ${dup.name} (${dup.code}) into this contact did not keep these values, because this contact already had its own:\n- Email: b.hale@example.com`,
    })]);
  });

  it('anonymising erases merge values', async () => {
    const keep = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Rose', lastName: 'Lenoir', mobile: '06 25 35 45 55' });
    const dup = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Rose', lastName: 'Lenoir', mobile: '06 26 36 46 56', email: 'rose@example.fr',
    });
    expect((await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id] })).statusCode).toBe(200);
    const entry = () => t.database.db.kysely.selectFrom('audit_log').select('changes')
      .where('entity_id', '=', keep.id).where('action', '=', 'merge').executeTakeFirstOrThrow();
    expect((await entry()).changes).toContain('06 26 36 46 56');

    expect((await t.api('POST', `/api/v1/contacts/${keep.id}/anonymise`)).statusCode).toBe(200);
    const erased = JSON.parse((await entry()).changes);
    expect(erased.mergedNames).toBeNull();
    expect(erased.mergedCodes).toEqual([dup.code]);
    const fields = erased.fields.map((change: { field: string }) => change.field);
    expect(fields).toContain('alternateNumber');
    expect(fields).toContain('email');
    expect(JSON.stringify(erased)).not.toContain('06 26 36 46 56');
    expect(JSON.stringify(erased)).not.toContain('rose@example.fr');
    expect(JSON.stringify(erased)).not.toContain('Lenoir');
  });

  it('anonymising erases merged contacts history', async () => {
    const keep = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Iris', lastName: 'Vautrin', mobile: '06 27 37 47 57' });
    const dup = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Iris', lastName: 'Vautrin', mobile: '06 28 38 48 58', email: 'iris@example.fr',
    });
    expect((await t.api('PATCH', `/api/v1/contacts/${dup.id}`, { city: 'Quimperlé' })).statusCode).toBe(200);
    const older = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Iris', lastName: 'Vautrine', mobile: '06 29 39 49 59' });
    // The older duplicate went into the other one before that one went into the kept contact.
    expect((await t.api('POST', '/api/v1/contacts/merge', { keepId: dup.id, mergeIds: [older.id] })).statusCode).toBe(200);
    expect((await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id] })).statusCode).toBe(200);
    const history = async (id: string) => JSON.stringify(await t.database.db.kysely.selectFrom('audit_log').select(['action', 'changes'])
      .where('business_id', '=', t.business.businessId).where('entity_id', '=', id).execute());
    expect(await history(dup.id)).toContain('Quimperlé');
    expect(await history(older.id)).toContain('Vautrine');

    expect((await t.api('POST', `/api/v1/contacts/${keep.id}/anonymise`)).statusCode).toBe(200);
    for (const id of [dup.id, older.id]) {
      const erased = await history(id);
      expect(erased, id).toContain('merged_into');
      for (const value of ['iris@example.fr', '06 28 38 48 58', '06 29 39 49 59', 'Quimperlé', 'Vautrin']) {
        expect(erased, `${id} ${value}`).not.toContain(value);
      }
    }
    const merged = await t.api('GET', `/api/v1/contacts/${dup.id}`);
    expect(merged.json().code).toBe('contact_merged');
  });
});
