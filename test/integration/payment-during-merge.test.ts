/**
 * A payment reads its contact, then locks it. A merge that deletes the
 * contact in between must give the payment the same 404 `contact_merged`
 * that a later request gets, naming the kept contact.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/ledger/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

/** Runs `between` once, after the first plain read of the contact `id` and before the next statement. */
class AfterContactRead implements KyselyPlugin {
  readonly #reads = new Set<QueryId>();
  #armed = false;
  id = '';

  constructor(private readonly between: () => Promise<void>) {}

  arm(id: string): void {
    this.id = id;
    this.#armed = true;
  }

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    if (!this.#armed || node.kind !== 'SelectQueryNode') return node;
    const text = JSON.stringify(node);
    // The lock is a read with FOR UPDATE, and the merge must run before it.
    const readsContact = text.includes('"contacts"') && text.includes(`"${this.id}"`) && !text.includes('ForUpdate');
    if (readsContact) this.#reads.add(queryId);
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#armed && this.#reads.has(queryId)) {
      this.#armed = false;
      await this.between();
    }
    return result;
  }
}

// SQLite runs one write transaction at a time, so a merge cannot run inside a payment there.
describe.each(engines.filter((engine) => engine === 'postgres'))('payment during a merge on %s', (engine) => {
  let t: TestApp;
  let keptId = '';
  let merged: { statusCode: number; body: string } | null = null;

  const hook = new AfterContactRead(async () => {
    merged = await t.api('POST', '/api/v1/contacts/merge', { keepId: keptId, mergeIds: [hook.id], dryRun: false });
  });

  beforeAll(async () => {
    t = await createTestApp(engine, { plugin: hook });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('payment names the kept contact', async () => {
    const create = async (lastName: string, mobile: string) => {
      const res = await t.api('POST', '/api/v1/contacts', { kind: 'individual', firstName: 'Lucie', lastName, mobile });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; code: string; name: string };
    };
    const keptContact = await create('Garnier', '06 12 40 50 61');
    const mergedAway = await create('Garnier', '06 12 40 50 62');
    keptId = keptContact.id;

    hook.arm(mergedAway.id);
    const today = todayIn('Europe/Paris');
    const payment = await t.api('POST', '/api/v1/payments', { contactId: mergedAway.id, amount: '5.00', method: 'cash', date: today }, { 'accept-language': 'en' });

    expect(merged?.statusCode, merged?.body).toBe(200);
    expect(payment.statusCode, payment.body).toBe(404);
    expect(payment.json().code).toBe('contact_merged');
    expect(payment.json().keptId).toBe(keptContact.id);
    expect(payment.json().detail).toBe(`Contact ${mergedAway.code} was merged into ${keptContact.name} (${keptContact.code}): use that contact instead.`);
  });
});
