import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactReferences, unmovedReferences } from '../../src/contacts/merge/contact-references.ts';
import { todayIn } from '../../src/ledger/dates.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { parseDecimal } from '../../src/shared/money.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { pdfBytes, setCustomFieldLabels, uploadAttachment } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

const sale = (contactId: string, date: string, amount: string) => ({
  contactId, date, status: 'final', payTerm: { number: 30, unit: 'days', endOfMonth: false },
  lines: [{ description: 'Caisse de vin', quantity: '1', unitPrice: amount }],
});

describe.each(engines)('contact merge on %s', (engine) => {
  let t: TestApp;
  const today = todayIn('Europe/Paris');
  let keep: Record<string, any>;
  let dup: Record<string, any>;
  let userId = '';

  const post = async (url: string, body: unknown) => {
    const res = await t.api('POST', url, body);
    expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  const count = async (table: string, contactId: string) => {
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where contact_id = ${contactId}`
      .execute(t.database.db.kysely);
    return Number(row.rows[0]?.n);
  };

  const ledgerSum = async (contactId: string) => {
    const row = await sql<{ total: number | string | null }>`select sum(debit - credit) as total from ledger_entries where contact_id = ${contactId}`
      .execute(t.database.db.kysely);
    return Number(row.rows[0]?.total ?? 0);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    userId = (await t.addUser(['customer.view'], 'Commerciale')).userId;
    await t.api('PUT', '/api/v1/loyalty/settings', { enabled: true });

    keep = await post('/api/v1/contacts', {
      kind: 'individual', firstName: 'Jean', lastName: 'Faure', mobile: '06 12 34 56 78', city: 'Lyon',
      openingBalance: '10.00', openingBalanceDate: '2024-01-15',
    });
    dup = await post('/api/v1/contacts', {
      kind: 'individual', type: 'both', firstName: 'FAURE', lastName: 'Jean', mobile: '+33 6 12 34 56 78',
      city: 'Lyon', email: 'j.faure@example.fr', loyaltyCardNumber: 'CARTE-9', assignedUserIds: [userId],
      openingBalance: '40.00', openingBalanceDate: '2024-01-10',
    });

    await post('/api/v1/sales', sale(keep.id, today, '100.00'));
    await post('/api/v1/purchases', sale(dup.id, today, '60.00'));
    await post('/api/v1/payments', { contactId: dup.id, amount: '15.00', method: 'cash', date: today, direction: 'paid' });
    await post(`/api/v1/contacts/${dup.id}/notes`, { body: 'Client aussi fournisseur', isPrivate: false });
    const upload = await uploadAttachment(t, t.adminToken, dup.id, 'kbis.pdf', pdfBytes, 'application/pdf');
    expect(upload.statusCode, upload.body).toBe(201);
    await post(`/api/v1/contacts/${dup.id}/loyalty/adjustments`, { points: 50, reason: 'reprise fichier' });
    await post(`/api/v1/contacts/${keep.id}/loyalty/adjustments`, { points: 20, reason: 'reprise fichier' });

    const now = nowIso();
    await t.database.db.kysely.insertInto('messages').values({
      id: newId(), business_id: t.business.businessId, contact_id: dup.id, channel: 'email', origin: 'manual',
      template_id: null, event: null, source_type: null, source_id: null, webhook_id: null, recipient: 'j.faure@example.fr',
      locale: 'fr', subject: 'Relance', text: 'Bonjour', html: null, attachments: '[]', status: 'sent', attempts: 1,
      next_attempt_at: now, claim_token: null, last_error: null, sent_at: now, provider_id: null, dedupe_key: null,
      created_by: null, created_at: now, updated_at: now,
    }).execute();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('dry run shows the result and changes nothing', async () => {
    const before = await ledgerSum(dup.id);
    const res = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id], dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.dryRun).toBe(true);
    expect(body.contact.id).toBe(keep.id);
    expect(body.contact.type).toBe('both');
    expect(body.moved.documents).toBe(1);
    expect(body.moved.notes).toBe(1);
    const changes = new Map<string, unknown>(body.changes.map((change: { field: string }) => [change.field, change]));
    expect(changes.get('type')).toEqual({ field: 'type', from: 'customer', to: 'both' });
    expect(changes.get('email')).toEqual({ field: 'email', from: null, to: 'j.faure@example.fr' });
    expect(changes.get('loyaltyCardNumber')).toEqual({ field: 'loyaltyCardNumber', from: null, to: 'CARTE-9' });
    expect(changes.get('openingBalance')).toEqual({ field: 'openingBalance', from: '10.00', to: '50.00' });
    expect([...changes.keys()].filter((field) => field.includes('_'))).toEqual([]);
    expect((await t.api('GET', `/api/v1/contacts/${dup.id}`)).statusCode).toBe(200);
    expect(await ledgerSum(dup.id)).toBe(before);
    expect(await count('contact_notes', dup.id)).toBe(1);
  });

  it('needs the merge permission', async () => {
    const { token } = await t.addUser(['customer.view', 'customer.update', 'supplier.view'], 'Vendeur');
    const res = await asToken(t, token)('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id] });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('Fusionner les doublons');

    for (const body of [{}, { keepId: '', mergeIds: 'x', fields: 3 }, { keepId: keep.id, mergeIds: [dup.id], extra: true }]) {
      const denied = await asToken(t, token)('POST', '/api/v1/contacts/merge', body);
      expect(denied.statusCode, JSON.stringify(body)).toBe(403);
      expect(denied.json().code).toBe('forbidden');
      expect(denied.json().permission).toBe('contact.merge');
      expect(denied.json().errors).toBeUndefined();
    }
    const invalid = await t.api('POST', '/api/v1/contacts/merge', {});
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors.map((issue: { path: string }) => issue.path).sort()).toEqual(['keepId', 'mergeIds']);
  });

  it('hides figures from a merger without ledger view', async () => {
    const { token } = await t.addUser(['customer.view', 'supplier.view', 'contact.merge'], 'Fusion sans chiffres');
    const res = await asToken(t, token)('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id], dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    for (const field of ['balance', 'receivable', 'payable', 'advance', 'openingBalance', 'openingBalanceDate']) {
      expect(body.contact[field], field).toBeNull();
    }
    const fields = body.changes.map((change: { field: string }) => change.field);
    expect(fields).toContain('email');
    expect(fields).not.toContain('openingBalance');
    expect(fields).not.toContain('openingBalanceDate');
  });

  it('rejects bad requests', async () => {
    const self = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [keep.id] });
    expect(self.statusCode).toBe(422);
    expect(self.json().errors[0]).toMatchObject({ path: 'mergeIds', code: 'merge_keeps_itself' });
    const field = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id], fields: { salary: dup.id } });
    expect(field.json().errors[0].path).toBe('fields.salary');
    for (const member of ['toString', 'constructor', 'customFields.toString']) {
      const inherited = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id], fields: { [member]: dup.id } });
      expect(inherited.statusCode, member).toBe(422);
      expect(inherited.json().errors[0].path, member).toBe(`fields.${member}`);
    }
    const source = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id], fields: { city: 'nope' } }, { 'accept-language': 'en' });
    expect(source.statusCode).toBe(422);
    expect(source.json().errors).toEqual([{
      path: 'fields.city',
      code: 'merge_field_source',
      message: '“nope” is neither the kept contact nor a merged one: choose keepId or one of mergeIds.',
    }]);
  });

  it('chooses each custom field', async () => {
    await setCustomFieldLabels(t, { custom1: 'Allergies', custom2: 'Livraison', custom3: 'Couleur' });
    const person = (firstName: string, mobile: string, customFields: Record<string, string>) =>
      post('/api/v1/contacts', { kind: 'individual', firstName, lastName: 'Morel', mobile, customFields });
    const ines = await person('Inès', '06 12 34 58 01', { custom1: 'gluten', custom3: 'bleu' });
    const ines2 = await person('Ines', '06 12 34 58 02', { custom1: 'arachides', custom2: 'mardi' });
    const ines3 = await person('INES', '06 12 34 58 03', { custom2: 'jeudi', custom3: 'vert' });
    const merge = (fields: Record<string, string>, extra: Record<string, unknown> = { dryRun: true }) =>
      t.api('POST', '/api/v1/contacts/merge', { keepId: ines.id, mergeIds: [ines2.id, ines3.id], fields, ...extra }, { 'accept-language': 'en' });

    // Without a choice, the kept contact's values come first, then each merged contact's in order.
    const united = await merge({});
    expect(united.statusCode, united.body).toBe(200);
    expect(united.json().contact.customFields).toEqual({ custom1: 'gluten', custom2: 'mardi', custom3: 'bleu' });

    // Each custom field comes from its own contact, and a contact without a value clears the field.
    const chosen = await merge({ 'customFields.custom1': ines2.id, 'customFields.custom2': ines3.id, 'customFields.custom3': ines2.id });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().contact.customFields).toEqual({ custom1: 'arachides', custom2: 'jeudi' });
    expect(chosen.json().changes).toContainEqual({
      field: 'customFields',
      from: { custom1: 'gluten', custom3: 'bleu' },
      to: { custom1: 'arachides', custom2: 'jeudi' },
    });

    // One custom field chosen over the whole set of another contact.
    const over = await merge({ customFields: ines3.id, 'customFields.custom1': ines2.id });
    expect(over.json().contact.customFields).toEqual({ custom1: 'arachides', custom2: 'jeudi', custom3: 'vert' });

    const bad = await merge({ 'customFields.custom11': ines2.id, 'customFields.custom2': 'nope', salary: ines2.id });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      {
        path: 'fields.customFields.custom11',
        code: 'merge_custom_field_unknown',
        message: 'Unknown custom field “custom11” in fields: choose among custom1, custom2, custom3, custom4, custom5, custom6, custom7, custom8, custom9, custom10.',
      },
      {
        path: 'fields.customFields.custom2',
        code: 'merge_field_source',
        message: '“nope” is neither the kept contact nor a merged one: choose keepId or one of mergeIds.',
      },
      {
        path: 'fields.salary',
        code: 'merge_field_unknown',
        message: expect.stringMatching(/^Unknown field “salary” in fields: choose among code, type, kind, .*, customFields, customFields\.custom1…custom10\.$/),
      },
    ]);
    const french = await t.api('POST', '/api/v1/contacts/merge', {
      keepId: ines.id, mergeIds: [ines2.id], fields: { 'customFields.couleur': ines2.id },
    });
    expect(french.json().errors[0].message).toBe(
      'Champ personnalisé inconnu « couleur » dans fields : choisissez parmi custom1, custom2, custom3, custom4, custom5, custom6, custom7, custom8, custom9, custom10.',
    );

    const merged = await merge({ 'customFields.custom1': ines2.id, 'customFields.custom3': ines3.id }, {});
    expect(merged.statusCode, merged.body).toBe(200);
    const kept = await t.api('GET', `/api/v1/contacts/${ines.id}`);
    expect(kept.json().customFields).toEqual({ custom1: 'arachides', custom2: 'mardi', custom3: 'vert' });
  });

  it('names unknown ids', async () => {
    const missing = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id, 'nope'] });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('merge_contact_not_found');
    expect(missing.json().detail).toBe('Contact introuvable : nope. Vérifiez keepId et mergeIds, ou rechargez la liste des doublons.');
    expect(missing.json().errors).toEqual([{ path: 'mergeIds.1', code: 'not_found_ref', message: 'Aucun élément ne correspond à « nope ».' }]);

    const both = await t.api('POST', '/api/v1/contacts/merge', { keepId: 'gone', mergeIds: ['nope'] }, { 'accept-language': 'en' });
    expect(both.statusCode).toBe(404);
    expect(both.json().detail).toBe('Contacts not found: gone, nope. Check keepId and mergeIds, or reload the list of duplicates.');
    expect(both.json().errors.map((issue: { path: string }) => issue.path)).toEqual(['keepId', 'mergeIds.0']);

    const other = await t.addBusiness('Autre boutique');
    const foreign = await asToken(t, other.token)('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().detail).toContain(`${keep.id}, ${dup.id}`);
  });

  it('rejects an anonymised contact', async () => {
    const erased = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Léon', lastName: 'Effacé', mobile: '06 55 44 33 22' });
    await post(`/api/v1/contacts/${erased.id}/anonymise`, {});
    const before = (await t.api('GET', `/api/v1/contacts/${keep.id}`)).json();

    for (const body of [
      { keepId: erased.id, mergeIds: [keep.id], dryRun: true },
      { keepId: keep.id, mergeIds: [erased.id] },
    ]) {
      const rejected = await t.api('POST', '/api/v1/contacts/merge', body);
      expect(rejected.statusCode, rejected.body).toBe(409);
      expect(rejected.json().code).toBe('merge_contact_anonymised');
      expect(rejected.json().detail).toBe(
        `Le contact ${erased.code} est anonymisé : il ne peut pas être fusionné, car son historique ne doit plus être rattaché à une personne. Retirez-le de la fusion.`,
      );
      expect(rejected.json().errors[0].path).toBe(body.keepId === erased.id ? 'keepId' : 'mergeIds.0');
    }

    const english = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [erased.id] }, { 'accept-language': 'en' });
    expect(english.json().detail).toBe(
      `Contact ${erased.code} is anonymised: it cannot be merged, because its history must no longer be tied to a person. Leave it out of the merge.`,
    );
    expect((await t.api('GET', `/api/v1/contacts/${erased.id}`)).json().anonymisedAt).not.toBeNull();
    expect((await t.api('GET', `/api/v1/contacts/${keep.id}`)).json()).toEqual(before);
  });

  it('rejects a card another contact holds', async () => {
    // Databases may hold two writings of one card from before cards were compared by key.
    const holder = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Léa', lastName: 'Carte', mobile: '06 98 76 54 32' });
    const setHolderCard = (card: string | null) =>
      t.database.db.kysely.updateTable('contacts').set({ loyalty_card_number: card }).where('id', '=', holder.id).execute();
    await setHolderCard('carte 9');

    const taken = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id], dryRun: true });
    expect(taken.statusCode).toBe(422);
    expect(taken.json().errors[0]).toMatchObject({ path: 'fields.loyaltyCardNumber', code: 'merge_card_taken' });
    expect(taken.json().errors[0].message).toContain(holder.code);
    expect(taken.json().errors[0].message).toContain('« CARTE-9 »');
    expect(taken.json().errors[0].message).toContain('ajoutez ce contact à la fusion');

    const withoutCard = { keepId: keep.id, mergeIds: [dup.id], fields: { loyaltyCardNumber: keep.id }, dryRun: true };
    const kept = await t.api('POST', '/api/v1/contacts/merge', withoutCard);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().contact.loyaltyCardNumber).toBeNull();
    await setHolderCard(null);
  });

  it('leaves a supplier without customer fields', async () => {
    const supplier = await post('/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Moulin Roux', mobile: '06 55 44 33 22', city: 'Dijon',
    });
    const copy = await post('/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'MOULIN ROUX', mobile: '06 55 44 33 22', city: 'Dijon',
    });
    // Databases may contain suppliers with customer fields from before the contact routes rejected them.
    await t.database.db.kysely.updateTable('contacts')
      .set({ credit_limit: 40000, loyalty_card_number: 'MOULIN-1' }).where('id', '=', copy.id).execute();

    const filled = await t.api('POST', '/api/v1/contacts/merge', { keepId: supplier.id, mergeIds: [copy.id], dryRun: true });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json().contact.type).toBe('supplier');
    expect(filled.json().contact.creditLimit).toBeNull();
    expect(filled.json().contact.loyaltyCardNumber).toBeNull();

    const chosen = await t.api('POST', '/api/v1/contacts/merge', {
      keepId: supplier.id, mergeIds: [copy.id], fields: { creditLimit: copy.id }, dryRun: true,
    });
    expect(chosen.statusCode).toBe(422);
    expect(chosen.json().errors[0]).toMatchObject({ path: 'fields.creditLimit', code: 'merge_supplier_customer_field' });
    expect(chosen.json().errors[0].message).toContain(`« ${copy.id} »`);
  });

  it('moves everything and keeps the balance equal to the ledger', async () => {
    const expected = (await ledgerSum(keep.id)) + (await ledgerSum(dup.id));
    const pointsOf = async (id: string) => (await t.api('GET', `/api/v1/contacts/${id}/loyalty`)).json().points as number;
    const points = (await pointsOf(keep.id)) + (await pointsOf(dup.id));
    expect(points).toBeGreaterThanOrEqual(70);
    const entries = (await count('ledger_entries', keep.id)) + (await count('ledger_entries', dup.id));
    const res = await t.api('POST', '/api/v1/contacts/merge', {
      keepId: keep.id, mergeIds: [dup.id], fields: { firstName: dup.id, lastName: keep.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.dryRun).toBe(false);
    expect(body.merged).toEqual([{ id: dup.id, code: dup.code, name: dup.name }]);

    const contact = (await t.api('GET', `/api/v1/contacts/${keep.id}`)).json();
    expect(contact.firstName).toBe('FAURE');
    expect(contact.lastName).toBe('Faure');
    expect(contact.name).toBe('FAURE Faure');
    expect(contact.email).toBe('j.faure@example.fr');
    expect(contact.loyaltyCardNumber).toBe('CARTE-9');
    expect(contact.type).toBe('both');
    expect(contact.assignedUserIds).toEqual([userId]);
    expect(parseDecimal(contact.balance, 'EUR')).toBe(expected);
    // Opening balances 10 + 40, the sale 100, the purchase -60, and 15 paid to the supplier.
    expect(expected).toBe(1000 + 4000 + 10000 - 6000 + 1500);
    const figures = ['receivable', 'payable', 'advance'].map((field) => parseDecimal(contact[field], 'EUR') as number);
    expect(figures[0]! - figures[1]! - figures[2]!).toBe(expected);

    expect(contact.openingBalance).toBe('50.00');
    expect(contact.openingBalanceDate).toBe('2024-01-10');
    const openings = await t.database.db.kysely.selectFrom('open_items').select(['amount', 'status'])
      .where('contact_id', '=', keep.id).where('kind', '=', 'opening_balance').where('status', '!=', 'void').execute();
    expect(openings.map((item) => Number(item.amount))).toEqual([5000]);

    expect((await t.api('GET', `/api/v1/contacts/${dup.id}`)).statusCode).toBe(404);
    for (const table of ['ledger_entries', 'documents', 'payments', 'open_items', 'contact_notes', 'contact_attachments',
      'messages', 'loyalty_lots', 'loyalty_movements', 'contact_assignments', 'ledger_totals']) {
      expect(await count(table, dup.id), table).toBe(0);
    }
    expect(await count('ledger_entries', keep.id)).toBeGreaterThanOrEqual(entries);
    expect(await ledgerSum(keep.id)).toBe(expected);
    // The moved note, and the merge's note of the last name that the choice left out.
    expect(await count('contact_notes', keep.id)).toBe(2);
    expect(body.notes).toHaveLength(1);
    expect(body.notes[0].body.split('\n').slice(1)).toEqual(['- Nom de famille : Jean']);
    expect(await count('contact_attachments', keep.id)).toBe(1);
    expect(await count('messages', keep.id)).toBe(1);
    expect(await pointsOf(keep.id)).toBe(points);
  });

  it('ledger reads the merged history in order', async () => {
    const seqs = await t.database.db.kysely.selectFrom('ledger_entries').select('seq').where('contact_id', '=', keep.id).execute();
    expect(new Set(seqs.map((row) => Number(row.seq))).size).toBe(seqs.length);
    const totals = await sql<{ total: number | string }>`select sum(debit - credit) as total from ledger_totals
      where contact_id = ${keep.id} and granularity = 'day'`.execute(t.database.db.kysely);
    expect(Number(totals.rows[0]?.total)).toBe(await ledgerSum(keep.id));
    const ledger = await t.api('GET', `/api/v1/contacts/${keep.id}/ledger?limit=200`);
    expect(ledger.statusCode, ledger.body).toBe(200);
  });

  it('audit log records the merge on the kept contact', async () => {
    const res = await t.api('GET', `/api/v1/contacts/${keep.id}/activity`);
    const merge = res.json().items.find((item: { action: string }) => item.action === 'merge');
    expect(merge.changes.mergedIds).toEqual([dup.id]);
    expect(merge.changes.mergedCodes).toEqual([dup.code]);
    expect(merge.changes.moved.documents).toBe(1);
  });

  it('keeps a merged message language', async () => {
    const unset = await post('/api/v1/contacts', { kind: 'business', businessName: 'Cave Langue', mobile: '06 41 00 00 01' });
    const english = await post('/api/v1/contacts', { kind: 'business', businessName: 'Cave Language', mobile: '06 41 00 00 02' });
    const french = await post('/api/v1/contacts', { kind: 'business', businessName: 'Cave Langue Fr', mobile: '06 41 00 00 03' });
    const setLanguage = async (id: string, language: string) => {
      const res = await t.api('PATCH', `/api/v1/contacts/${id}/message-preferences`, { language });
      expect(res.statusCode, res.body).toBe(200);
    };
    await setLanguage(english.id, 'en');
    await setLanguage(french.id, 'fr');
    const languageOf = async (id: string) => (await t.api('GET', `/api/v1/contacts/${id}/message-preferences`)).json().language;

    const preview = await t.api('POST', '/api/v1/contacts/merge', { keepId: unset.id, mergeIds: [english.id], dryRun: true });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().changes).toContainEqual({ field: 'language', from: null, to: 'en' });
    expect(await languageOf(unset.id)).toBeNull();

    const filled = await t.api('POST', '/api/v1/contacts/merge', { keepId: unset.id, mergeIds: [english.id] });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(await languageOf(unset.id)).toBe('en');

    const intoFrench = await t.api('POST', '/api/v1/contacts/merge', { keepId: french.id, mergeIds: [unset.id] });
    expect(intoFrench.statusCode, intoFrench.body).toBe(200);
    expect(intoFrench.json().changes.map((change: { field: string }) => change.field)).not.toContain('language');
    expect(await languageOf(french.id)).toBe('fr');
  });

  it.runIf(engine === 'postgres')('contact deleted while waiting is named', async () => {
    const kept = await post('/api/v1/contacts', { kind: 'business', businessName: 'Cave Attente', mobile: '06 42 00 00 01' });
    const gone = await post('/api/v1/contacts', { kind: 'business', businessName: 'Cave Partie', mobile: '06 42 00 00 02' });
    const db = t.database.db.kysely;
    let locked!: () => void;
    let release!: () => void;
    const lockTaken = new Promise<void>((resolve) => { locked = resolve; });
    const released = new Promise<void>((resolve) => { release = resolve; });
    // Another transaction, such as a merge of the same contact, locks its row and then deletes it.
    const holder = db.transaction().execute(async (trx) => {
      await sql`select id from contacts where id = ${gone.id} for update`.execute(trx);
      locked();
      await released;
      await trx.deleteFrom('contacts').where('id', '=', gone.id).execute();
    });
    await lockTaken;
    const merging = t.api('POST', '/api/v1/contacts/merge', { keepId: kept.id, mergeIds: [gone.id] });
    for (let waited = 0; waited < 100; waited += 1) {
      const waiting = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      if (Number(waiting.rows[0]?.n) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await holder;
    const res = await merging;
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().code).toBe('merge_contact_not_found');
    expect(res.json().errors).toEqual([{ path: 'mergeIds.0', code: 'not_found_ref', message: `Aucun élément ne correspond à « ${gone.id} ».` }]);
  });

  it('merged contact id names the kept contact', async () => {
    const kept = (await t.api('GET', `/api/v1/contacts/${keep.id}`)).json();
    const read = await t.api('GET', `/api/v1/contacts/${dup.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().code).toBe('contact_merged');
    expect(read.json().detail).toBe(`Le contact ${dup.code} a été fusionné dans ${kept.name} (${kept.code}) : utilisez ce contact à sa place.`);
    expect(read.json().keptId).toBe(keep.id);
    expect(read.json().keptName).toBe(kept.name);
    expect(read.json().keptCode).toBe(kept.code);

    // A till that still shows the merged contact takes a payment for it.
    const payment = await t.api('POST', '/api/v1/payments', { contactId: dup.id, amount: '5.00', method: 'cash', date: today }, { 'accept-language': 'en' });
    expect(payment.statusCode).toBe(404);
    expect(payment.json().code).toBe('contact_merged');
    expect(payment.json().detail).toBe(`Contact ${dup.code} was merged into ${kept.name} (${kept.code}): use that contact instead.`);

    // Merged again, the contact is named where its history now is.
    const later = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Jean', lastName: 'Faure-Martin', mobile: '06 12 00 77 88' });
    expect((await t.api('POST', '/api/v1/contacts/merge', { keepId: later.id, mergeIds: [keep.id], dryRun: false })).statusCode).toBe(200);
    const twice = await t.api('GET', `/api/v1/contacts/${dup.id}`);
    expect(twice.json().keptId).toBe(later.id);
    expect(twice.json().detail).toContain(`(${later.code})`);
    keep = (await t.api('GET', `/api/v1/contacts/${later.id}`)).json();

    // A user who may not view the kept contact learns nothing of it.
    const { token } = await t.addUser(['customer.view_own'], 'Vendeuse');
    const hidden = await asToken(t, token)('GET', `/api/v1/contacts/${dup.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('not_found');
    expect(hidden.body).not.toContain(later.code);
  });

  it('merged id in a merge names the kept contact', async () => {
    const other = await post('/api/v1/contacts', { kind: 'individual', firstName: 'Paul', lastName: 'Vidal', mobile: '06 44 55 66 77' });
    const merged = await t.api('POST', '/api/v1/contacts/merge', { keepId: other.id, mergeIds: [dup.id], dryRun: true });
    expect(merged.statusCode, merged.body).toBe(404);
    expect(merged.json().code).toBe('contact_merged');
    expect(merged.json().detail).toBe(`Le contact ${dup.code} a été fusionné dans ${keep.name} (${keep.code}) : utilisez ce contact à sa place.`);
    expect(merged.json().keptId).toBe(keep.id);
    expect(merged.json().errors).toEqual([{
      path: 'mergeIds.0',
      code: 'merge_contact_merged',
      message: `« ${dup.id} » est le contact ${dup.code}, déjà fusionné dans ${keep.name} (${keep.code}) : retirez-le de la fusion ou utilisez ce contact à sa place.`,
    }]);

    const kept = await t.api('POST', '/api/v1/contacts/merge', { keepId: dup.id, mergeIds: [other.id] }, { 'accept-language': 'en' });
    expect(kept.statusCode, kept.body).toBe(404);
    expect(kept.json().code).toBe('contact_merged');
    expect(kept.json().detail).toBe(`Contact ${dup.code} was merged into ${keep.name} (${keep.code}): use that contact instead.`);
    expect(kept.json().errors).toEqual([{
      path: 'keepId',
      code: 'merge_contact_merged',
      message: `“${dup.id}” is contact ${dup.code}, already merged into ${keep.name} (${keep.code}): leave it out of the merge or use that contact instead.`,
    }]);

    const mixed = await t.api('POST', '/api/v1/contacts/merge', { keepId: other.id, mergeIds: [dup.id, 'nope'] });
    expect(mixed.statusCode).toBe(404);
    expect(mixed.json().code).toBe('merge_contact_not_found');
    expect(mixed.json().errors.map((issue: { code: string }) => issue.code)).toEqual(['merge_contact_merged', 'not_found_ref']);
    expect((await t.api('GET', `/api/v1/contacts/${other.id}`)).statusCode).toBe(200);
  });

  it('search finds the kept contact once', async () => {
    const res = await t.api('GET', '/api/v1/contacts/lookup?q=faure');
    expect(res.json().items.map((item: { id: string }) => item.id)).toEqual([keep.id]);
  });

  it('reference list covers every table pointing at contacts', async () => {
    const db = t.database.db.kysely;
    const tables = await db.introspection.getTables();
    const found = new Set<string>();
    for (const table of tables) {
      if (table.name === 'contacts' || table.name.startsWith('kysely_')) continue;
      for (const column of table.columns) if (column.name === 'contact_id') found.add(`${table.name}.contact_id`);
    }
    const listed = new Set([...contactReferences, ...unmovedReferences].map((ref) => `${ref.table}.${ref.column}`));
    expect([...found].filter((name) => !listed.has(name)).sort()).toEqual([]);
    const moved = contactReferences.map((ref) => `${ref.table}.${ref.column}`);
    expect(moved.filter((name) => !found.has(name)).sort()).toEqual([]);
  });
});
