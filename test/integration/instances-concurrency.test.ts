/**
 * Two `comptoir serve` processes on one PostgreSQL database: they start and
 * migrate together, then several clients at once send sales, returns,
 * payments (some repeated with one Idempotency-Key to both), refunds and
 * reminder runs on the same few contacts. `comptoir verify` must then find
 * every figure equal to its ledger, and the SMTP server each message once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';
import { type SmtpCapture, startSmtpServer } from '../helpers/messaging.ts';
import {
  ADMIN_PASSWORD,
  call,
  createToken,
  type HttpAnswer,
  runComptoir,
  type ServerProcess,
  startServerProcess,
  waitUntil,
} from '../helpers/server-process.ts';

const CLIENTS = 6;
const ROUNDS = 8;
const CONTACTS = 4;

/** A small deterministic generator, so a failing run can be replayed with its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe.skipIf(!engines.includes('postgres'))('two instances on one PostgreSQL', () => {
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let servers: ServerProcess[] = [];
  let token = '';
  const env: Record<string, string> = {};
  const contacts: string[] = [];
  const adminEmail = `admin.${Date.now()}@example.fr`;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: false });
    smtp = await startSmtpServer();
    smtp.delayMs = 5;
    Object.assign(env, {
      DATABASE_URL: database.url,
      COMPTOIR_SECRET_KEY: randomBytes(32).toString('base64'),
      COMPTOIR_ADMIN_EMAIL: adminEmail,
      COMPTOIR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      COMPTOIR_JOBS_INTERVAL_SECONDS: '1',
    });
    // Both start at once: one migrates under the advisory lock, the other waits.
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    token = await createToken(database.url, adminEmail);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.kill('SIGTERM')));
    await smtp?.close();
    await database?.drop();
  });

  const on = (index: number) => servers[index % servers.length] as ServerProcess;

  it('both instances started on one migrated database', async () => {
    const businesses = await database.db.kysely.selectFrom('businesses').select('id').execute();
    expect(businesses).toHaveLength(1);
    for (const server of servers) {
      const ready = await call(server, token, 'GET', '/api/v1/ready');
      expect(ready.status, ready.text).toBe(200);
    }
    // Exactly one of the two applied the migrations.
    const applied = servers.map((server) => {
      const line = server.output.find((l) => l.includes('"database ready"'));
      return (JSON.parse(line ?? '{}').applied ?? []).length as number;
    });
    expect(applied.filter((count) => count > 0)).toHaveLength(1);
    const migrations = await database.db.kysely
      .selectFrom('kysely_migration' as never)
      .select(({ fn }) => fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number((migrations as { count: number }).count)).toBeGreaterThan(5);
  });

  it('concurrent writes leave every figure equal to its ledger', async () => {
    const setup = async (answer: Promise<HttpAnswer>, status: number) => {
      const result = await answer;
      expect(result.status, result.text).toBe(status);
      return result.body;
    };
    await setup(call(on(0), token, 'PUT', '/api/v1/message-channels/email', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      fromAddress: 'boutique@example.fr',
    }), 200);
    await setup(call(on(0), token, 'PATCH', '/api/v1/message-settings', { quietHours: null }), 200);
    const templates = await setup(call(on(1), token, 'GET', '/api/v1/message-templates?event=payment_reminder'), 200);
    const templateId = templates.items[0].id as string;
    for (const [name, days] of [['J+1', 1], ['J+10', 10]] as const) {
      await setup(call(on(1), token, 'POST', '/api/v1/reminder-levels', { name, timing: 'after_due', days, templateId, channels: ['email'] }), 201);
    }
    for (let index = 0; index < CONTACTS; index += 1) {
      const body = await setup(call(on(index), token, 'POST', '/api/v1/contacts', {
        type: 'customer',
        kind: 'business',
        businessName: `Client partagé ${index}`,
        mobile: `06 44 55 66 ${String(10 + index)}`,
        email: `partage${index}@example.fr`,
      }), 201);
      contacts.push(body.id);
    }

    const unexpected: string[] = [];
    const keys = new Map<string, string[]>();
    const sales: { id: string; lineId: string }[] = [];
    const check = (what: string, answer: HttpAnswer, allowed: number[]) => {
      if (!allowed.includes(answer.status)) unexpected.push(`${what} → ${answer.status} ${answer.text.slice(0, 200)}`);
    };

    const client = async (clientIndex: number) => {
      const next = random(1000 + clientIndex);
      for (let round = 0; round < ROUNDS; round += 1) {
        const contactId = contacts[Math.floor(next() * CONTACTS)] as string;
        const server = on(clientIndex + round);
        const day = String(1 + Math.floor(next() * 27)).padStart(2, '0');
        const choice = next();
        if (choice < 0.3) {
          const sold = await call(server, token, 'POST', '/api/v1/sales', {
            contactId,
            date: `2024-01-${day}`,
            status: 'final',
            payTerm: { number: 10, unit: 'days' },
            lines: [{ description: 'Marchandises', quantity: 2, unitPrice: `${20 + Math.floor(next() * 80)}.00` }],
          });
          check('sale', sold, [201]);
          if (sold.status === 201) sales.push({ id: sold.body.id, lineId: sold.body.lines[0].id });
        } else if (choice < 0.6) {
          // The same key sent to both instances at once acts once.
          const key = `pay-${clientIndex}-${round}`;
          const body = { contactId, amount: `${5 + Math.floor(next() * 30)}.00`, method: 'cash', date: `2024-02-${day}` };
          const answers = await Promise.all(servers.map((s) => call(s, token, 'POST', '/api/v1/payments', body, { 'idempotency-key': key })));
          for (const answer of answers) check('payment', answer, [201, 409]);
          keys.set(key, answers.filter((a) => a.status === 201).map((a) => a.body.id as string));
        } else if (choice < 0.75) {
          const sold = sales[Math.floor(next() * sales.length)];
          if (!sold) continue;
          const returned = await call(server, token, 'POST', `/api/v1/sales/${sold.id}/returns`, {
            date: '2024-02-28',
            lines: [{ lineId: sold.lineId, quantity: 1 }],
            ...(next() < 0.5 ? { refund: { method: 'cash' } } : {}),
          });
          // A line already given back in full is a clear 4xx.
          check('return', returned, [201, 409, 422]);
        } else if (choice < 0.85) {
          const refund = await call(server, token, 'POST', '/api/v1/refunds', { contactId, amount: '3.00', method: 'cash', date: '2024-03-01' });
          // Without an advance to pay back the refund is refused with a 4xx.
          check('refund', refund, [201, 409, 422]);
        } else {
          const date = `2024-03-${String(1 + Math.floor(next() * 20)).padStart(2, '0')}`;
          const runs = await Promise.all(servers.map((s) => call(s, token, 'POST', '/api/v1/reminders/run', { date, send: true })));
          for (const run of runs) check('reminder run', run, [200]);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
    expect(unexpected).toEqual([]);

    const kysely = database.db.kysely;
    await waitUntil(async () => {
      const pending = await kysely.selectFrom('messages').where('status', 'in', ['queued', 'sending']).select('id').execute();
      return pending.length === 0;
    }, 60_000, 'the outbox to drain');

    const verify = await runComptoir(['verify'], { DATABASE_URL: database.url });
    expect(verify.stdout).toMatch(/no difference/);
    expect(verify.code).toBe(0);

    // Each key made at most one payment, and every response to it returned that payment.
    const payments = await kysely.selectFrom('payments').where('kind', '=', 'payment').select('id').execute();
    const paymentIds = new Set(payments.map((p) => p.id));
    for (const [key, ids] of keys) {
      expect(new Set(ids).size, key).toBeLessThanOrEqual(1);
      for (const id of ids) expect(paymentIds.has(id), key).toBe(true);
    }
    const answered = [...keys.values()].filter((ids) => ids.length > 0).length;
    expect(payments).toHaveLength(answered);
    const replayed = [...keys.values()].filter((ids) => ids.length === 2).length;
    expect(replayed).toBeGreaterThan(0);
    expect(sales.length).toBeGreaterThan(0);
    const returns = await kysely.selectFrom('documents').where('type', '=', 'sale_return').select('id').execute();
    expect(returns.length).toBeGreaterThan(0);

    const sent = await kysely.selectFrom('messages').where('status', '=', 'sent').select(['id', 'recipient', 'subject']).execute();
    expect(sent.length).toBeGreaterThan(0);
    expect(smtp.mails).toHaveLength(sent.length);
    const providerIds = smtp.mails.map((mail) => mail.messageId);
    expect(new Set(providerIds).size).toBe(providerIds.length);
  }, 240_000);
});
