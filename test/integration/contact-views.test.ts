import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { foldText } from '../../src/contacts/search/fold.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('saved contact views on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const overdueView = {
    name: 'Relances',
    filters: { type: 'customer', overdue: 'true', 'customField[custom1]': 'vip', q: '  dupont ' },
    sort: { field: 'balance', order: 'desc' },
    columns: ['code', 'name', 'balance', 'custom1'],
  };

  it('saves, reads, lists, changes and deletes a view', async () => {
    const created = await t.api('POST', '/api/v1/contact-views', overdueView);
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json();
    expect(view).toMatchObject({
      name: 'Relances',
      filters: { type: 'customer', overdue: 'true', 'customField[custom1]': 'vip', q: 'dupont' },
      sort: { field: 'balance', order: 'desc' },
      columns: ['code', 'name', 'balance', 'custom1'],
    });

    expect((await t.api('GET', `/api/v1/contact-views/${view.id}`)).json()).toEqual(view);
    const list = await t.api('GET', '/api/v1/contact-views');
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([view.id]);

    const changed = await t.api('PATCH', `/api/v1/contact-views/${view.id}`, { sort: null, columns: ['name'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Relances', sort: null, columns: ['name'], filters: view.filters });

    // A rename, as the web app sends it, keeps the rest of the view.
    const renamed = await t.api('PATCH', `/api/v1/contact-views/${view.id}`, { name: 'Relances clients' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().columns).toEqual(['name']);
    expect(renamed.json().sort).toBeNull();
    expect(renamed.json().filters).toEqual(view.filters);
    const resorted = await t.api('PATCH', `/api/v1/contact-views/${view.id}`, { sort: { field: 'code', order: 'asc' } });
    expect(resorted.json().columns).toEqual(['name']);
    expect((await t.api('GET', `/api/v1/contact-views/${view.id}`)).json().columns).toEqual(['name']);

    expect((await t.api('DELETE', `/api/v1/contact-views/${view.id}`)).statusCode).toBe(204);
    expect((await t.api('GET', `/api/v1/contact-views/${view.id}`)).statusCode).toBe(404);
  });

  it('saved filters give the list its query', async () => {
    const created = await t.api('POST', '/api/v1/contact-views', { name: 'Fournisseurs', filters: { type: 'supplier' } });
    const params = new URLSearchParams(created.json().filters).toString();
    const res = await t.api('GET', `/api/v1/contacts?${params}`);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('rejects bad filters, columns and duplicate names', async () => {
    const badFilter = await t.api('POST', '/api/v1/contact-views', { name: 'X', filters: { overdue: 'maybe' } });
    expect(badFilter.statusCode).toBe(422);
    expect(badFilter.json().errors[0].path).toBe('filters.overdue');
    const unknown = await t.api('POST', '/api/v1/contact-views', { name: 'X', filters: { colour: 'red' } });
    expect(unknown.json().errors[0].path).toBe('filters.colour');
    const badDate = await t.api('POST', '/api/v1/contact-views', { name: 'X', filters: { createdFrom: '31/12/2024' } });
    expect(badDate.json().errors[0]).toMatchObject({ path: 'filters.createdFrom', code: 'invalid_date' });
    const badColumn = await t.api('POST', '/api/v1/contact-views', { name: 'X', columns: ['salary'] });
    expect(badColumn.statusCode).toBe(422);
    expect(badColumn.json().errors[0].path).toBe('columns.0');

    expect((await t.api('POST', '/api/v1/contact-views', { name: 'Doublon' })).statusCode).toBe(201);
    const again = await t.api('POST', '/api/v1/contact-views', { name: 'Doublon' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('view_name_taken');
  });

  it('empty custom field filter is 422', async () => {
    const english = { 'accept-language': 'en' };
    const message = 'filters.customField[custom1] is empty: give the value to look for (case and accents are ignored), ' +
      'or leave filters.customField[custom1] out.';
    const created = await t.api('POST', '/api/v1/contact-views', { name: 'Vide', filters: { 'customField[custom1]': ' ' } }, english);
    expect(created.statusCode, created.body).toBe(422);
    expect(created.json().errors).toEqual([{ path: 'filters.customField[custom1]', code: 'custom_field_filter_empty', message }]);

    const view = (await t.api('POST', '/api/v1/contact-views', { name: 'Segment' })).json();
    const changed = await t.api('PATCH', `/api/v1/contact-views/${view.id}`, { filters: { 'customField[custom1]': '' } }, english);
    expect(changed.statusCode, changed.body).toBe(422);
    expect(changed.json().errors).toEqual([{ path: 'filters.customField[custom1]', code: 'custom_field_filter_empty', message }]);
  });

  it('unknown custom field filter names it', async () => {
    const res = await t.api('POST', '/api/v1/contact-views', { name: 'Inconnu', filters: { 'customField[custom11]': 'vip' } }, { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([{
      path: 'filters.customField[custom11]',
      code: 'invalid_enum',
      message: `“custom11” is not accepted: allowed values are ${Array.from({ length: 10 }, (_, i) => `custom${i + 1}`).join(', ')}.`,
    }]);
  });

  it('empty group or user filter is 422', async () => {
    const english = { 'accept-language': 'en' };
    const message = (parameter: string, entity: string) =>
      `filters.${parameter} contains no id: give the id of a ${entity}, or leave filters.${parameter} out.`;
    const created = await t.api('POST', '/api/v1/contact-views', { name: 'Sans groupe', filters: { customerGroupId: '', assignedUserId: ' ' } }, english);
    expect(created.statusCode, created.body).toBe(422);
    expect(created.json().errors).toEqual([
      { path: 'filters.customerGroupId', code: 'id_parameter_empty', message: message('customerGroupId', 'customer group') },
      { path: 'filters.assignedUserId', code: 'id_parameter_empty', message: message('assignedUserId', 'user') },
    ]);

    const view = (await t.api('POST', '/api/v1/contact-views', { name: 'Groupe à choisir' })).json();
    const changed = await t.api('PATCH', `/api/v1/contact-views/${view.id}`, { filters: { customerGroupId: '' } });
    expect(changed.statusCode, changed.body).toBe(422);
    expect(changed.json().errors).toEqual([{
      path: 'filters.customerGroupId',
      code: 'id_parameter_empty',
      message: 'filters.customerGroupId ne contient aucun identifiant : indiquez l’identifiant d’un groupe de clients, ou retirez filters.customerGroupId.',
    }]);
  });

  it('filter flag sent as a boolean', async () => {
    const res = await t.api('POST', '/api/v1/contact-views', { name: 'Booléen', filters: { overdue: true } }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{
      path: 'filters.overdue',
      code: 'enum_not_text',
      message: 'true is not text: send one of true, false in double quotes.',
    }]);
    const french = await t.api('POST', '/api/v1/contact-views', { name: 'Booléen', filters: { type: 3 } });
    expect(french.json().errors[0].message).toBe('3 n’est pas un texte : envoyez l’une des valeurs customer, supplier, both entre guillemets.');
  });

  it('every bad filter in one 422', async () => {
    const filters = {
      overdue: 'yes',
      foo: 'bar',
      birthdayFrom: '13-40',
      customerGroupId: 'nope',
      'customField[custom1]': 3,
      createdFrom: '2024-02-01',
      createdTo: '2024-01-01',
    };
    const expected = [
      { path: 'filters.overdue', code: 'invalid_enum', message: '“yes” is not accepted: allowed values are true, false.' },
      { path: 'filters.birthdayFrom', code: 'invalid_month_day', message: '“13-40” is not a valid day of the year: write MM-DD, for example 12-24.' },
      { path: 'filters.customField[custom1]', code: 'invalid_type', message: '“3” is not of the expected type: text.' },
      { path: 'filters.foo', code: 'unknown_field', message: 'Unknown field “foo”.' },
      {
        path: 'filters.createdTo',
        code: 'range_end_before_start',
        message: 'The end of the range, 2024-01-01, is before its start, 2024-02-01: choose an end on 2024-02-01 or later, or swap the two dates.',
      },
      {
        path: 'filters.customerGroupId',
        code: 'filter_group_not_found',
        message: 'No customer group has the id “nope”: choose a group from the list, or remove this filter.',
      },
    ];
    const english = { 'accept-language': 'en' };
    const created = await t.api('POST', '/api/v1/contact-views', { name: 'Tout faux', filters }, english);
    expect(created.statusCode).toBe(422);
    expect(created.json().detail).toBe('The request has 6 invalid values: correct them and try again.');
    expect(created.json().errors).toEqual(expected);

    const withName = await t.api('POST', '/api/v1/contact-views', { name: ' ', filters }, english);
    expect(withName.statusCode).toBe(422);
    expect(withName.json().errors).toEqual([{ path: 'name', code: 'required', message: 'This field is required.' }, ...expected]);

    const view = await t.api('POST', '/api/v1/contact-views', { name: 'Juste' });
    expect(view.statusCode, view.body).toBe(201);
    const patched = await t.api('PATCH', `/api/v1/contact-views/${view.json().id}`, { filters }, english);
    expect(patched.statusCode).toBe(422);
    expect(patched.json().errors).toEqual(expected);
    expect((await t.api('GET', `/api/v1/contact-views/${view.json().id}`)).json().filters).toEqual({});

    const french = await t.api('POST', '/api/v1/contact-views', { name: 'Tout faux', filters: { overdue: 'yes', birthdayFrom: '13-40' } });
    expect(french.json().errors.map((issue: { message: string }) => issue.message)).toEqual([
      '« yes » n’est pas accepté : valeurs possibles true, false.',
      '« 13-40 » n’est pas un jour de l’année valide : écrivez MM-JJ, par exemple 12-24.',
    ]);
  });

  it('empty date filter says it is empty', async () => {
    const res = await t.api('POST', '/api/v1/contact-views', { name: 'Sans date', filters: { createdFrom: '', birthdayTo: ' ' } }, {
      'accept-language': 'en',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        path: 'filters.birthdayTo',
        code: 'month_day_parameter_empty',
        message: 'filters.birthdayTo is empty: give a day of the year as MM-DD, for example 12-24, or leave filters.birthdayTo out.',
      },
      {
        path: 'filters.createdFrom',
        code: 'date_parameter_empty',
        message: 'filters.createdFrom is empty: give a date as YYYY-MM-DD, for example 2024-03-31, or leave filters.createdFrom out.',
      },
    ]);
  });

  it('rejects filters named like object members', async () => {
    for (const key of ['toString', 'constructor', 'hasOwnProperty']) {
      const res = await t.api('POST', '/api/v1/contact-views', { name: `Filtre ${key}`, filters: { [key]: 'true' } });
      expect(res.statusCode, key).toBe(422);
      expect(res.json().errors[0], key).toMatchObject({ path: `filters.${key}`, code: 'unknown_field' });
    }
  });

  it('rejects a column given twice', async () => {
    const twice = await t.api('POST', '/api/v1/contact-views', { name: 'Colonnes', columns: ['code', 'name', 'code'] }, { 'accept-language': 'en' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors).toEqual([{
      path: 'columns.2',
      code: 'view_column_repeated',
      message: 'Column “code” at position 3 is already given at position 1: keep it once.',
    }]);
    const created = (await t.api('POST', '/api/v1/contact-views', { name: 'Colonnes', columns: ['code', 'name'] })).json();
    const patched = await t.api('PATCH', `/api/v1/contact-views/${created.id}`, { columns: ['name', 'name'] });
    expect(patched.statusCode).toBe(422);
    expect(patched.json().errors[0]).toMatchObject({ path: 'columns.1', code: 'view_column_repeated' });
  });

  it('column twice beside an unknown one', async () => {
    const french = { 'accept-language': 'fr' };
    const body = { name: 'Colonnes mêlées', columns: ['code', 'code', 'zzz'] };
    const created = await t.api('POST', '/api/v1/contact-views', body, french);
    expect(created.statusCode).toBe(422);
    const errors = created.json().errors as { path: string; code: string; message: string }[];
    expect(errors.map((error) => error.path).sort()).toEqual(['columns.1', 'columns.2']);
    const repeated = errors.find((error) => error.path === 'columns.1');
    expect(repeated?.code).toBe('view_column_repeated');
    expect(repeated?.message).toBe('La colonne « code » en position 2 est déjà indiquée en position 1 : gardez-la une seule fois.');
    expect(errors.find((error) => error.path === 'columns.2')?.code).toBe('invalid_enum');

    const view = (await t.api('POST', '/api/v1/contact-views', { name: 'Colonnes à changer', columns: ['name'] })).json();
    const patched = await t.api('PATCH', `/api/v1/contact-views/${view.id}`, { columns: ['zzz', 'name', 'name'] });
    expect(patched.statusCode).toBe(422);
    const patchErrors = patched.json().errors as { path: string; code: string }[];
    expect(patchErrors.map((error) => `${error.path} ${error.code}`).sort()).toEqual([
      'columns.0 invalid_enum',
      'columns.2 view_column_repeated',
    ]);
    expect((await t.api('GET', `/api/v1/contact-views/${view.id}`)).json().columns).toEqual(['name']);
  });

  it('name taken in another case or accent', async () => {
    const { token } = await t.addUser(['customer.view'], 'Casse');
    const user = asToken(t, token);
    expect((await user('POST', '/api/v1/contact-views', { name: 'Relances' })).statusCode).toBe(201);
    for (const name of ['relances', 'RELANCES', 'Rélances']) {
      const again = await user('POST', '/api/v1/contact-views', { name });
      expect(again.statusCode, name).toBe(409);
      expect(again.json().code, name).toBe('view_name_taken');
      expect(again.json().detail, name).toBe('Vous avez déjà une vue nommée « Relances » : choisissez un autre nom.');
    }

    const other = (await user('POST', '/api/v1/contact-views', { name: 'Impayés' })).json();
    const renamed = await user('PATCH', `/api/v1/contact-views/${other.id}`, { name: 'relances' });
    expect(renamed.statusCode).toBe(409);
    const recased = await user('PATCH', `/api/v1/contact-views/${other.id}`, { name: 'IMPAYÉS' });
    expect(recased.statusCode, recased.body).toBe(200);
    expect(recased.json().name).toBe('IMPAYÉS');
  });

  it('database rejects a folded name twice', async () => {
    const { userId } = await t.addUser(['customer.view'], 'Index');
    const kysely = t.database.db.kysely;
    const view = (id: string, name: string) => ({
      id, business_id: t.business.businessId, user_id: userId, name, name_key: foldText(name),
      filters: '{}', sort: 'null', columns: '[]', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
    });
    await kysely.insertInto('contact_views').values(view(`${userId}-a`, 'Relances')).execute();
    await expect(kysely.insertInto('contact_views').values(view(`${userId}-b`, 'rélances')).execute()).rejects.toThrow();
  });

  it.runIf(engine === 'postgres')('same name saved at the same instant', async () => {
    const { userId, token } = await t.addUser(['customer.view'], 'Course');
    const user = asToken(t, token);
    // The first save stays uncommitted while the second runs its name check,
    // so only the unique index can reject the second.
    let second: Awaited<ReturnType<typeof user>> | undefined;
    await t.database.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('contact_views').values({
        id: `${userId}-first`, business_id: t.business.businessId, user_id: userId, name: 'Relances', name_key: 'relances',
        filters: '{}', sort: 'null', columns: '[]', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
      }).execute();
      void user('POST', '/api/v1/contact-views', { name: 'relances' }).then((response) => {
        second = response;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(second).toBeUndefined();
    });
    await vi.waitFor(() => expect(second).toBeDefined(), { timeout: 5000 });
    expect(second?.statusCode, second?.body).toBe(409);
    expect(second?.json().code).toBe('view_name_taken');
    expect(second?.json().detail).toBe('Vous avez déjà une vue nommée « Relances » : choisissez un autre nom.');
    const names = (await user('GET', '/api/v1/contact-views')).json().items.map((view: { name: string }) => view.name);
    expect(names).toEqual(['Relances']);
  });

  it('lists views by folded name', async () => {
    const { token } = await t.addUser(['customer.view'], 'Classement');
    const user = asToken(t, token);
    for (const name of ['zèbre', 'Écarts de caisse', 'Avoirs', 'clients VIP', 'Zone B']) {
      expect((await user('POST', '/api/v1/contact-views', { name })).statusCode).toBe(201);
    }
    const names = (await user('GET', '/api/v1/contact-views')).json().items.map((view: { name: string }) => view.name);
    expect(names).toEqual(['Avoirs', 'clients VIP', 'Écarts de caisse', 'zèbre', 'Zone B']);
  });

  it('view of a deleted group renames', async () => {
    const group = await t.api('POST', '/api/v1/customer-groups', { name: 'Éphémère', calculation: 'percentage', percentage: '5' });
    expect(group.statusCode, group.body).toBe(201);
    const created = await t.api('POST', '/api/v1/contact-views', { name: 'Groupe éphémère', filters: { customerGroupId: group.json().id } });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.api('DELETE', `/api/v1/customer-groups/${group.json().id}`)).statusCode).toBe(200);

    const renamed = await t.api('PATCH', `/api/v1/contact-views/${created.json().id}`, { name: 'Ancien groupe' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const refiltered = await t.api('PATCH', `/api/v1/contact-views/${created.json().id}`, { filters: { customerGroupId: group.json().id } });
    expect(refiltered.statusCode).toBe(422);
    expect(refiltered.json().errors[0].path).toBe('filters.customerGroupId');
  });

  it('views belong to their user', async () => {
    const mine = (await t.api('POST', '/api/v1/contact-views', { name: 'Perso' })).json();
    const { token } = await t.addUser(['customer.view'], 'Collègue');
    const other = asToken(t, token);
    expect((await other('GET', `/api/v1/contact-views/${mine.id}`)).statusCode).toBe(404);
    expect((await other('PATCH', `/api/v1/contact-views/${mine.id}`, { name: 'Volé' })).statusCode).toBe(404);
    expect((await other('DELETE', `/api/v1/contact-views/${mine.id}`)).statusCode).toBe(404);
    expect((await other('GET', '/api/v1/contact-views')).json().items).toEqual([]);
    expect((await other('POST', '/api/v1/contact-views', { name: 'Perso' })).statusCode).toBe(201);
  });
});
