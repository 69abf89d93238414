import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import { adminEmail, signIn, type BrowserSession } from '../helpers/auth.ts';
import { engines } from '../helpers/databases.ts';

/** Counts the statements run through Kysely, whichever way they were built. */
class StatementCounter implements KyselyPlugin {
  count = 0;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return args.result;
  }
}

/**
 * The hot read routes run one statement for the caller (session or token,
 * with its user, role and business) and one for the rows of their response. The session's
 * expiry and a token's last use are written at most once a minute, so only
 * the first request of each caller below writes.
 */
describe.each(engines)('statements per request on %s', (engine) => {
  const counter = new StatementCounter();
  let t: TestApp;
  let session: BrowserSession;
  let clerk: ReturnType<typeof asToken>;

  const statementsOf = async (call: () => Promise<{ statusCode: number; body: string }>) => {
    counter.count = 0;
    const res = await call();
    expect(res.statusCode, res.body).toBe(200);
    return counter.count;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { plugin: counter });
    for (const [firstName, lastName, mobile] of [['Marie', 'Martin', '06 12 34 56 78'], ['Marc', 'Dubois', '06 98 76 54 32']]) {
      const res = await t.api('POST', '/api/v1/contacts', { kind: 'individual', firstName, lastName, mobile });
      expect(res.statusCode, res.body).toBe(201);
    }
    session = await signIn(t, await adminEmail(t), TEST_PASSWORD);
    clerk = asToken(t, (await t.addUser(['customer.view_own', 'customer.create'], 'Caissière')).token);
    const own = await clerk('POST', '/api/v1/contacts', {
      kind: 'individual', firstName: 'Martine', lastName: 'Petit', mobile: '06 11 22 33 44',
    });
    expect(own.statusCode, own.body).toBe(201);
    // The first request of each caller may write its last use.
    await session.call('GET', '/api/v1/contacts/lookup?q=mar');
    await clerk('GET', '/api/v1/contacts/lookup?q=mar');
    await t.api('GET', '/api/v1/contacts/lookup?q=mar');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lookup runs two statements', async () => {
    for (const q of ['mar', 'marie martin', '06 12 34', '0612345678', 'CO0000001', 'nobody']) {
      const url = `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}`;
      expect(await statementsOf(() => session.call('GET', url)), `session, ${q}`).toBe(2);
      expect(await statementsOf(() => t.api('GET', url)), `token, ${q}`).toBe(2);
    }
  });

  it('lookup with view own runs two', async () => {
    counter.count = 0;
    const res = await clerk('GET', '/api/v1/contacts/lookup?q=mar');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((item: { name: string }) => item.name)).toEqual(['Martine Petit']);
    expect(counter.count).toBe(2);
  });

  it('list page runs two statements', async () => {
    const url = '/api/v1/contacts?type=customer&hasReceivableDue=false&sort=balance&order=desc&limit=50';
    expect(await statementsOf(() => session.call('GET', url))).toBe(2);
    expect(await statementsOf(() => session.call('GET', `${url}&fields=name,balance,status`)), 'with fields').toBe(2);
  });

  it('totals run two statements', async () => {
    expect(await statementsOf(() => session.call('GET', '/api/v1/contacts/totals?hasReceivableDue=false'))).toBe(2);
  });
});
