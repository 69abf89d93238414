import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/contacts/create-contact.ts';
import { LOOKUP_CANDIDATES, lookupContacts } from '../../src/contacts/search/lookup-contacts.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';
import { multipart } from '../helpers/transfer-files.ts';

interface Listed {
  id: string;
  name: string;
}

describe.each(engines)('search index after writes on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.close();
  });

  const create = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Listed & { code: string };
  };

  /** Ids the picker finds for `q`, inactive contacts included. */
  const found = async (q: string) => {
    const res = await t.api('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}&includeInactive=true`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Listed[]).map((item) => item.id);
  };

  /** Ids the sorted list keeps for `q`; a sort makes the list use the search condition, not the candidates. */
  const listed = async (q: string) => {
    const res = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}&sort=name&includeInactive=true`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Listed[]).map((item) => item.id);
  };

  /** Rows of the PostgreSQL word table for a contact; SQLite keeps FTS5 tables instead. */
  const wordRows = async (contactId: string) => {
    const rows = await sql<{ word: string }>`select word from contact_words where contact_id = ${contactId} order by word`
      .execute(t.database.db.kysely);
    return rows.rows.map((row) => row.word);
  };

  const upload = async (file: string, options: Record<string, unknown>) => {
    const body = multipart(Buffer.from(file, 'utf8'), 'contacts.csv', options);
    const res = await t.api('POST', '/api/v1/imports', body.payload, body.headers);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; totals: Record<string, number> };
  };

  it('created contact is found by every word', async () => {
    const contact = await create({
      kind: 'individual', firstName: 'Zéphyrine', lastName: 'Quatremare', city: 'Œuilly', mobile: '06 31 00 00 01',
    });
    for (const q of ['zephyr', 'QUATRE', 'oeuil', 'zephyrine quatremare']) {
      expect(await found(q), q).toEqual([contact.id]);
      expect(await listed(q), q).toEqual([contact.id]);
    }
    if (engine === 'postgres') {
      expect(await wordRows(contact.id)).toEqual(
        [contact.code.toLowerCase(), '0631000001', '33631000001', 'oeuilly', 'quatremare', 'zephyrine'].sort(),
      );
    }
  });

  it('elided names match without apostrophe', async () => {
    const hote = await create({ kind: 'business', businessName: "L'Hôte du Marché", mobile: '06 31 00 00 21' });
    const angelo = await create({ kind: 'individual', firstName: 'Jean', lastName: 'D’Angelo', mobile: '06 31 00 00 22' });
    for (const q of ['lhote', "l'hote", 'l’hôte', 'hote du', 'LHOTE MARCHE']) {
      expect(await found(q), q).toEqual([hote.id]);
      expect(await listed(q), q).toEqual([hote.id]);
    }
    for (const q of ['dangelo', 'jean dange', "d'angelo", 'angelo']) {
      expect(await found(q), q).toEqual([angelo.id]);
      expect(await listed(q), q).toEqual([angelo.id]);
    }
    const picked = await t.api('GET', '/api/v1/contacts/lookup?q=dangelo');
    expect(picked.json().items[0].matchedOn).toBe('name');
    if (engine === 'postgres') expect(await wordRows(hote.id)).toEqual(expect.arrayContaining(['l', 'hote', 'lhote']));

    const renamed = await t.api('PATCH', `/api/v1/contacts/${hote.id}`, { businessName: 'Hôtel du Marché' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await found('lhote')).toEqual([]);
    expect(await listed('lhote')).toEqual([]);
  });

  it('modifier apostrophe separates words', async () => {
    const brienne = await create({ kind: 'individual', firstName: 'Paul', lastName: 'Oʼbrienne', mobile: '06 31 00 00 23' });
    const angelo = await create({ kind: 'individual', firstName: 'Lucie', lastName: 'D’Angeli', mobile: '06 31 00 00 24' });
    for (const q of ['oʼbrienne', "o'brienne", 'o’brienne', 'brienne', 'obrienne', 'paul oʼbri']) {
      expect(await found(q), q).toEqual([brienne.id]);
      expect(await listed(q), q).toEqual([brienne.id]);
    }
    for (const q of ['dʼangeli', 'lucie dʼang']) {
      expect(await found(q), q).toEqual([angelo.id]);
      expect(await listed(q), q).toEqual([angelo.id]);
    }
    const picked = await t.api('GET', '/api/v1/contacts/lookup?q=brienne');
    expect(picked.json().items[0].matchedOn).toBe('name');
  });

  it('renamed contact loses its old words', async () => {
    const contact = await create({ kind: 'individual', firstName: 'Anatole', lastName: 'Brisquet', mobile: '06 31 00 00 02' });
    const res = await t.api('PATCH', `/api/v1/contacts/${contact.id}`, { lastName: 'Vermandois' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await found('brisquet')).toEqual([]);
    expect(await listed('brisquet')).toEqual([]);
    expect(await found('anatole vermand')).toEqual([contact.id]);
    expect(await listed('anatole vermand')).toEqual([contact.id]);
  });

  it('figure update leaves the words alone', async () => {
    const contact = await create({ kind: 'individual', firstName: 'Honorine', lastName: 'Paillasse', mobile: '06 31 00 00 03' });
    const res = await t.api('PATCH', `/api/v1/contacts/${contact.id}`, { creditLimit: '300.00' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await found('paillasse')).toEqual([contact.id]);
    if (engine === 'postgres') expect(await wordRows(contact.id)).toContain('honorine');
  });

  it('imported contacts are found, and lost again on undo', async () => {
    const created = await upload('Nom;Prénom;Mobile;Ville\nCourtecuisse;Léandre;0631000004;Lyon\n', {});
    expect(created.totals).toMatchObject({ created: 1 });
    const [leandre] = await found('courtecuisse');
    expect(leandre).toBeDefined();

    const updated = await upload('Nom;Prénom;Mobile;Ville\nCourtecuisse;Léandre;0631000004;Besançon\n', {
      mode: 'upsert', matchOn: ['mobile'],
    });
    expect(updated.totals).toMatchObject({ updated: 1 });
    expect(await found('besancon')).toEqual([leandre]);
    expect(await found('courtecuisse lyon')).toEqual([]);

    const undoUpdate = await t.api('DELETE', `/api/v1/imports/${updated.id}`);
    expect(undoUpdate.statusCode, undoUpdate.body).toBe(200);
    expect(await found('courtecuisse lyon')).toEqual([leandre]);
    expect(await found('besancon')).toEqual([]);

    const undoCreate = await t.api('DELETE', `/api/v1/imports/${created.id}`);
    expect(undoCreate.statusCode, undoCreate.body).toBe(200);
    expect(await found('courtecuisse')).toEqual([]);
    if (engine === 'postgres') expect(await wordRows(leandre as string)).toEqual([]);
  });

  it('merged contact leaves only the kept one', async () => {
    const keep = await create({ kind: 'individual', firstName: 'Eudoxie', lastName: 'Malherbe', mobile: '06 31 00 00 05' });
    const dup = await create({
      kind: 'individual', firstName: 'Eudoxia', lastName: 'Malherbe', mobile: '06 31 00 00 06', city: 'Quimperlé',
    });
    const res = await t.api('POST', '/api/v1/contacts/merge', {
      keepId: keep.id, mergeIds: [dup.id], fields: { firstName: dup.id, city: dup.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await found('malherbe')).toEqual([keep.id]);
    expect(await found('eudoxia quimperle')).toEqual([keep.id]);
    expect(await found('eudoxie')).toEqual([]);
    if (engine === 'postgres') expect(await wordRows(dup.id)).toEqual([]);
  });

  it('anonymised contact is no longer found by name', async () => {
    const contact = await create({
      kind: 'individual', firstName: 'Clothilde', lastName: 'Rambuteau', email: 'c.rambuteau@example.fr',
      mobile: '06 31 00 00 07',
    });
    const res = await t.api('POST', `/api/v1/contacts/${contact.id}/anonymise`);
    expect(res.statusCode, res.body).toBe(200);
    for (const q of ['rambuteau', 'clothilde', 'c.rambuteau@example.fr', '0631000007']) {
      expect(await found(q), q).toEqual([]);
    }
    expect(await found(contact.code)).toEqual([contact.id]);
  });

  it('deleted contact leaves no words behind', async () => {
    const contact = await create({ kind: 'individual', firstName: 'Barnabé', lastName: 'Tirecuir', mobile: '06 31 00 00 08' });
    const res = await t.api('DELETE', `/api/v1/contacts/${contact.id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(await found('tirecuir')).toEqual([]);
    if (engine === 'postgres') expect(await wordRows(contact.id)).toEqual([]);
  });

  it('several words find the rarer one in any order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      ids.push((await create({ kind: 'individual', firstName: 'Marius', lastName: `Fabrègue${i}`, mobile: `06 32 00 00 ${String(i).padStart(2, '0')}` })).id);
    }
    const rare = await create({ kind: 'individual', firstName: 'Marius', lastName: 'Ollivander', mobile: '06 33 00 00 01' });
    expect(await found('mar oll')).toEqual([rare.id]);
    expect(await found('ollivander m')).toEqual([rare.id]);
    expect(await listed('mar oll')).toEqual([rare.id]);
    expect((await found('marius fab')).length).toBe(10);
  });

  it('picker reports matches past its candidates', async () => {
    for (let i = 0; i < LOOKUP_CANDIDATES + 1; i += 1) {
      await create({ kind: 'individual', firstName: 'Octave', lastName: `Nombreux${i}`, mobile: `06 35 00 ${String(i).padStart(4, '0').replace(/(\d\d)(\d\d)/, '$1 $2')}` });
    }
    const many = await t.api('GET', '/api/v1/contacts/lookup?q=octave');
    expect(many.json().items).toHaveLength(10);
    expect(many.json().truncated).toBe(true);
    const one = await t.api('GET', '/api/v1/contacts/lookup?q=octave%20nombreux7');
    expect(one.json().truncated).toBe(false);
  });
});

