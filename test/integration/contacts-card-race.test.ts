/**
 * Two saves of two writings of one new loyalty card (`FID-7001` and
 * `fid 7001`) at the same moment: exactly one is saved, and the other gets
 * the `duplicate_loyalty_card` error that a save after it would get. The
 * unique index compares exact numbers only, so the card check must not run
 * in both transactions before either commits.
 *
 * The creates type their codes, because a generated code locks the code
 * counter until the transaction ends, which would serialise two creates for
 * another reason and hide a race of the card check.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/contacts/create-contact.ts';
import { type ContactKeys, findKeyMatches, loadKeyHolders } from '../../src/contacts/duplicates.ts';
import { loyaltyCardKey } from '../../src/contacts/search/search-terms.ts';
import type { ContactActor } from '../../src/contacts/visibility.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

/** Time a save gets to finish while the other transaction is open, before it counts as waiting. */
const WAIT_MS = 400;

interface Issue {
  path: string;
  code: string;
  message: string;
}

describe.each(engines)('loyalty card race on %s', (engine) => {
  let t: TestApp;
  let actor: ContactActor;
  let serial = 0;

  /** Builds a new customer with a typed code and its own mobile. */
  const person = (firstName: string, extra: Record<string, unknown> = {}) => {
    serial += 1;
    const mobile = `06 51 ${String(serial).padStart(2, '0')} 00 00`;
    return { type: 'customer', kind: 'individual', firstName, lastName: 'Carte', code: `CR-${serial}`, mobile, ...extra };
  };

  const holdersOf = async (card: string) => {
    const rows = await t.database.db.kysely
      .selectFrom('contacts')
      .select(['id', 'loyalty_card_number'])
      .where('business_id', '=', t.business.businessId)
      .where('loyalty_card_number', 'is not', null)
      .execute();
    return rows.filter((row) => loyaltyCardKey(row.loyalty_card_number as string) === loyaltyCardKey(card));
  };

  /**
   * Creates a contact with `card` in a transaction of the use case that stays
   * open while `contend` starts. Returns whether `contend` finished before
   * that transaction committed, and its result.
   */
  const whileCardHeld = async <T>(card: string, contend: () => Promise<T>) => {
    let commit = () => {};
    const committing = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let created = () => {};
    const written = new Promise<void>((resolve) => {
      created = resolve;
    });
    const holder = t.database.db.kysely.transaction().execute(async (trx) => {
      const result = await createContact(trx, actor, person('Première', { loyaltyCardNumber: card }));
      created();
      await committing;
      return result.contact.id;
    });
    await written;
    const contender = contend();
    const finishedEarly = await Promise.race([contender.then(() => true), delay(WAIT_MS).then(() => false)]);
    commit();
    const holderId = await holder;
    return { finishedEarly, holderId, result: await contender };
  };

  const expectCardTaken = (errors: Issue[] | undefined, holderName: string) => {
    expect(errors).toHaveLength(1);
    const [issue] = errors ?? [];
    expect(issue?.path).toBe('loyaltyCardNumber');
    expect(issue?.code).toBe('duplicate_loyalty_card');
    expect(issue?.message).toContain(holderName);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    actor = { businessId: t.business.businessId, userId: t.business.adminUserId, isAdmin: true, permissions: new Set() };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('two creates at once, one saved', async () => {
    for (let round = 0; round < 8; round += 1) {
      const card = `FID-70${round}1`;
      const other = `fid 70${round}1`;
      const answers = await Promise.all([
        t.api('POST', '/api/v1/contacts', person('Alice', { loyaltyCardNumber: card })),
        t.api('POST', '/api/v1/contacts', person('Bruno', { loyaltyCardNumber: other })),
      ]);
      const statuses = answers.map((answer) => answer.statusCode);
      expect([...statuses].sort(), `round ${round}: ${answers.map((answer) => answer.body).join(' ')}`).toEqual([201, 422]);
      const winner = answers.find((answer) => answer.statusCode === 201);
      const loser = answers.find((answer) => answer.statusCode === 422);
      expectCardTaken(loser?.json().errors, winner?.json().name);
      expect(await holdersOf(card), `round ${round}`).toHaveLength(1);
    }
  });

  it('create waits for the open save', async () => {
    const { finishedEarly, holderId, result } = await whileCardHeld('FID-7101', () =>
      t.api('POST', '/api/v1/contacts', person('Bruno', { loyaltyCardNumber: 'fid 7101' })));
    expect(finishedEarly).toBe(false);
    expect(result.statusCode, result.body).toBe(422);
    expectCardTaken(result.json().errors, 'Première Carte');
    expect((await holdersOf('FID-7101')).map((row) => row.id)).toEqual([holderId]);
  });

  it('update waits for the open save', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Chloé'));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const { finishedEarly, holderId, result } = await whileCardHeld('FID-7201', () =>
      t.api('PATCH', `/api/v1/contacts/${id}`, { loyaltyCardNumber: 'fid.7201' }));
    expect(finishedEarly).toBe(false);
    expect(result.statusCode, result.body).toBe(422);
    expectCardTaken(result.json().errors, 'Première Carte');
    expect((await holdersOf('FID-7201')).map((row) => row.id)).toEqual([holderId]);
  });

  it('import waits for the open save', async () => {
    const file = Buffer.from('Nom;Code;Mobile;Carte de fidélité\nDenis Carte;CR-IMPORT;06 51 99 00 00;fid-7301\n', 'utf8');
    const body = multipart(file, 'cartes.csv', { onInvalid: 'skip', matchOn: ['code'] });
    const { finishedEarly, holderId, result } = await whileCardHeld('FID 7301', () =>
      t.api('POST', '/api/v1/imports', body.payload, body.headers));
    expect(finishedEarly).toBe(false);
    expect(result.statusCode, result.body).toBe(201);
    expect(result.json().totals.created).toBe(0);
    const [error] = result.json().errors;
    expect(error?.line).toBe(2);
    expect(error?.code).toBe('import_card_other_person');
    expect(error?.message).toContain('Première Carte');
    expect((await holdersOf('FID 7301')).map((row) => row.id)).toEqual([holderId]);
  });

  it.runIf(engine === 'postgres')('card batch takes one lock', async () => {
    const keysOf = (card: string): ContactKeys => ({
      mobileE164: null, mobileDigits: null, emailKey: null, taxNumberKey: null, loyaltyCardNumber: card, code: null,
    });
    const advisoryLocks = async (trx: typeof t.database.db.kysely) => {
      const { rows } = await sql<{ count: string }>`
        select count(*) as count from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`.execute(trx);
      return Number(rows[0]?.count);
    };
    const businessId = t.business.businessId;
    // One contact's check: the business's lock shared, and one lock per card.
    const single = await t.database.db.kysely.transaction().execute(async (trx) => {
      await findKeyMatches(trx, businessId, keysOf('LOCK-1'), null);
      await findKeyMatches(trx, businessId, keysOf('lock 2'), null);
      return advisoryLocks(trx);
    });
    expect(single).toBe(3);
    // An import of 10,000 cards whose rows then check one at a time: a lock
    // per card would overflow PostgreSQL's lock table and fail the import.
    const batch = await t.database.db.kysely.transaction().execute(async (trx) => {
      const cards = Array.from({ length: 10_000 }, (_, i) => `LOCK-${i}`);
      await loadKeyHolders(trx, businessId, cards.map(keysOf));
      for (const card of cards.slice(0, 200)) await findKeyMatches(trx, businessId, keysOf(card), null);
      return advisoryLocks(trx);
    });
    expect(batch).toBe(1);
  });
});
