import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { countContacts, pdfBytes, person, readContactRow, uploadAttachment } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('contact lifecycle on %s', (engine) => {
  let t: TestApp;
  const db = () => t.database.db.kysely;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const countRows = async (table: 'contact_notes' | 'contact_attachments' | 'contact_assignments', contactId: string) => {
    const rows = await db().selectFrom(table).select('contact_id').where('contact_id', '=', contactId).execute();
    return rows.length;
  };

  it('deletes a contact without history with its notes, files and links', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Test', '06 20 00 00 01', {
      lastName: 'Doublon', assignedUserIds: [t.business.adminUserId],
    }));
    const id = created.json().id;
    await t.api('POST', `/api/v1/contacts/${id}/notes`, { body: 'à rappeler' });
    await uploadAttachment(t, t.adminToken, id, 'fiche.pdf', pdfBytes);
    expect((await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier' })).json().type).toBe('supplier');

    const res = await t.api('DELETE', `/api/v1/contacts/${id}`);
    expect(res.statusCode).toBe(204);
    expect(await readContactRow(t, id)).toBeUndefined();
    expect(await countRows('contact_notes', id)).toBe(0);
    expect(await countRows('contact_attachments', id)).toBe(0);
    expect(await countRows('contact_assignments', id)).toBe(0);
    expect((await t.api('GET', `/api/v1/contacts/${id}`)).statusCode).toBe(404);
    const audit = await db().selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((entry) => entry.action).at(-1)).toBe('deleted');
  });

  it('rejects deleting a contact with an opening balance', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Client', '06 20 00 00 02', {
      lastName: 'Réel', openingBalance: '120.50',
    }));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().balance).toBe('120.50');
    await t.api('POST', `/api/v1/contacts/${id}/notes`, { body: 'fidèle' });
    const before = await countContacts(t);

    const res = await t.api('DELETE', `/api/v1/contacts/${id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('contact_has_history');
    expect(res.json().count).toBe(1);
    expect(res.json().detail).toContain('Désactivez');
    expect(await countContacts(t)).toBe(before);
    expect(await countRows('contact_notes', id)).toBe(1);

    const en = await t.api('DELETE', `/api/v1/contacts/${id}`, undefined, { 'accept-language': 'en' });
    expect(en.json().detail).toContain('Deactivate it instead');
  });

  it('rejects deleting a contact with a sale', async () => {
    const id = (await t.api('POST', '/api/v1/contacts', person('Client', '06 20 00 00 12', { lastName: 'Vente' }))).json().id;
    const sale = await t.api('POST', '/api/v1/sales', {
      contactId: id, date: '2024-03-01', status: 'final',
      lines: [{ description: 'Panier', quantity: '1', unitPrice: '30.00' }],
    });
    expect(sale.statusCode).toBe(201);
    const parked = await t.api('POST', '/api/v1/sales', {
      contactId: id, date: '2024-03-02', status: 'parked',
      lines: [{ description: 'Commande', quantity: '2', unitPrice: '5.00' }],
    });
    expect(parked.statusCode).toBe(201);

    const res = await t.api('DELETE', `/api/v1/contacts/${id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('contact_has_history');
    expect(res.json().count).toBe(2);
    expect(res.json().detail).toContain('2 opérations enregistrées');
    expect(await readContactRow(t, id)).toBeDefined();
  });

  it('counts a cleared opening balance as history', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Erreur', '06 20 00 00 03', { openingBalance: '10.00' }));
    const id = created.json().id;
    const cleared = await t.api('PATCH', `/api/v1/contacts/${id}`, { openingBalance: '0' });
    expect(cleared.json().openingBalance).toBe('0.00');
    expect(cleared.json().balance).toBe('0.00');
    const res = await t.api('DELETE', `/api/v1/contacts/${id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().count).toBe(1);
    expect(await readContactRow(t, id)).toBeDefined();
  });

  it('posts opening balance changes to the ledger', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Fournie', '06 20 00 00 04', { type: 'supplier', openingBalance: '-50.00' }));
    const id = created.json().id;
    expect(created.json().balance).toBe('-50.00');
    expect(created.json().payable).toBe('50.00');
    const changed = await t.api('PATCH', `/api/v1/contacts/${id}`, { openingBalance: '-80.00' });
    expect(changed.json().balance).toBe('-80.00');
    const entries = await db().selectFrom('ledger_entries').select(['debit', 'credit']).where('contact_id', '=', id).orderBy('seq').execute();
    const net = entries.reduce((sum, entry) => sum + Number(entry.debit) - Number(entry.credit), 0);
    expect(net).toBe(-8000);
  });

  it('deactivates and reactivates', async () => {
    const id = (await t.api('POST', '/api/v1/contacts', person('Saison', '06 20 00 00 05'))).json().id;
    const off = await t.api('POST', `/api/v1/contacts/${id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json().status).toBe('inactive');
    const inactive = await t.api('GET', '/api/v1/contacts?status=inactive');
    expect(inactive.json().items.map((item: { id: string }) => item.id)).toContain(id);
    const on = await t.api('POST', `/api/v1/contacts/${id}/reactivate`);
    expect(on.json().status).toBe('active');
    const activity = await t.api('GET', `/api/v1/contacts/${id}/activity`);
    expect(activity.json().items.map((item: { action: string }) => item.action)).toEqual(['reactivated', 'deactivated', 'created']);
  });

  it('records who changed which field from what to what', async () => {
    const editor = await t.addUser(['customer.view', 'customer.create', 'customer.update', 'credit_limit.override'], 'Maëlys Roux');
    const id = (await t.api('POST', '/api/v1/contacts', person('Jérôme', '06 20 00 00 06', { city: 'Lyon', creditLimit: '100' }))).json().id;
    const res = await asToken(t, editor.token)('PATCH', `/api/v1/contacts/${id}`, { city: 'Besançon', creditLimit: '250.00', email: 'j@example.fr' });
    expect(res.statusCode).toBe(200);

    const activity = await t.api('GET', `/api/v1/contacts/${id}/activity`);
    const [latest, first] = activity.json().items;
    expect(latest.action).toBe('updated');
    expect(latest.userId).toBe(editor.userId);
    expect(latest.userName).toBe('Maëlys Roux');
    expect(latest.changes).toEqual([
      { field: 'email', from: null, to: 'j@example.fr' },
      { field: 'city', from: 'Lyon', to: 'Besançon' },
      { field: 'creditLimit', from: '100.00', to: '250.00' },
    ]);
    expect(first.action).toBe('created');
    expect(first.changes.code).toMatch(/^CO\d{4}$/);

    const unchanged = await asToken(t, editor.token)('PATCH', `/api/v1/contacts/${id}`, { city: 'Besançon' });
    expect(unchanged.statusCode).toBe(200);
    expect((await t.api('GET', `/api/v1/contacts/${id}/activity`)).json().items).toHaveLength(2);
  });

  it('pages the activity newest first', async () => {
    const id = (await t.api('POST', '/api/v1/contacts', person('Pages', '06 20 00 00 07'))).json().id;
    for (const city of ['A', 'B', 'C']) await t.api('PATCH', `/api/v1/contacts/${id}`, { city });
    const page1 = await t.api('GET', `/api/v1/contacts/${id}/activity?limit=3`);
    expect(page1.json().items.map((item: { changes: { to: string }[] }) => item.changes[0]?.to)).toEqual(['C', 'B', 'A']);
    const page2 = await t.api('GET', `/api/v1/contacts/${id}/activity?limit=3&cursor=${page1.json().nextCursor}`);
    expect(page2.json().items.map((item: { action: string }) => item.action)).toEqual(['created']);
    expect(page2.json().nextCursor).toBeNull();
  });

  it('anonymises personal data and keeps code and amounts', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Françoise', '06 20 00 00 08', {
      lastName: 'Lefèvre', email: 'f.lefevre@example.fr', addressLine1: '3 rue des Écoles', city: 'Rennes',
      taxNumber: 'FR40303265045', dateOfBirth: '1970-05-01', loyaltyCardNumber: 'FID-1',
      bankAccount: { iban: 'FR7630006000011234567890189' }, openingBalance: '75.25', creditLimit: '500',
    }));
    const id = created.json().id;
    await t.api('PATCH', `/api/v1/contacts/${id}`, { mobile: '06 20 00 00 09' });
    await t.api('POST', `/api/v1/contacts/${id}/notes`, { heading: 'Santé', body: 'allergique' });
    await uploadAttachment(t, t.adminToken, id, 'carte-identite.pdf', pdfBytes);

    const res = await t.api('POST', `/api/v1/contacts/${id}/anonymise`);
    expect(res.statusCode).toBe(200);
    const contact = res.json();
    expect(contact.code).toBe(created.json().code);
    expect(contact.name).toBe('Contact anonymisé');
    expect(contact.openingBalance).toBe('75.25');
    expect(contact.balance).toBe('75.25');
    expect(contact.creditLimit).toBe('500.00');
    expect(contact.anonymisedAt).not.toBeNull();
    expect(contact.status).toBe('inactive');
    for (const field of ['firstName', 'lastName', 'mobile', 'email', 'addressLine1', 'city', 'taxNumber', 'dateOfBirth', 'loyaltyCardNumber', 'bankAccount']) {
      expect(contact[field], field).toBeNull();
    }
    expect(contact.customFields).toEqual({});
    expect(await countRows('contact_notes', id)).toBe(0);
    expect(await countRows('contact_attachments', id)).toBe(0);

    const exported = await t.api('GET', `/api/v1/contacts/${id}/personal-data`);
    for (const value of ['Françoise', 'Lefèvre', '06 20 00 00', 'f.lefevre', 'Rennes', 'FR76', 'carte-identite', 'allergique']) {
      expect(exported.body, value).not.toContain(value);
    }
    expect(exported.json().activity.map((item: { action: string }) => item.action)).toContain('anonymised');

    expect((await t.api('PATCH', `/api/v1/contacts/${id}`, { firstName: 'Retour' })).json().code).toBe('contact_anonymised');
    expect((await t.api('POST', `/api/v1/contacts/${id}/anonymise`)).statusCode).toBe(409);
  });

  it('needs the delete permission to anonymise', async () => {
    const clerk = await t.addUser(['customer.view', 'customer.update'], 'Employé');
    const id = (await t.api('POST', '/api/v1/contacts', person('Garder', '06 20 00 00 10'))).json().id;
    const res = await asToken(t, clerk.token)('POST', `/api/v1/contacts/${id}/anonymise`);
    expect(res.statusCode).toBe(403);
    expect((await readContactRow(t, id))?.first_name).toBe('Garder');
  });

  it('exports personal data as a download', async () => {
    const other = await t.addUser(['customer.view', 'customer.update'], 'Autre');
    const id = (await t.api('POST', '/api/v1/contacts', person('Hélène', '06 20 00 00 11', { code: 'HF/01', email: 'h@example.fr' }))).json().id;
    await t.api('POST', `/api/v1/contacts/${id}/notes`, { body: 'note publique' });
    await asToken(t, other.token)('POST', `/api/v1/contacts/${id}/notes`, { body: 'note privée', isPrivate: true });
    await uploadAttachment(t, t.adminToken, id, 'contrat.pdf', pdfBytes);

    const res = await t.api('GET', `/api/v1/contacts/${id}/personal-data`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="contact-HF_01-personal-data.json"');
    expect(res.headers['content-type']).toContain('application/json');
    const data = res.json();
    expect(data.contact.email).toBe('h@example.fr');
    expect(data.notes.map((note: { body: string }) => note.body)).toEqual(['note publique']);
    expect(data.attachments.map((file: { fileName: string }) => file.fileName)).toEqual(['contrat.pdf']);
    expect(data.activity.map((item: { action: string }) => item.action)).toEqual(['attachment_added', 'note_added', 'note_added', 'created']);
    const activity = await t.api('GET', `/api/v1/contacts/${id}/activity?limit=1`);
    expect(activity.json().items[0].action).toBe('personal_data_exported');
  });
});