describe.each(engines)('search index migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('contacts written before the migration are found after it', async () => {
    const old = await createOldDatabase(engine, '0013_net_old_accounts', 'Avant migration');
    database = old.database;
    const { kysely, business } = old;

    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const { contact } = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Philomène', lastName: 'Grandvaux', mobile: '06 34 00 00 01', city: 'Évian',
    });

    expect(await migrate(database.db)).toContain('0015_contact_words');
    const result = await lookupContacts(kysely, actor, { q: 'philo grandv' });
    expect(result.items.map((item) => item.id)).toEqual([contact.id]);
    expect((await lookupContacts(kysely, actor, { q: 'evian' })).items.map((item) => item.id)).toEqual([contact.id]);

    if (engine === 'postgres') {
      const gin = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'contacts_search_words'`
        .execute(kysely);
      expect(gin.rows[0]?.n).toBe(0);
    }
  });
});

describe.each(engines)('elided words migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('stored elided names match joined after it', async () => {
    const old = await createOldDatabase(engine, '0022_contact_reference_indexes', 'Avant les élisions');
    database = old.database;
    const { kysely, business } = old;

    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const { contact: elided } = await createContact(kysely, actor, {
      kind: 'business', businessName: "L'Épicerie d’Anaïs", mobile: '06 34 00 00 11', city: 'Annecy',
    });
    const { contact: plain } = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Lépine', lastName: 'Danais', mobile: '06 34 00 00 12',
    });
    const ids = async (q: string) => (await lookupContacts(kysely, actor, { q })).items.map((item) => item.id);
    expect(await ids('lepicerie')).toEqual([]);

    expect(await migrate(database.db)).toContain('0023_joined_elided_words');
    expect(await ids('lepicerie')).toEqual([elided.id]);
    expect((await ids('danais')).sort()).toEqual([elided.id, plain.id].sort());
    expect(await ids('annecy')).toEqual([elided.id]);
    expect(await ids('lepine')).toEqual([plain.id]);

    const { contact: later } = await createContact(kysely, actor, {
      kind: 'business', businessName: "L'Épi d'Or", mobile: '06 34 00 00 13',
    });
    expect(await ids('lepi')).toEqual(expect.arrayContaining([elided.id, plain.id, later.id]));
    expect(await ids('dor')).toEqual([later.id]);
  });
});

describe.each(engines)('modifier apostrophe migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('stored names split at it after it', async () => {
    const old = await createOldDatabase(engine, '0040_deferred_contact_figures', 'Avant l’apostrophe');
    database = old.database;
    const { kysely, business } = old;
    if (engine === 'sqlite') {
      // Migration 0028 now folds ʼ as ', so this puts back the row it wrote before 0041.
      await sql`update fold_characters set search_text = character, index_text = character where character = 'ʼ'`.execute(kysely);
    }

    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const { contact } = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Paul', lastName: 'Oʼbrienne', mobile: '06 34 00 00 21', city: 'Kaʼanapali',
    });
    const ids = async (q: string) => (await lookupContacts(kysely, actor, { q })).items.map((item) => item.id);
    if (engine === 'sqlite') expect(await ids('brienne')).toEqual([]);

    expect(await migrate(database.db)).toContain('0041_modifier_apostrophe');
    for (const q of ['brienne', 'oʼbrienne', "o'brienne", 'obrienne', 'anapali']) {
      expect(await ids(q), q).toEqual([contact.id]);
    }
  });
});

describe.each(engines)('elided other words migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('stored elided cities match joined after it', async () => {
    const old = await createOldDatabase(engine, '0042_contact_word_checks', 'Avant les villes élidées');
    database = old.database;
    const { kysely, business } = old;

    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const { contact: isle } = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Claire', lastName: 'Vidal', mobile: '06 34 00 00 31', city: 'L’Isle-Adam',
    });
    const { contact: elidedName } = await createContact(kysely, actor, {
      kind: 'business', businessName: "L'Épicerie d’Anaïs", mobile: '06 34 00 00 32', city: 'Annecy',
    });
    const ids = async (q: string) => (await lookupContacts(kysely, actor, { q })).items.map((item) => item.id);
    // PostgreSQL indexed the joined words of every column already.
    expect(await ids('lisle adam')).toEqual(engine === 'sqlite' ? [] : [isle.id]);

    expect(await migrate(database.db)).toContain('0043_joined_elided_other_words');
    expect(await ids('lisle adam')).toEqual([isle.id]);
    expect(await ids('isle')).toEqual([isle.id]);
    expect(await ids('lepicerie')).toEqual([elidedName.id]);
    expect(await ids('annecy')).toEqual([elidedName.id]);

    const { contact: later } = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Paul', lastName: 'Morel', mobile: '06 34 00 00 33', city: "L'Haÿ-les-Roses",
    });
    expect(await ids('lhay roses')).toEqual([later.id]);
    await kysely.updateTable('contacts').set({ city: 'L’Étang-la-Ville' }).where('id', '=', later.id).execute();
    expect(await ids('letang')).toEqual([later.id]);
    expect(await ids('lhay')).toEqual([]);
  });
});
