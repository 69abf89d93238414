/**
 * Walks every operation of the OpenAPI document with a query parameter that
 * the operation does not declare, with a value outside a declared
 * parameter's list, with an empty value of a list, number or date
 * parameter, and with a number parameter that is no whole number. Each is
 * rejected with 422 and an issue that names the parameter and what is
 * accepted, in French and in English. Every message about a query parameter
 * names it and repeats its value, shortened and without control characters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: {
    enum?: unknown[];
    type?: string;
    format?: string;
    minimum?: number;
    maximum?: number;
    maxLength?: number;
    default?: unknown;
  };
}

interface Operation {
  method: string;
  path: string;
  query: Parameter[];
}

interface Issue {
  path: string;
  code: string;
  message: string;
}

const unknownId = '01900000-0000-7000-8000-000000000000';

/** Parameters whose value picks from a fixed list; each must be documented as an enum. */
const listParameters = new Set(['sort', 'order', 'status', 'type', 'format', 'lang', 'channel', 'reason', 'event', 'separator', 'decimal', 'dateFormat']);

describe.each(engines)('query parameters on %s', (engine) => {
  let t: TestApp;
  let operations: Operation[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((parameter) => parameter.in === 'query'),
      })),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Calls an operation in both languages with `query` and returns the issues of each response, or null after adding the failure to `wrong`. */
  async function issuesOf(op: Operation, query: string, wrong: string[]): Promise<{ fr: Issue[]; en: Issue[] } | null> {
    const url = `${op.path.replace(/\{[^}]+\}/g, unknownId)}?${query}`;
    const answers: Record<'fr' | 'en', Issue[]> = { fr: [], en: [] };
    for (const locale of ['fr', 'en'] as const) {
      const res = await t.api(op.method as 'GET', url, undefined, { 'accept-language': locale });
      if (res.statusCode !== 422 || res.json().code !== 'validation_failed') {
        wrong.push(`${op.method} ${op.path}?${query} → ${res.statusCode} ${res.body.slice(0, 100)}`);
        return null;
      }
      answers[locale] = res.json().errors;
    }
    return answers;
  }

  it('unknown parameter is rejected everywhere', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const answers = await issuesOf(op, 'unexpected=sentinelle', wrong);
      if (!answers) continue;
      const key = `${op.method} ${op.path}`;
      for (const locale of ['fr', 'en'] as const) {
        const issues = answers[locale];
        const issue = issues[0];
        if (issues.length !== 1 || issue?.path !== 'unexpected') {
          wrong.push(`${key} [${locale}]: ${JSON.stringify(issues)}`);
          continue;
        }
        const expectedCode = op.query.length === 0 ? 'no_query_parameters' : 'unknown_parameter';
        if (issue.code !== expectedCode) wrong.push(`${key} [${locale}]: code ${issue.code}, expected ${expectedCode}`);
        if (!issue.message.includes('unexpected')) wrong.push(`${key} [${locale}]: message does not name the parameter: ${issue.message}`);
        if (!issue.message.includes('sentinelle')) wrong.push(`${key} [${locale}]: message does not show the value: ${issue.message}`);
        const unlisted = op.query.filter((parameter) => !issue.message.includes(parameter.name));
        if (unlisted.length > 0) wrong.push(`${key} [${locale}]: message leaves out ${unlisted.map((p) => p.name).join(', ')}`);
      }
      if (answers.fr[0]?.message === answers.en[0]?.message) wrong.push(`${key}: same message in French and English`);
    }
    expect(wrong).toEqual([]);
    expect(operations.length).toBeGreaterThan(150);
  });

  it('value outside its list is rejected', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const parameter of op.query.filter((p) => p.schema?.enum)) {
        checked += 1;
        const answers = await issuesOf(op, `${encodeURIComponent(parameter.name)}=hors-liste`, wrong);
        if (!answers) continue;
        const key = `${op.path}?${parameter.name}`;
        for (const locale of ['fr', 'en'] as const) {
          const issue = answers[locale].find((candidate) => candidate.path === parameter.name);
          if (!issue) {
            wrong.push(`${key} [${locale}]: no issue at ${parameter.name}: ${JSON.stringify(answers[locale])}`);
            continue;
          }
          if (issue.code !== 'invalid_enum') wrong.push(`${key} [${locale}]: code ${issue.code}`);
          if (!issue.message.includes('hors-liste')) wrong.push(`${key} [${locale}]: message does not show the value: ${issue.message}`);
          if (!issue.message.startsWith(parameter.name)) wrong.push(`${key} [${locale}]: message does not name the parameter: ${issue.message}`);
          const unlisted = (parameter.schema?.enum ?? []).map(String).filter((value) => !issue.message.includes(value));
          if (unlisted.length > 0) wrong.push(`${key} [${locale}]: message leaves out ${unlisted.join(', ')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('empty list value is rejected', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const parameter of op.query.filter((p) => p.schema?.enum)) {
        checked += 1;
        const answers = await issuesOf(op, `${encodeURIComponent(parameter.name)}=`, wrong);
        if (!answers) continue;
        const key = `${op.path}?${parameter.name}=`;
        const allowed = (parameter.schema?.enum ?? []).map(String).join(', ');
        const expected = {
          fr: `${parameter.name} est vide : indiquez l’une des valeurs ${allowed}.`,
          en: `${parameter.name} is empty: give one of ${allowed}.`,
        };
        for (const locale of ['fr', 'en'] as const) {
          const issue = answers[locale].find((candidate) => candidate.path === parameter.name);
          if (issue?.code !== 'enum_empty') wrong.push(`${key} [${locale}]: ${JSON.stringify(answers[locale])}`);
          else if (issue.message !== expected[locale]) wrong.push(`${key} [${locale}]: ${issue.message}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('empty number is rejected', async () => {
    const wrong: string[] = [];
    const checked: string[] = [];
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const parameter of op.query.filter((p) => p.schema?.type === 'integer' || p.schema?.type === 'number')) {
        checked.push(`${op.path}?${parameter.name}`);
        const { minimum, maximum } = parameter.schema ?? {};
        if (minimum === undefined || maximum === undefined || parameter.schema?.default === undefined) {
          wrong.push(`${op.path}?${parameter.name}: documented without a range and a default: ${JSON.stringify(parameter.schema)}`);
          continue;
        }
        for (const value of ['', '%20']) {
          const answers = await issuesOf(op, `${encodeURIComponent(parameter.name)}=${value}`, wrong);
          if (!answers) continue;
          const key = `${op.path}?${parameter.name}=${value}`;
          const range = { fr: `de ${minimum} à ${maximum}`, en: `from ${minimum} to ${maximum}` };
          const fallback = String(parameter.schema?.default);
          const expected = {
            fr: `${parameter.name} est vide : indiquez un nombre entier ${range.fr}, ou retirez ${parameter.name} pour obtenir ${fallback}.`,
            en: `${parameter.name} is empty: give a whole number ${range.en}, or leave ${parameter.name} out to get ${fallback}.`,
          };
          for (const locale of ['fr', 'en'] as const) {
            const issue = answers[locale].find((candidate) => candidate.path === parameter.name);
            if (issue?.code !== 'number_empty') wrong.push(`${key} [${locale}]: ${JSON.stringify(answers[locale])}`);
            else if (issue.message !== expected[locale]) wrong.push(`${key} [${locale}]: ${issue.message}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    for (const route of ['/api/v1/contacts?limit', '/api/v1/contacts/lookup?limit', '/api/v1/contacts/duplicates?limit']) {
      expect(checked).toContain(route);
    }
  });

  it('number that is no whole number is rejected', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const parameter of op.query.filter((p) => p.schema?.type === 'integer' || p.schema?.type === 'number')) {
        checked += 1;
        const { minimum, maximum } = parameter.schema ?? {};
        const fallback = String(parameter.schema?.default);
        for (const value of ['abc', '1.5']) {
          const answers = await issuesOf(op, `${encodeURIComponent(parameter.name)}=${value}`, wrong);
          if (!answers) continue;
          const key = `${op.path}?${parameter.name}=${value}`;
          const expected = {
            fr: `${parameter.name} : « ${value} » n’est pas un nombre entier. Indiquez un nombre entier de ${minimum} à ${maximum}, ou retirez ${parameter.name} pour obtenir ${fallback}.`,
            en: `${parameter.name}: “${value}” is not a whole number. Give a whole number from ${minimum} to ${maximum}, or leave ${parameter.name} out to get ${fallback}.`,
          };
          for (const locale of ['fr', 'en'] as const) {
            const issue = answers[locale].find((candidate) => candidate.path === parameter.name);
            if (issue?.code !== 'number_not_integer') wrong.push(`${key} [${locale}]: ${JSON.stringify(answers[locale])}`);
            else if (issue.message !== expected[locale]) wrong.push(`${key} [${locale}]: ${issue.message}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('empty date is rejected', async () => {
    const wrong: string[] = [];
    const checked: string[] = [];
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const parameter of op.query.filter((p) => p.schema?.format === 'date')) {
        checked.push(`${op.path}?${parameter.name}`);
        const name = parameter.name;
        // An optional date may also be left out, and its message offers that.
        const expected = parameter.required
          ? {
              code: 'date_empty',
              fr: `${name} est vide : indiquez une date au format AAAA-MM-JJ, par exemple 2024-03-31.`,
              en: `${name} is empty: give a date as YYYY-MM-DD, for example 2024-03-31.`,
            }
          : {
              code: 'date_parameter_empty',
              fr: `${name} est vide : indiquez une date au format AAAA-MM-JJ, par exemple 2024-03-31, ou retirez ${name}.`,
              en: `${name} is empty: give a date as YYYY-MM-DD, for example 2024-03-31, or leave ${name} out.`,
            };
        for (const value of ['', '%20']) {
          const answers = await issuesOf(op, `${encodeURIComponent(name)}=${value}`, wrong);
          if (!answers) continue;
          const key = `${op.path}?${name}=${value}`;
          for (const locale of ['fr', 'en'] as const) {
            const issue = answers[locale].find((candidate) => candidate.path === name);
            if (issue?.code !== expected.code) wrong.push(`${key} [${locale}]: ${JSON.stringify(answers[locale])}`);
            else if (issue.message !== expected[locale]) wrong.push(`${key} [${locale}]: ${issue.message}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    for (const route of [
      '/api/v1/contacts?createdFrom', '/api/v1/contacts?noSaleSince', '/api/v1/contacts/totals?createdTo',
      '/api/v1/contacts/export?createdFrom', '/api/v1/sales?from', '/api/v1/reports/sales-by-customer-group?to',
    ]) {
      expect(checked).toContain(route);
    }
  });

  it('repeated parameter is rejected once', async () => {
    const cases = ['/api/v1/contacts?type=customer&type=both', '/api/v1/sales?limit=5&limit=10', '/api/v1/contacts/duplicates?reason=email&reason=name'];
    for (const url of cases) {
      const params = new URL(url, 'http://x').searchParams;
      const name = params.keys().next().value as string;
      const values = params.getAll(name).join(', ');
      const english = await t.api('GET', url, undefined, { 'accept-language': 'en' });
      expect(english.statusCode, url).toBe(422);
      expect(english.json().errors, url).toEqual([
        { path: name, code: 'parameter_repeated', message: `${name} appears 2 times in the address (${values}): keep only one value.` },
      ]);
      const french = await t.api('GET', url, undefined, { 'accept-language': 'fr' });
      expect(french.json().errors[0].message, url).toBe(`${name} figure 2 fois dans l’adresse (${values}) : gardez-en une seule valeur.`);
    }
  });

  it('list parameters are documented as enums', () => {
    const free = operations.flatMap((op) =>
      op.query.filter((p) => listParameters.has(p.name) && !p.schema?.enum).map((p) => `${op.method} ${op.path}?${p.name}`),
    );
    expect(free).toEqual([]);
  });

  it('custom field filter keys still pass', async () => {
    const res = await t.api('GET', '/api/v1/contacts?customField[custom1]=rouge');
    expect(res.statusCode, res.body).toBe(200);
    const wrongField = await t.api('GET', '/api/v1/contacts?customField[custom42]=rouge');
    expect(wrongField.statusCode).toBe(422);
    expect(wrongField.json().errors[0].code).toBe('invalid_enum');
  });
  it('too long text names the parameter and its start', async () => {
    const wrong: string[] = [];
    const checked: string[] = [];
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const parameter of op.query.filter((p) => p.schema?.type === 'string' && p.schema.maxLength !== undefined)) {
        checked.push(`${op.path}?${parameter.name}`);
        const value = 'é'.repeat((parameter.schema?.maxLength ?? 0) + 1);
        const answers = await issuesOf(op, `${encodeURIComponent(parameter.name)}=${encodeURIComponent(value)}`, wrong);
        if (!answers) continue;
        const shown = `${'é'.repeat(59)}…`;
        const max = parameter.schema?.maxLength;
        const expected = {
          fr: `${parameter.name} : « ${shown} » est trop long, ${max} caractères au maximum. Raccourcissez-le.`,
          en: `${parameter.name}: “${shown}” is too long, at most ${max} characters. Shorten it.`,
        };
        for (const locale of ['fr', 'en'] as const) {
          const issue = answers[locale].find((candidate) => candidate.path === parameter.name);
          if (issue?.code !== 'too_long') wrong.push(`${op.path}?${parameter.name} [${locale}]: ${JSON.stringify(answers[locale]).slice(0, 300)}`);
          else if (issue.message !== expected[locale]) wrong.push(`${op.path}?${parameter.name} [${locale}]: ${issue.message}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    for (const route of ['/api/v1/contacts?q', '/api/v1/contacts?cursor', '/api/v1/contacts/totals?customerGroupId', '/api/v1/products?q']) {
      expect(checked).toContain(route);
    }
  });

  it('control characters never reach a message', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const parameter of op.query.filter((p) => p.schema?.type === 'string' && !p.schema.enum && !p.schema.format)) {
        checked += 1;
        const answers = await issuesOf(op, `${encodeURIComponent(parameter.name)}=ab%07c%E2%80%AEd`, wrong);
        if (!answers) continue;
        const expected = {
          fr: `${parameter.name} : « ab�c�d » contient un caractère de contrôle invisible (U+0007), montré ici par �. Retirez-le.`,
          en: `${parameter.name}: “ab�c�d” contains an invisible control character (U+0007), shown here as �. Remove it.`,
        };
        for (const locale of ['fr', 'en'] as const) {
          const issue = answers[locale].find((candidate) => candidate.path === parameter.name);
          if (issue?.message !== expected[locale]) wrong.push(`${op.path}?${parameter.name} [${locale}]: ${JSON.stringify(answers[locale])}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('bad cursor names its value', async () => {
    const wrong: string[] = [];
    const checked: string[] = [];
    const value = `pas-un-curseur-${'x'.repeat(80)}`;
    const shown = { fr: `« ${value.slice(0, 59)}… »`, en: `“${value.slice(0, 59)}…”` };
    for (const op of operations.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      if (!op.query.some((parameter) => parameter.name === 'cursor')) continue;
      checked.push(op.path);
      for (const locale of ['fr', 'en'] as const) {
        const res = await t.api('GET', `${op.path}?cursor=${value}`, undefined, { 'accept-language': locale });
        const body = res.json() as { detail: string; errors?: Issue[] };
        // Lists that check their cursor beside their other parameters return 422, the others 400.
        const message = res.statusCode === 422 ? body.errors?.find((issue) => issue.path === 'cursor')?.message : body.detail;
        if (res.statusCode !== 400 && res.statusCode !== 422) wrong.push(`${op.path} [${locale}]: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (!message?.includes('cursor') || !message.includes(shown[locale])) wrong.push(`${op.path} [${locale}]: ${message}`);
      }
    }
    expect(wrong).toEqual([]);
    for (const route of ['/api/v1/contacts', '/api/v1/contacts/duplicates', '/api/v1/users', '/api/v1/payments', '/api/v1/sales']) {
      expect(checked).toContain(route);
    }
  });
  it('missing id names its parameter', async () => {
    const contact = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'individual', firstName: 'Ana', mobile: '06 12 34 56 70' });
    expect(contact.statusCode, contact.body).toBe(201);
    const templates = await t.api('GET', '/api/v1/message-templates');
    const templateId = (templates.json() as { items: { id: string }[] }).items[0]?.id;
    expect(templateId).toBeDefined();
    const contactId = contact.json().id as string;
    const cases: [string, { fr: string; en: string }][] = [
      [`/api/v1/message-templates/${templateId}/preview?contactId=inconnu`, {
        fr: 'Introuvable : contact (contactId=« inconnu »). Vérifiez l’identifiant.',
        en: 'Not found: contact (contactId=“inconnu”). Check the id.',
      }],
      [`/api/v1/message-templates/${templateId}/preview?contactId=${contactId}&documentId=inconnu`, {
        fr: 'Introuvable : document (documentId=« inconnu »). Vérifiez l’identifiant.',
        en: 'Not found: document (documentId=“inconnu”). Check the id.',
      }],
      [`/api/v1/contacts/${contactId}/whatsapp-link?templateId=inconnu`, {
        fr: 'Introuvable : modèle de message (templateId=« inconnu »). Vérifiez l’identifiant.',
        en: 'Not found: message template (templateId=“inconnu”). Check the id.',
      }],
    ];
    for (const [url, detail] of cases) {
      for (const locale of ['fr', 'en'] as const) {
        const res = await t.api('GET', url, undefined, { 'accept-language': locale });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().detail, `${url} [${locale}]`).toBe(detail[locale]);
      }
    }
    // An id in the path is named by the address itself, so its 404 keeps the plain wording.
    const path = await t.api('GET', '/api/v1/message-templates/inconnu/preview?contactId=inconnu', undefined, { 'accept-language': 'en' });
    expect(path.json().detail).toBe('Not found: message template. Check the id or the address.');
  });
});
