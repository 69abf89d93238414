import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadDemoShop } from '../../src/cli/demo.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { findDuplicates } from '../../src/contacts/merge/find-duplicates.ts';
import { addDays, todayIn } from '../../src/ledger/dates.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { runReminders } from '../../src/messages/run-reminders.ts';
import { nowIso } from '../../src/shared/ids.ts';
import { comptoirEntry } from '../helpers/cli.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

const run = promisify(execFile);

describe.each(engines)('demo shop on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('loads contacts whose balances equal their ledger', async () => {
    const result = await loadDemo(database.db.kysely, {
      email: `demo.${engine}@comptoir.test`, password: 'demo comptoir 2026', contacts: 40, seed: 7,
    });
    expect(result.contacts).toBe(40);
    const db = database.db.kysely;
    const contacts = await db.selectFrom('contacts').where('business_id', '=', result.businessId)
      .select(['id', 'balance', 'opening_balance', 'mobile_e164', 'code']).execute();
    expect(contacts).toHaveLength(40);
    expect(contacts.every((c) => c.mobile_e164?.startsWith('+'))).toBe(true);
    expect(new Set(contacts.map((c) => c.code)).size).toBe(40);
    const withOpening = contacts.filter((c) => c.opening_balance !== 0);
    expect(withOpening.length).toBeGreaterThan(0);
    for (const contact of contacts) {
      const sums = await db.selectFrom('ledger_entries').where('contact_id', '=', contact.id)
        .select((eb) => [eb.fn.sum<number>('debit').as('debit'), eb.fn.sum<number>('credit').as('credit')])
        .executeTakeFirstOrThrow();
      expect(Number(sums.debit ?? 0) - Number(sums.credit ?? 0)).toBe(Number(contact.balance));
    }
    const report = await verifyLedger(db);
    expect(report.differences).toEqual([]);
  });

  it('has a history of trade', async () => {
    const db = database.db.kysely;
    const business = await db.selectFrom('businesses').select('id').executeTakeFirstOrThrow();
    const today = todayIn('Europe/Paris');
    const documents = await db.selectFrom('documents').where('business_id', '=', business.id)
      .select(['type', 'date']).execute();
    const sales = documents.filter((d) => d.type === 'sale');
    expect(sales.length).toBeGreaterThanOrEqual(40);
    expect(documents.filter((d) => d.type === 'purchase').length).toBeGreaterThan(0);
    expect(documents.every((d) => d.date < today)).toBe(true);
    expect(sales.some((d) => d.date < addDays(today, -90))).toBe(true);

    const payments = await db.selectFrom('payments').where('business_id', '=', business.id).select('id').execute();
    expect(payments.length).toBeGreaterThan(0);

    const openItems = await db.selectFrom('open_items').where('business_id', '=', business.id)
      .where('status', '=', 'open').where('side', '=', 'debit').select(['contact_id', 'due_date', 'kind']).execute();
    const overdue = new Set(openItems.filter((i) => i.due_date < today).map((i) => i.contact_id));
    const notYetDue = new Set(openItems.filter((i) => i.due_date >= today).map((i) => i.contact_id));
    expect(overdue.size).toBeGreaterThan(0);
    expect(notYetDue.size).toBeGreaterThan(0);
    expect(openItems.some((i) => i.kind === 'opening_balance' && i.due_date < today)).toBe(true);
  });

  it('has group members, points and duplicates', async () => {
    const db = database.db.kysely;
    const business = await db.selectFrom('businesses').select('id').executeTakeFirstOrThrow();
    const members = await db.selectFrom('contacts').where('business_id', '=', business.id)
      .where('customer_group_id', 'is not', null).select('id').execute();
    expect(members.length).toBeGreaterThan(0);

    const lots = await db.selectFrom('loyalty_lots').where('business_id', '=', business.id).select('id').execute();
    expect(lots.length).toBeGreaterThan(0);

    const admin = await db.selectFrom('users').where('business_id', '=', business.id).select('id').executeTakeFirstOrThrow();
    const actor = { businessId: business.id, userId: admin.id, isAdmin: true, permissions: new Set<string>() };
    const { items } = await findDuplicates(db, actor, { limit: 50 });
    const reasons = new Set(items.map((group) => group.reason));
    expect(reasons.has('mobile') || reasons.has('email')).toBe(true);
  });

  it('gives the same shop for the same seed', async () => {
    const again = await createTestDatabase(engine);
    try {
      const first = await loadDemo(again.db.kysely, { email: 'a@comptoir.test', password: 'demo comptoir 2026', contacts: 10, seed: 7 });
      const names = await again.db.kysely.selectFrom('contacts').where('business_id', '=', first.businessId)
        .select('name').orderBy('code').execute();
      const original = await database.db.kysely.selectFrom('contacts').select('name').orderBy('code').limit(10).execute();
      expect(names).toEqual(original);
    } finally {
      await again.drop();
    }
  });

  it('gives suppliers no customer fields', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      // With seed 1, the 33rd contact copies a supplier after its own sample drew a credit limit and a group.
      const result = await loadDemo(fresh.db.kysely, { email: 'suppliers@comptoir.test', password: 'demo comptoir 2026', contacts: 40, seed: 1 });
      const suppliers = await fresh.db.kysely.selectFrom('contacts').where('business_id', '=', result.businessId)
        .where('type', '=', 'supplier')
        .select(['code', 'credit_limit', 'customer_group_id', 'loyalty_card_number']).execute();
      expect(suppliers.length).toBeGreaterThan(0);
      expect(suppliers.filter((supplier) => supplier.credit_limit !== null)).toEqual([]);
      expect(suppliers.filter((supplier) => supplier.customer_group_id !== null)).toEqual([]);
      expect(suppliers.filter((supplier) => supplier.loyalty_card_number !== null)).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it('demo command adds reminder levels', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      const result = await loadDemoShop(fresh.db, { email: 'levels@comptoir.test', password: 'demo comptoir 2026', contacts: 20, seed: 5 });
      const levels = await fresh.db.kysely.selectFrom('reminder_levels').where('business_id', '=', result.businessId)
        .select(['timing', 'is_active']).execute();
      expect(levels.map((level) => level.timing).sort()).toEqual(['after_due', 'before_due']);
      expect(levels.every((level) => Number(level.is_active) === 1)).toBe(true);
    } finally {
      await fresh.drop();
    }
  });

  it('demo in English writes English texts', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      const result = await loadDemoShop(fresh.db, {
        email: 'english@comptoir.test', password: 'demo comptoir 2026', contacts: 40, seed: 7, language: 'en',
      });
      const db = fresh.db.kysely;
      const businessId = result.businessId;
      const business = await db.selectFrom('businesses').where('id', '=', businessId)
        .select(['name', 'locale', 'custom_field_labels']).executeTakeFirstOrThrow();
      expect(business.name).toBe('The Market Grocery');
      expect(business.locale).toBe('en');
      expect(JSON.parse(business.custom_field_labels)).toEqual({ custom1: 'Allergies', custom2: 'Delivery day', custom3: 'Referred by' });
      const admin = await db.selectFrom('users').where('business_id', '=', businessId).select('locale').executeTakeFirstOrThrow();
      expect(admin.locale).toBe('en');

      const levels = await db.selectFrom('reminder_levels').where('business_id', '=', businessId)
        .select('name').orderBy('name').execute();
      expect(levels.map((level) => level.name)).toEqual(['Reminder after the due date', 'Reminder before the due date']);
      const locations = await db.selectFrom('locations').where('business_id', '=', businessId).select('name').orderBy('name').execute();
      expect(locations.map((location) => location.name)).toEqual(['Covered Market', 'Town Centre Shop']);
      const groups = await db.selectFrom('customer_groups').where('business_id', '=', businessId).select('name').orderBy('name').execute();
      expect(groups.map((group) => group.name)).toEqual(['Friends of the shop', 'Trade customers']);
      const products = await db.selectFrom('products').where('business_id', '=', businessId).select('name').execute();
      expect(products.map((product) => product.name)).toContain('Lavender honey (500 g)');
      const loyalty = await db.selectFrom('loyalty_settings').where('business_id', '=', businessId).select('name').executeTakeFirstOrThrow();
      expect(loyalty.name).toBe('Loyalty points');

      const notes = await db.selectFrom('payments').where('business_id', '=', businessId)
        .where('note', 'is not', null).select('note').distinct().orderBy('note').execute();
      expect(notes.map((payment) => payment.note)).toEqual(['Deposit paid before delivery', 'Settlement of the opening balance']);
      const purchaseLines = await db.selectFrom('document_lines')
        .innerJoin('documents', 'documents.id', 'document_lines.document_id')
        .where('documents.business_id', '=', businessId).where('documents.type', '=', 'purchase')
        .select('document_lines.description').distinct().execute();
      expect(purchaseLines.map((line) => line.description)).toEqual(['Restock of goods']);
      const businesses = await db.selectFrom('contacts').where('business_id', '=', businessId).where('kind', '=', 'business')
        .select('name').execute();
      expect(businesses.length).toBeGreaterThan(0);
      for (const contact of businesses) expect(contact.name).toMatch(/ (Grocery|Bakery|Wine Shop|Cheese Shop|Restaurant|Workshop|Dairy|Wine Bar|Brewery|Patisserie|Hardware|Bookshop|Catering|Greengrocer)\b/);
      const fields = await db.selectFrom('contacts').where('business_id', '=', businessId).select('custom_fields').execute();
      const days = new Set(fields.map((contact) => (JSON.parse(contact.custom_fields) as { custom2?: string }).custom2).filter(Boolean));
      expect([...days].sort()).toEqual(['Friday', 'Tuesday']);

      // With email enabled, the levels queue reminders whose subject is in English.
      await db.insertInto('message_channels').values({
        business_id: businessId, channel: 'email', enabled: 1, config: '{}', secrets: null, updated_by: null, updated_at: nowIso(),
      }).execute();
      const run = await runReminders(fresh.db, businessId, todayIn('Europe/Paris'));
      expect(run.messages).toBeGreaterThan(0);
      const messages = await db.selectFrom('messages').where('business_id', '=', businessId).where('origin', '=', 'reminder')
        .select(['locale', 'subject']).execute();
      expect(messages.length).toBe(run.messages);
      for (const message of messages) {
        expect(message.locale).toBe('en');
        expect(message.subject).toMatch(/^Reminder: .+ to pay$/);
      }

      const report = await verifyLedger(db);
      expect(report.differences).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it('English demo keeps the same people', async () => {
    const english = await createTestDatabase(engine);
    try {
      const result = await loadDemo(english.db.kysely, {
        email: 'twin@comptoir.test', password: 'demo comptoir 2026', contacts: 10, seed: 7, language: 'en',
      });
      const people = await english.db.kysely.selectFrom('contacts').where('business_id', '=', result.businessId)
        .select(['kind', 'name', 'mobile', 'city']).orderBy('code').execute();
      const original = await database.db.kysely.selectFrom('contacts')
        .select(['kind', 'name', 'mobile', 'city']).orderBy('code').limit(10).execute();
      expect(people.map(({ kind, mobile, city }) => ({ kind, mobile, city }))).toEqual(original.map(({ kind, mobile, city }) => ({ kind, mobile, city })));
      const individuals = (rows: typeof people) => rows.filter((row) => row.kind === 'individual').map((row) => row.name);
      expect(individuals(people)).toEqual(individuals(original));
    } finally {
      await english.drop();
    }
  });

  it('demo command language follows LANG', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      const entry = await comptoirEntry();
      const env = { ...process.env, COMPTOIR_LOCALE: '', LANG: 'en_GB.UTF-8', DATABASE_URL: fresh.url };
      const cases = [
        { email: 'lang@comptoir.test', options: [], locale: 'en' },
        { email: 'option@comptoir.test', options: ['--language', 'fr'], locale: 'fr' },
      ];
      for (const { email, options, locale } of cases) {
        await run('node', [entry, 'demo', '--contacts', '3', '--email', email, ...options], { env });
        const business = await fresh.db.kysely.selectFrom('businesses').innerJoin('users', 'users.business_id', 'businesses.id')
          .where('users.email', '=', email).select('businesses.locale').executeTakeFirstOrThrow();
        expect(business.locale, email).toBe(locale);
      }
    } finally {
      await fresh.drop();
    }
  });

  it.runIf(engine === 'postgres')('demo command analyses its tables', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      await loadDemoShop(fresh.db, { email: 'stats@comptoir.test', password: 'demo comptoir 2026', contacts: 30, seed: 3 });
      // Without ANALYZE, reltuples stays at the 0 or -1 that the migrations leave.
      const { rows } = await sql<{ relname: string; reltuples: number }>`select relname, reltuples from pg_class
        where relname in ('contacts', 'contact_words') and relkind = 'r'`.execute(fresh.db.kysely);
      const tuples = new Map(rows.map((row) => [row.relname, Number(row.reltuples)]));
      expect(tuples.get('contacts')).toBe(30);
      expect(tuples.get('contact_words')).toBeGreaterThan(30);
    } finally {
      await fresh.drop();
    }
  });
});
