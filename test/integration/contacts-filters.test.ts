import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/ledger/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { setCustomFieldLabels } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

interface Item {
  id: string;
  name: string;
  balance: string;
  receivable: string;
  payable: string;
  advance: string;
}

const sale = (contactId: string, date: string, amount: string, extra: Record<string, unknown> = {}) => ({
  contactId,
  date,
  status: 'final',
  payTerm: { number: 30, unit: 'days', endOfMonth: false },
  lines: [{ description: 'Panier', quantity: '1', unitPrice: amount }],
  ...extra,
});

describe.each(engines)('contact filters on %s', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const today = todayIn('Europe/Paris');
  let groupId = '';
  let userId = '';

  const post = async (url: string, body: unknown) => {
    const res = await t.api('POST', url, body);
    expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  const create = async (key: string, body: Record<string, unknown>) => {
    ids[key] = (await post('/api/v1/contacts', { kind: 'individual', mobile: `06 40 00 00 ${String(Object.keys(ids).length + 10)}`, ...body })).id;
  };

  const keys = async (query: string) => {
    const res = await t.api('GET', `/api/v1/contacts?limit=200&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map(Object.entries(ids).map(([key, id]) => [id, key]));
    return res.json().items.map((item: Item) => byId.get(item.id) ?? item.name).sort();
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    await setCustomFieldLabels(t, { custom1: 'Segment' });
    groupId = (await post('/api/v1/customer-groups', { name: 'Grossistes', calculation: 'percentage', percentage: '5' })).id;
    userId = (await t.addUser(['customer.view'], 'Commercial')).userId;

    await create('overdue', { firstName: 'Alice', lastName: 'Retard', dateOfBirth: '1980-12-28', customerGroupId: groupId });
    await post('/api/v1/sales', sale(ids.overdue!, addDays(today, -60), '100.00'));

    await create('paid', { firstName: 'Bruno', lastName: 'Payé', dateOfBirth: '1975-01-05', assignedUserIds: [userId] });
    await post('/api/v1/sales', sale(ids.paid!, today, '50.00', { payments: [{ amount: '50.00', method: 'cash' }] }));

    await create('advance', { firstName: 'Carla', lastName: 'Avance', dateOfBirth: '1990-06-15', customFields: { custom1: 'vip' } });
    await post('/api/v1/payments', { contactId: ids.advance, amount: '30.00', method: 'cash', date: today });

    await create('supplier', { type: 'supplier', firstName: 'Denis', lastName: 'Fournisseur' });
    await post('/api/v1/purchases', sale(ids.supplier!, today, '80.00'));

    await create('opening', { firstName: 'Eva', lastName: 'Ouverture', openingBalance: '20.00', openingBalanceDate: today });

    await create('credit', { firstName: 'Félix', lastName: 'Crédit', creditLimit: '10.00', customFields: { custom1: 'standard' } });
    await post('/api/v1/sales', sale(ids.credit!, addDays(today, -3), '25.00', { creditLimitOverride: { reason: 'client fidèle' } }));

    await create('inactive', { firstName: 'Gilles', lastName: 'Parti', status: 'inactive' });
    await create('both', { type: 'both', firstName: 'Hugo', lastName: 'Mixte' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('type keeps its side and both', async () => {
    expect(await keys('type=supplier')).toEqual(['both', 'supplier']);
    expect(await keys('type=both')).toEqual(['both']);
    expect(await keys('type=customer')).not.toContain('supplier');
  });

  it('status and includeInactive', async () => {
    expect(await keys('status=inactive')).toEqual(['inactive']);
    expect(await keys('status=active')).not.toContain('inactive');
    expect(await keys('includeInactive=false')).not.toContain('inactive');
    expect(await keys('')).toContain('inactive');
  });

  it('receivable, payable and advance flags', async () => {
    expect(await keys('hasReceivableDue=true')).toEqual(['credit', 'opening', 'overdue']);
    expect(await keys('hasPayableDue=true')).toEqual(['supplier']);
    expect(await keys('hasAdvance=true')).toEqual(['advance']);
    expect(await keys('hasReceivableDue=false')).not.toContain('overdue');
    expect(await keys('hasReceivableDue=false')).toContain('paid');
  });

  it('overdue keeps past due open items', async () => {
    expect(await keys('overdue=true')).toEqual(['overdue']);
    expect(await keys('overdue=false')).toContain('credit');
  });

  it('opening balance and credit limit flags', async () => {
    expect(await keys('hasOpeningBalance=true')).toEqual(['opening']);
    expect(await keys('overCreditLimit=true')).toEqual(['credit']);
    expect(await keys('overCreditLimit=false')).toContain('overdue');
  });

  it('group and assigned user', async () => {
    expect(await keys(`customerGroupId=${groupId}`)).toEqual(['overdue']);
    expect(await keys(`assignedUserId=${userId}`)).toEqual(['paid']);
  });

  it('unknown group or user is 422', async () => {
    const other = await t.addBusiness('Autre boutique');
    const otherGroup = await t.app.inject({
      method: 'POST', url: '/api/v1/customer-groups', headers: { authorization: `Bearer ${other.token}` },
      payload: { name: 'Ailleurs', calculation: 'percentage', percentage: '5' },
    });
    expect(otherGroup.statusCode, otherGroup.body).toBe(201);
    // In a query string the message names the parameter. A view's filter is a field of its JSON body, named by its path alone.
    const group = (id: string) => ({
      query: `customerGroupId : aucun groupe de clients n’a l’identifiant « ${id} ». Choisissez un groupe dans la liste, ou retirez ce filtre.`,
      view: `Aucun groupe de clients n’a l’identifiant « ${id} » : choisissez un groupe dans la liste, ou retirez ce filtre.`,
    });
    const user = (id: string) => ({
      query: `assignedUserId : aucun utilisateur n’a l’identifiant « ${id} ». Choisissez un utilisateur dans la liste, ou retirez ce filtre.`,
      view: `Aucun utilisateur n’a l’identifiant « ${id} » : choisissez un utilisateur dans la liste, ou retirez ce filtre.`,
    });
    const cases: [string, string, string, { query: string; view: string }][] = [
      ['customerGroupId', 'nope', 'filter_group_not_found', group('nope')],
      ['assignedUserId', 'nobody', 'filter_user_not_found', user('nobody')],
      ['customerGroupId', otherGroup.json().id, 'filter_group_not_found', group(otherGroup.json().id)],
      ['assignedUserId', other.business.adminUserId, 'filter_user_not_found', user(other.business.adminUserId)],
    ];
    for (const [parameter, value, code, messages] of cases) {
      for (const route of ['/api/v1/contacts', '/api/v1/contacts/totals', '/api/v1/contacts/export']) {
        const res = await t.api('GET', `${route}?${parameter}=${encodeURIComponent(value)}`);
        expect(res.statusCode, `${route} ${parameter}=${value}`).toBe(422);
        expect(res.json().errors, `${route} ${parameter}=${value}`).toEqual([{ path: parameter, code, message: messages.query }]);
      }
      const view = await t.api('POST', '/api/v1/contact-views', { name: `Vue ${value}`, filters: { [parameter]: value } });
      expect(view.statusCode, `view ${parameter}=${value}`).toBe(422);
      expect(view.json().errors, `view ${parameter}=${value}`).toEqual([{ path: `filters.${parameter}`, code, message: messages.view }]);
    }
  });

  it('no sale since a date', async () => {
    const keysSince = await keys(`noSaleSince=${addDays(today, -10)}`);
    expect(keysSince).toContain('overdue');
    expect(keysSince).toContain('advance');
    expect(keysSince).not.toContain('paid');
    expect(keysSince).not.toContain('credit');
  });

  it('birthday range wraps over the new year', async () => {
    expect(await keys('birthdayFrom=12-20&birthdayTo=01-10')).toEqual(['overdue', 'paid']);
    expect(await keys('birthdayFrom=06-01&birthdayTo=06-30')).toEqual(['advance']);
    expect(await keys('birthdayFrom=2024-06-16&birthdayTo=2024-12-27')).toEqual([]);
  });

  it('custom field value', async () => {
    expect(await keys('customField[custom1]=vip')).toEqual(['advance']);
    expect(await keys('customField.custom1=standard')).toEqual(['credit']);
    expect(await keys('customField[custom1]=other')).toEqual([]);
  });

  it('empty custom field value is 422', async () => {
    for (const route of ['/api/v1/contacts', '/api/v1/contacts/totals', '/api/v1/contacts/export']) {
      for (const [parameter, value] of [['customField[custom1]', ''], ['customField[custom1]', '%20%20'], ['customField.custom1', '']]) {
        const url = `${route}?${parameter}=${value}`;
        const en = await t.api('GET', url, undefined, { 'accept-language': 'en' });
        expect(en.statusCode, url).toBe(422);
        expect(en.json().errors, url).toEqual([{
          path: parameter,
          code: 'custom_field_filter_empty',
          message: `${parameter} is empty: give the value to look for (case and accents are ignored), or leave ${parameter} out.`,
        }]);
        const fr = await t.api('GET', url, undefined, { 'accept-language': 'fr' });
        expect(fr.json().errors[0].message, url).toBe(
          `${parameter} est vide : indiquez la valeur cherchée (majuscules et accents ne comptent pas), ou retirez ${parameter}.`,
        );
      }
    }
  });

  it('custom field errors name the parameter', async () => {
    const allowed = Array.from({ length: 10 }, (_, i) => `custom${i + 1}`).join(', ');
    const cases: { parameter: string; value: string; code: string; message: string }[] = [
      { parameter: 'customField[custom11]', value: 'x', code: 'invalid_enum', message: `customField[custom11]: “custom11” is not accepted. Allowed values: ${allowed}.` },
      { parameter: 'customField.custom11', value: 'x', code: 'invalid_enum', message: `customField.custom11: “custom11” is not accepted. Allowed values: ${allowed}.` },
      { parameter: 'customField[]', value: 'x', code: 'invalid_enum', message: `customField[]: “” is not accepted. Allowed values: ${allowed}.` },
      {
        parameter: 'customField[custom2]',
        value: '',
        code: 'custom_field_filter_empty',
        message: 'customField[custom2] is empty: give the value to look for (case and accents are ignored), or leave customField[custom2] out.',
      },
    ];
    for (const route of ['/api/v1/contacts', '/api/v1/contacts/totals', '/api/v1/contacts/export']) {
      for (const { parameter, value, code, message } of cases) {
        const url = `${route}?${parameter}=${value}`;
        const res = await t.api('GET', url, undefined, { 'accept-language': 'en' });
        expect(res.statusCode, url).toBe(422);
        expect(res.json().errors, url).toEqual([{ path: parameter, code, message }]);
      }
    }
  });

  it('empty group or user id is 422', async () => {
    const entities = { customerGroupId: ['customer group', 'groupe de clients'], assignedUserId: ['user', 'utilisateur'] };
    for (const route of ['/api/v1/contacts', '/api/v1/contacts/totals', '/api/v1/contacts/export']) {
      for (const [parameter, [en, fr]] of Object.entries(entities)) {
        for (const [sent, shown] of [['', ''], ['%20%20', '  ']]) {
          const url = `${route}?${parameter}=${sent}`;
          const english = await t.api('GET', url, undefined, { 'accept-language': 'en' });
          expect(english.statusCode, url).toBe(422);
          expect(english.json().errors, url).toEqual([{
            path: parameter,
            code: 'id_parameter_empty',
            message: `${parameter}: “${shown}” contains no id. Give the id of a ${en}, or leave ${parameter} out.`,
          }]);
          const french = await t.api('GET', url, undefined, { 'accept-language': 'fr' });
          expect(french.statusCode, url).toBe(422);
          expect(french.json().errors[0].message, url).toBe(
            `${parameter} : « ${shown} » ne contient aucun identifiant. Indiquez l’identifiant d’un ${fr}, ou retirez ${parameter}.`,
          );
        }
      }
    }
  });

  it('custom field ignores case and accents', async () => {
    const res = await t.api('PATCH', `/api/v1/contacts/${ids.both}`, { customFields: { custom1: 'Cœur Fidèle' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await keys('customField[custom1]=VIP')).toEqual(['advance']);
    expect(await keys('customField[custom1]=Vîp')).toEqual(['advance']);
    for (const value of ['Cœur Fidèle', 'coeur fidele', 'CŒUR FIDÈLE', 'COEUR FIDELE']) {
      expect(await keys(`customField[custom1]=${encodeURIComponent(value)}`), value).toEqual(['both']);
    }
    expect(await keys('customField[custom1]=coeur')).toEqual([]);
  });

  it('custom field folds every script', async () => {
    const cases: { stored: string; found: string[]; notFound: string[] }[] = [
      { stored: 'Жёлтый', found: ['жёлтый', 'ЖЕЛТЫЙ', 'желтый'], notFound: ['желтыи'] },
      { stored: 'Йогурт', found: ['йогурт', 'ЙОГУРТ'], notFound: ['иогурт'] },
      { stored: 'Ελλάδα', found: ['ελλαδα', 'ΕΛΛΑΔΑ', 'Ελλάδα'], notFound: ['ελλαδ'] },
      { stored: 'ΤΟΥ ΝΙΚΟΣ', found: ['του νικος', 'Του Νίκος'], notFound: [] },
      { stored: 'ＶＩＰ Ǆ', found: ['vip dž', 'VIP DZ'], notFound: ['vip d'] },
      { stored: 'Ħamrun', found: ['hamrun', 'ĦAMRUN'], notFound: [] },
      { stored: 'ごとう', found: ['ごとう'], notFound: ['ことう'] },
      { stored: 'L’Été', found: ['L’Été', "l'ete", 'lʼete', 'L‘ÉTÉ'], notFound: ['lete', 'l ete'] },
      { stored: "Chez l'Abbé", found: ["chez l'abbe", 'Chez l’Abbé'], notFound: ['chez labbe'] },
    ];
    for (const { stored, found, notFound } of cases) {
      const res = await t.api('PATCH', `/api/v1/contacts/${ids.both}`, { customFields: { custom1: stored } });
      expect(res.statusCode, res.body).toBe(200);
      for (const value of found) {
        expect(await keys(`customField[custom1]=${encodeURIComponent(value)}`), `${stored}: ${value}`).toEqual(['both']);
      }
      for (const value of notFound) {
        expect(await keys(`customField[custom1]=${encodeURIComponent(value)}`), `${stored}: ${value}`).toEqual([]);
      }
    }
  });

  it('custom field reads runs of spaces as one', async () => {
    const stored = ['Straße  Groß', ' Straße Groß', 'Straße Groß ', 'Straße\u00a0Groß', 'Strasse \u3000 Gross', 'Strasse\u202fGross'];
    for (const value of stored) {
      // Written directly, as an import or another client may write it: the API trims the values it stores.
      await t.database.db.kysely.updateTable('contacts')
        .set({ custom_fields: JSON.stringify({ custom1: value }) })
        .where('id', '=', ids.both!)
        .execute();
      const label = JSON.stringify(value);
      for (const typed of ['strasse gross', 'Straße Groß', ' STRASSE   GROSS ', 'strasse\u00a0gross']) {
        expect(await keys(`customField[custom1]=${encodeURIComponent(typed)}`), `${label}: ${typed}`).toEqual(['both']);
      }
      for (const typed of ['strassegross', 'strasse gros', 'strasse gross x']) {
        expect(await keys(`customField[custom1]=${encodeURIComponent(typed)}`), `${label}: ${typed}`).toEqual([]);
      }
    }
    const res = await t.api('PATCH', `/api/v1/contacts/${ids.both}`, { customFields: { custom1: 'Cœur  Fidèle' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await keys('customField[custom1]=coeur%20fidele')).toEqual(['both']);
    expect(await keys('customField[custom1]=Vip')).toEqual(['advance']);
  });

  it('created dates are business-local days', async () => {
    // 23:30 UTC on 9 March is already 10 March in Paris (UTC+1).
    await t.database.db.kysely.updateTable('contacts').set({ created_at: '2024-03-09T23:30:00.000Z' })
      .where('id', '=', ids.both!).execute();
    expect(await keys('createdFrom=2024-03-10&createdTo=2024-03-10')).toEqual(['both']);
    expect(await keys('createdFrom=2024-03-09&createdTo=2024-03-09')).toEqual([]);
    expect(await keys(`createdFrom=${today}`)).not.toContain('both');
  });

  it('filters combine', async () => {
    expect(await keys('hasReceivableDue=true&type=customer&birthdayFrom=12-01&birthdayTo=12-31')).toEqual(['overdue']);
  });

  it('values outside their lists are 422 with the path', async () => {
    const cases: [string, string][] = [
      ['sort=weight', 'sort'],
      ['order=up', 'order'],
      ['overdue=yes', 'overdue'],
      ['type=lead', 'type'],
      ['noSaleSince=2024-02-30', 'noSaleSince'],
      ['birthdayFrom=13-01', 'birthdayFrom'],
      ['customField[custom11]=x', 'customField[custom11]'],
      ['colour=red', 'colour'],
    ];
    for (const [query, path] of cases) {
      const res = await t.api('GET', `/api/v1/contacts?${query}`);
      expect(res.statusCode, query).toBe(422);
      expect(res.json().errors.map((issue: { path: string }) => issue.path), query).toContain(path);
    }
  });

  it('reversed created range is 422', async () => {
    const res = await t.api('GET', '/api/v1/contacts?createdFrom=2024-03-10&createdTo=2024-03-01', undefined, { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([{
      path: 'createdTo',
      code: 'range_end_before_start',
      message: 'createdTo: the end of the range, 2024-03-01, is before its start, 2024-03-10. Choose an end on 2024-03-10 or later, or swap the two dates.',
    }]);
    const totals = await t.api('GET', '/api/v1/contacts/totals?createdFrom=2024-03-10&createdTo=2024-03-01');
    expect(totals.statusCode, totals.body).toBe(422);
  });

  it('every bad parameter in one 422', async () => {
    const english = { 'accept-language': 'en' };
    const filters = 'foo=1&overdue=yes&noSaleSince=2024-02-30&birthdayFrom=13-40&createdFrom=&customerGroupId=nope&assignedUserId=nobody';
    const unknown = (allowed: string) => ({
      path: 'foo',
      code: 'unknown_parameter',
      message: `Unknown query parameter “foo” (value “1”): remove it from the address. Accepted parameters: ${allowed}.`,
    });
    const filterIssues = [
      { path: 'overdue', code: 'invalid_enum', message: 'overdue: “yes” is not accepted. Allowed values: true, false.' },
      {
        path: 'noSaleSince',
        code: 'invalid_date',
        message: 'noSaleSince: “2024-02-30” is not a valid date. Write a day that exists as YYYY-MM-DD, for example 2024-03-31.',
      },
      { path: 'birthdayFrom', code: 'invalid_month_day', message: 'birthdayFrom: “13-40” is not a valid day of the year. Write MM-DD, for example 12-24.' },
      {
        path: 'createdFrom',
        code: 'date_parameter_empty',
        message: 'createdFrom is empty: give a date as YYYY-MM-DD, for example 2024-03-31, or leave createdFrom out.',
      },
    ];
    const refIssues = [
      {
        path: 'customerGroupId',
        code: 'filter_group_not_found',
        message: 'customerGroupId: no customer group has the id “nope”. Choose a group from the list, or remove this filter.',
      },
      {
        path: 'assignedUserId',
        code: 'filter_user_not_found',
        message: 'assignedUserId: no user has the id “nobody”. Choose a user from the list, or remove this filter.',
      },
    ];
    const filterNames = 'q, type, status, includeInactive, customerGroupId, assignedUserId, hasReceivableDue, hasPayableDue, overdue, ' +
      'hasAdvance, hasOpeningBalance, overCreditLimit, noSaleSince, birthdayFrom, birthdayTo, createdFrom, createdTo';

    const list = await t.api('GET', `/api/v1/contacts?${filters}&limit=0&sort=weight&cursor=nope`, undefined, english);
    expect(list.statusCode, list.body).toBe(422);
    expect(list.json().detail).toBe('The request has 9 invalid values: correct them and try again.');
    expect(list.json().errors).toEqual([
      unknown(`limit, cursor, sort, order, fields, ${filterNames}, customField[custom1…custom10]`),
      { path: 'limit', code: 'number_too_small', message: 'limit: “0” is too small, at least 1.' },
      { path: 'sort', code: 'invalid_enum', message: 'sort: “weight” is not accepted. Allowed values: name, code, balance, createdAt, lastActivity, relevance.' },
      ...filterIssues,
      ...refIssues,
    ]);

    const totals = await t.api('GET', `/api/v1/contacts/totals?${filters}&limit=5`, undefined, english);
    expect(totals.statusCode, totals.body).toBe(422);
    expect(totals.json().errors).toEqual([
      unknown(`${filterNames}, customField[custom1…custom10]`),
      { ...unknown(`${filterNames}, customField[custom1…custom10]`), path: 'limit', message: expect.stringContaining('“limit”') },
      ...filterIssues,
      ...refIssues,
    ]);

    const exported = await t.api('GET', `/api/v1/contacts/export?${filters}&format=doc&columns=name,weight`, undefined, english);
    expect(exported.statusCode, exported.body).toBe(422);
    expect(exported.json().errors.map((issue: { path: string }) => issue.path)).toEqual([
      'foo', 'overdue', 'noSaleSince', 'birthdayFrom', 'createdFrom', 'format', 'columns', 'customerGroupId', 'assignedUserId',
    ]);

    // A cursor is checked against the order it was made for, beside the other parameters.
    const cursor = await t.api('GET', '/api/v1/contacts?limit=500&cursor=nope', undefined, english);
    expect(cursor.json().errors.map((issue: { path: string; code: string }) => `${issue.path} ${issue.code}`)).toEqual([
      'limit number_too_large',
      'cursor invalid_cursor',
    ]);

    const french = await t.api('GET', '/api/v1/contacts?foo=1&birthdayTo=&customerGroupId=nope');
    expect(french.json().errors.map((issue: { message: string }) => issue.message)).toEqual([
      expect.stringMatching(/^Paramètre inconnu « foo » \(valeur « 1 »\) : retirez-le de l’adresse\. Paramètres acceptés : limit, /),
      'birthdayTo est vide : indiquez un jour de l’année au format MM-JJ, par exemple 12-24, ou retirez birthdayTo.',
      'customerGroupId : aucun groupe de clients n’a l’identifiant « nope ». Choisissez un groupe dans la liste, ou retirez ce filtre.',
    ]);
  });

  it('a user without view rights gets 403 first', async () => {
    const cashier = await t.addUser([], 'Sans droits');
    for (const route of ['/api/v1/contacts', '/api/v1/contacts/totals']) {
      const res = await t.app.inject({
        method: 'GET', url: `${route}?foo=1&overdue=yes`, headers: { authorization: `Bearer ${cashier.token}` },
      });
      expect(res.statusCode, `${route} ${res.body}`).toBe(403);
      expect(res.json().permission, route).toBe('customer.view');
    }
  });

  it('empty dates say they are empty', async () => {
    const cases: [string, string, string, string][] = [
      ['noSaleSince', 'date_parameter_empty', 'a date as YYYY-MM-DD, for example 2024-03-31', 'une date au format AAAA-MM-JJ, par exemple 2024-03-31'],
      ['createdFrom', 'date_parameter_empty', 'a date as YYYY-MM-DD, for example 2024-03-31', 'une date au format AAAA-MM-JJ, par exemple 2024-03-31'],
      ['createdTo', 'date_parameter_empty', 'a date as YYYY-MM-DD, for example 2024-03-31', 'une date au format AAAA-MM-JJ, par exemple 2024-03-31'],
      ['birthdayFrom', 'month_day_parameter_empty', 'a day of the year as MM-DD, for example 12-24', 'un jour de l’année au format MM-JJ, par exemple 12-24'],
      ['birthdayTo', 'month_day_parameter_empty', 'a day of the year as MM-DD, for example 12-24', 'un jour de l’année au format MM-JJ, par exemple 12-24'],
    ];
    for (const [parameter, code, english, french] of cases) {
      for (const route of ['/api/v1/contacts', '/api/v1/contacts/totals', '/api/v1/contacts/export']) {
        for (const value of ['', '%20']) {
          const url = `${route}?${parameter}=${value}`;
          const en = await t.api('GET', url, undefined, { 'accept-language': 'en' });
          expect(en.statusCode, url).toBe(422);
          expect(en.json().errors, url).toEqual([
            { path: parameter, code, message: `${parameter} is empty: give ${english}, or leave ${parameter} out.` },
          ]);
          const fr = await t.api('GET', url, undefined, { 'accept-language': 'fr' });
          expect(fr.json().errors[0].message, url).toBe(`${parameter} est vide : indiquez ${french}, ou retirez ${parameter}.`);
        }
      }
    }
  });

  it('repeated parameter is named once', async () => {
    const res = await t.api('GET', '/api/v1/contacts?type=customer&type=supplier&customField[custom1]=a&customField[custom1]=b', undefined, {
      'accept-language': 'en',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { path: 'type', code: 'parameter_repeated', message: 'type appears 2 times in the address (customer, supplier): keep only one value.' },
      {
        path: 'customField[custom1]',
        code: 'parameter_repeated',
        message: 'customField[custom1] appears 2 times in the address (a, b): keep only one value.',
      },
    ]);
  });

  it('totals cover every filtered contact', async () => {
    const res = await t.api('GET', '/api/v1/contacts/totals?type=customer');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ count: 7, receivable: '145.00', payable: '0.00', advance: '30.00' });
    const overdue = await t.api('GET', '/api/v1/contacts/totals?overdue=true');
    expect(overdue.json()).toEqual({ count: 1, receivable: '100.00', payable: '0.00', advance: '0.00' });
  });

  it('totals reject paging parameters', async () => {
    const res = await t.api('GET', '/api/v1/contacts/totals?limit=5');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('limit');
  });
});
