/**
 * How an import matches rows to existing contacts: keys tried in order,
 * rows that share a mobile or an e-mail, and the guard against a code,
 * card or tax number that belongs to a person of another name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

type Issue = { line: number; column: string | null; value: string | null; code: string; message: string };

describe.each(engines)('import matching on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Creates a business for one test, so that its contacts start empty. */
  async function shop() {
    const { business, token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const db = t.database.db.kysely;
    const call = (method: 'GET' | 'POST', url: string, payload?: unknown, locale = 'fr') =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, 'accept-language': locale },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
    const create = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/api/v1/contacts', { kind: 'individual', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; code: string; name: string; updatedAt: string };
    };
    const upload = async (file: Buffer | string, name: string, options: Record<string, unknown>, locale = 'fr') => {
      const body = multipart(typeof file === 'string' ? Buffer.from(file, 'utf8') : file, name, options);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { authorization: `Bearer ${token}`, 'accept-language': locale, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; status: string; totals: Record<string, number>; errors: Issue[]; warnings: Issue[] };
    };
    const contacts = () =>
      db.selectFrom('contacts').selectAll().where('business_id', '=', business.businessId).orderBy('code').execute();
    return { business, token, call, create, upload, contacts };
  }

  /** Creates a shop with a couple and a company's staff that share mobiles, and one contact of its own. */
  async function sharedMobiles() {
    const s = await shop();
    await s.create({ firstName: 'Hélène', lastName: 'Morel', mobile: '06 40 00 00 01', email: 'morel@example.fr' });
    await s.create({ firstName: 'Paul', lastName: 'Morel', mobile: '06 40 00 00 01', email: 'morel@example.fr' });
    await s.create({ kind: 'business', businessName: 'Garage Lenoir', mobile: '06 40 00 00 02', loyaltyCardNumber: 'FID-77' });
    await s.create({ kind: 'business', businessName: 'Garage Lenoir – atelier', mobile: '06 40 00 00 02' });
    await s.create({ firstName: 'Inès', lastName: 'Carré', mobile: '06 40 00 00 03', taxNumber: 'FR40303265045' });
    return s;
  }

  for (const format of ['csv', 'xlsx'] as const) {
    it(`own ${format} export re-imports unchanged`, async () => {
      const s = await sharedMobiles();
      const before = await s.contacts();
      const exported = await s.call('GET', `/api/v1/contacts/export?format=${format}`);
      expect(exported.statusCode, exported.body).toBe(200);

      const result = await s.upload(exported.rawPayload, `contacts.${format}`, { mode: 'upsert', matchOn: ['code', 'mobile'] });
      expect(result.errors).toEqual([]);
      expect(result.totals).toEqual({ rows: 5, valid: 5, invalid: 0, created: 0, updated: 0, skipped: 5 });
      const after = await s.contacts();
      expect(after.map((row) => row.updated_at)).toEqual(before.map((row) => row.updated_at));
    });
  }

  it('export matched on every key re-imports unchanged', async () => {
    const s = await sharedMobiles();
    const exported = await s.call('GET', '/api/v1/contacts/export?format=csv');
    const result = await s.upload(exported.rawPayload, 'contacts.csv', { mode: 'upsert' });
    expect(result.errors).toEqual([]);
    expect(result.totals).toMatchObject({ invalid: 0, created: 0, updated: 0, skipped: 5 });
  });

  it('create mode allows shared mobiles and e-mails', async () => {
    const s = await shop();
    const file = 'Nom;Prénom;Mobile;Email\nRoche;Anne;0640000101;roche@example.fr\nRoche;Luc;0640000101;roche@example.fr\n';
    const result = await s.upload(file, 'couple.csv', {});
    expect(result.errors).toEqual([]);
    expect(result.totals).toMatchObject({ rows: 2, valid: 2, invalid: 0, created: 2 });
    expect((await s.contacts()).map((row) => row.name).sort()).toEqual(['Anne Roche', 'Luc Roche']);
    expect(result.warnings.map((warning) => [warning.line, warning.code])).toEqual([[3, 'duplicate_mobile'], [3, 'duplicate_email']]);
    expect(result.warnings[0]?.message).toContain('Anne Roche');
  });

  it('upsert creates two new rows sharing a mobile', async () => {
    const s = await shop();
    const file = 'Nom;Prénom;Mobile\nBrun;Léa;0640000201\nBrun;Tom;0640000201\n';
    const result = await s.upload(file, 'famille.csv', { mode: 'upsert', matchOn: ['code', 'mobile'] });
    expect(result.errors).toEqual([]);
    expect(result.totals).toMatchObject({ valid: 2, created: 2 });
  });

  it('two rows on one contact name both lines', async () => {
    const s = await shop();
    await s.create({ firstName: 'Yves', lastName: 'Lemaire', mobile: '06 40 00 03 01', city: 'Lyon' });
    const file = 'Nom;Prénom;Mobile;Ville\nLemaire;Yves;0640000301;Nantes\nLemaire;Yves;0640000301;Brest\n';
    const result = await s.upload(file, 'deux.csv', { mode: 'upsert', matchOn: ['mobile'], onInvalid: 'skip' });
    expect(result.totals).toMatchObject({ valid: 1, invalid: 1, updated: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ line: 3, code: 'import_same_contact', column: 'Mobile' })]);
    expect(result.errors[0]?.message).toContain('Ligne 3');
    expect(result.errors[0]?.message).toContain('la ligne 2');
    const [contact] = await s.contacts();
    expect(contact?.city).toBe('Nantes');
  });

  it('shared mobile without code is ambiguous', async () => {
    const s = await sharedMobiles();
    const result = await s.upload('Nom;Mobile;Ville\nMorel;0640000001;Lyon\n', 'morel.csv', { mode: 'upsert', matchOn: ['mobile'], onInvalid: 'skip' });
    expect(result.errors).toEqual([expect.objectContaining({ line: 2, code: 'matches_several' })]);
    expect(result.totals).toMatchObject({ invalid: 1, updated: 0 });
  });

  it('later key picks among a shared mobile', async () => {
    const s = await sharedMobiles();
    const result = await s.upload('Nom;Mobile;Carte de fidélité;Ville\nGarage Lenoir;0640000002;FID-77;Rouen\n', 'garage.csv', {
      mode: 'upsert', matchOn: ['mobile', 'loyaltyCardNumber'],
    });
    expect(result.errors).toEqual([]);
    expect(result.totals).toMatchObject({ updated: 1 });
    const garage = (await s.contacts()).find((row) => row.loyalty_card_number === 'FID-77');
    expect(garage?.city).toBe('Rouen');
  });

  describe('key of another person', () => {
    /** Creates a shop whose contact 1 is Marie Curie, as a file from other software numbers its customers. */
    async function numbered() {
      const s = await shop();
      const curie = await s.create({ firstName: 'Marie', lastName: 'Curie', mobile: '06 40 00 04 01', code: '1', city: 'Paris' });
      return { ...s, curie };
    }
    const foreign = 'Customer ID;Last name;First name;Mobile;City\n1;Dupont;Jean;0640000402;Lille\n';

    it('upsert by code refuses another name', async () => {
      const s = await numbered();
      const result = await s.upload(foreign, 'old.csv', { mode: 'upsert', matchOn: ['code'] });
      expect(result.status).toBe('failed');
      expect(result.errors).toEqual([
        expect.objectContaining({ line: 2, column: 'Customer ID', value: '1', code: 'import_code_other_person' }),
      ]);
      expect(result.errors[0]?.message).toContain('« 1 »');
      expect(result.errors[0]?.message).toContain('Marie Curie');
      expect(result.errors[0]?.message).toContain('retirez la colonne du code');
      const [contact] = await s.contacts();
      expect(contact?.name).toBe('Marie Curie');
      expect(contact?.city).toBe('Paris');
    });

    it('message is in English too', async () => {
      const s = await numbered();
      const result = await s.upload(foreign, 'old.csv', { mode: 'upsert', matchOn: ['code'], dryRun: true }, 'en');
      expect(result.status).toBe('previewed');
      expect(result.errors[0]?.message).toBe(
        'Line 2, column “Customer ID”: Code “1” already belongs to Marie Curie, another person than this row’s: ' +
          'leave the code column out of the import so that Comptoir gives new codes, or correct the value.',
      );
    });

    it('skip leaves the row out', async () => {
      const s = await numbered();
      const file = `${foreign}2;Martin;Léa;0640000403;Lille\n`;
      const result = await s.upload(file, 'old.csv', { mode: 'upsert', matchOn: ['code'], onInvalid: 'skip' });
      expect(result.totals).toMatchObject({ rows: 2, valid: 1, invalid: 1, created: 1, updated: 0 });
      expect((await s.contacts()).map((row) => row.name)).toEqual(['Marie Curie', 'Léa Martin']);
    });

    it('same name in other case and accents updates', async () => {
      const s = await numbered();
      const file = 'N° client;Nom;Prénom;Ville\n1; CURIE ;marie;Sceaux\n';
      const result = await s.upload(file, 'old.csv', { mode: 'upsert', matchOn: ['code'] });
      expect(result.errors).toEqual([]);
      expect(result.totals).toMatchObject({ updated: 1 });
      const whole = await s.upload('Code;Nom complet;Ville\n1;Curie Marie;Antony\n', 'whole.csv', { mode: 'upsert', matchOn: ['code'] });
      expect(whole.errors).toEqual([]);
      expect(whole.totals).toMatchObject({ updated: 1 });
    });

    it('row without a name updates', async () => {
      const s = await numbered();
      const result = await s.upload('Code;Ville\n1;Orsay\n', 'villes.csv', { mode: 'upsert', matchOn: ['code'] });
      expect(result.errors).toEqual([]);
      expect((await s.contacts())[0]?.city).toBe('Orsay');
    });

    it('create mode names the owner of the code', async () => {
      const s = await numbered();
      const matched = await s.upload(foreign, 'old.csv', { onInvalid: 'skip' });
      expect(matched.errors).toEqual([expect.objectContaining({ line: 2, code: 'import_code_other_person' })]);
      expect(matched.errors[0]?.message).toContain('Marie Curie');
      const unmatched = await s.upload(foreign, 'old.csv', { matchOn: ['mobile'], onInvalid: 'skip' });
      expect(unmatched.errors).toEqual([expect.objectContaining({ line: 2, column: 'Customer ID', code: 'import_code_other_person' })]);
      expect(unmatched.errors[0]?.message).toContain('Marie Curie');
      expect(await s.contacts()).toHaveLength(1);
    });

    it('create mode skips the same person', async () => {
      const s = await numbered();
      const result = await s.upload('Code;Nom;Prénom\n1;Curie;Marie\n', 'same.csv', {});
      expect(result.totals).toMatchObject({ valid: 1, skipped: 1, created: 0 });
      expect(result.warnings[0]?.message).toContain('Marie Curie');
    });

    it('card and tax number of another person', async () => {
      const s = await shop();
      await s.create({ firstName: 'Inès', lastName: 'Carré', mobile: '06 40 00 05 01', taxNumber: 'FR40303265045', loyaltyCardNumber: 'C-9' });
      const file = 'Nom;Prénom;Carte de fidélité;Numéro de TVA\nFaure;Marc;C-9;\nFaure;Marc;;FR40303265045\n';
      const result = await s.upload(file, 'cartes.csv', { mode: 'upsert', matchOn: ['loyaltyCardNumber', 'taxNumber'], onInvalid: 'skip' });
      expect(result.errors.map((issue) => [issue.line, issue.code])).toEqual([
        [2, 'import_card_other_person'],
        [3, 'import_tax_number_other_person'],
      ]);
      expect(result.errors[0]?.message).toContain('Inès Carré');
    });

    it('card in another writing', async () => {
      const s = await shop();
      await s.create({ firstName: 'Inès', lastName: 'Carré', mobile: '06 40 00 05 01', loyaltyCardNumber: 'C-9' });
      const file = 'Nom;Prénom;Mobile;Carte de fidélité\nFaure;Marc;0640000502;c 9\nRoux;Léa;0640000503;C-10\nRoux;Léon;0640000504;c.10\n';
      const result = await s.upload(file, 'cartes.csv', { matchOn: ['mobile'], onInvalid: 'skip' });
      expect(result.errors.map((issue) => [issue.line, issue.code])).toEqual([
        [2, 'import_card_other_person'],
        [4, 'duplicate_in_file'],
      ]);
      expect(result.errors[0]?.message).toContain('Inès Carré');
      expect(result.totals).toMatchObject({ created: 1, invalid: 2 });
    });

    it('card in another writing matches', async () => {
      const s = await shop();
      const ines = await s.create({ firstName: 'Inès', lastName: 'Carré', mobile: '06 40 00 05 01', loyaltyCardNumber: 'C-9' });
      const file = 'Nom;Prénom;Carte de fidélité;Ville\nCarré;Inès;c 9;Rouen\n';
      const result = await s.upload(file, 'cartes.csv', { mode: 'upsert', matchOn: ['loyaltyCardNumber'] });
      expect(result.errors).toEqual([]);
      expect(result.totals).toMatchObject({ updated: 1, created: 0 });
      const [contact] = await s.contacts();
      expect(contact?.id).toBe(ines.id);
      expect(contact?.city).toBe('Rouen');
    });

    it('hides the owner from a view-own user', async () => {
      const { token } = await t.addUser(['customer.view_own', 'customer.create', 'customer.update'], 'Vendeur');
      const code = `V${Math.random().toString(36).slice(2, 8)}`;
      const admin = await t.api('POST', '/api/v1/contacts', { kind: 'individual', firstName: 'Agathe', lastName: 'Secret', mobile: '06 40 00 06 01', code });
      expect(admin.statusCode, admin.body).toBe(201);
      const file = `Code;Nom;Prénom;Mobile\n${code};Autre;Bob;0640000602\n`;
      for (const options of [{ mode: 'upsert', matchOn: ['code'] }, { matchOn: ['mobile'] }, {}]) {
        const body = multipart(Buffer.from(file, 'utf8'), 'vendeur.csv', { ...options, dryRun: true });
        const preview = await t.app.inject({
          method: 'POST', url: '/api/v1/imports', headers: { authorization: `Bearer ${token}`, ...body.headers }, payload: body.payload,
        });
        expect(preview.statusCode, preview.body).toBe(201);
        const [issue] = preview.json().errors as Issue[];
        expect(issue?.code, JSON.stringify(options)).toBe('import_code_other_person');
        expect(issue?.message).toContain('un autre contact');
        expect(issue?.message).not.toContain('Secret');
      }
      const same = multipart(Buffer.from(`Code;Nom;Prénom\n${code};Secret;Agathe\n`, 'utf8'), 'vendeur.csv', { dryRun: true });
      const skipped = await t.app.inject({
        method: 'POST', url: '/api/v1/imports', headers: { authorization: `Bearer ${token}`, ...same.headers }, payload: same.payload,
      });
      expect(skipped.json().warnings[0]?.code).toBe('import_existing_hidden');
      expect(skipped.json().warnings[0]?.message).not.toContain('Secret');
    });
  });
});
