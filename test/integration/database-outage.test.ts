/**
 * PostgreSQL going away under a running `comptoir serve`: the server reaches
 * the database through a TCP proxy on 127.0.0.1 that the test stops and
 * starts, and through connections the test terminates with
 * pg_terminate_backend. Requests fail with a 503 problem meanwhile, and the
 * server and its outbox carry on by themselves once the database is back.
 * A server started while the database is away waits for it.
 */
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, PG_ADMIN_URL, type TestDatabase } from '../helpers/databases.ts';
import { type SmtpCapture, startSmtpServer } from '../helpers/messaging.ts';
import { ADMIN_PASSWORD, call, createToken, type ServerProcess, startServerProcess, waitUntil } from '../helpers/server-process.ts';

/** A TCP proxy to PostgreSQL that can be stopped (dropping every connection) and started again on its port. */
class DatabaseProxy {
  port = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe.skipIf(!engines.includes('postgres'))('database outage on postgres', () => {
  let database: TestDatabase;
  let proxy: DatabaseProxy;
  let smtp: SmtpCapture;
  let server: ServerProcess;
  let token = '';
  let contactId = '';
  const adminEmail = `admin.outage.${Date.now()}@example.fr`;

  const api = (method: string, path: string, body?: unknown) => call(server, token, method, path, body);

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    smtp = await startSmtpServer();
    const direct = new URL(database.url);
    proxy = new DatabaseProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.start();
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    server = await startServerProcess({
      DATABASE_URL: proxied.toString(),
      COMPTOIR_SECRET_KEY: randomBytes(32).toString('base64'),
      COMPTOIR_ADMIN_EMAIL: adminEmail,
      COMPTOIR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      COMPTOIR_JOBS_INTERVAL_SECONDS: '1',
    });
    token = await createToken(database.url, adminEmail);

    const setups = [
      await api('PUT', '/api/v1/message-channels/email', { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', fromAddress: 'boutique@example.fr' }),
      await api('PATCH', '/api/v1/message-settings', { quietHours: null }),
    ];
    for (const setup of setups) expect(setup.status, setup.text).toBe(200);
    // The server's own daily reminder run, due once quiet hours are off, ends
    // before any level exists, so it reminds nobody the test counts on.
    await waitUntil(async () => {
      const runs = await database.db.kysely.selectFrom('reminder_runs').where('finished_at', 'is not', null).select('run_date').execute();
      return runs.length > 0;
    }, 60_000, "the server's reminder run for today");
    const templates = await api('GET', '/api/v1/message-templates?event=payment_reminder');
    const level = await api('POST', '/api/v1/reminder-levels', { name: 'J+1', timing: 'after_due', days: 1, templateId: templates.body.items[0].id, channels: ['email'] });
    expect(level.status, level.text).toBe(201);
    const contact = await api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: 'Client en panne', mobile: '06 72 11 22 33', email: 'panne@example.fr' });
    expect(contact.status, contact.text).toBe(201);
    contactId = contact.body.id;
    const sale = await api('POST', '/api/v1/sales', {
      contactId,
      date: '2024-02-01',
      status: 'final',
      payTerm: { number: 29, unit: 'days' },
      lines: [{ description: 'Marchandises', quantity: 1, unitPrice: '42.00' }],
    });
    expect(sale.status, sale.text).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await server?.kill('SIGTERM');
    await proxy?.stop();
    await smtp?.close();
    await database?.drop();
  });

  it('answers 503 while the database is unreachable', async () => {
    await proxy.stop();
    for (const path of ['/api/v1/contacts', `/api/v1/contacts/${contactId}/ledger`, '/api/v1/ready']) {
      const answer = await api('GET', path);
      expect(answer.status, `${path}: ${answer.text}`).toBe(503);
      expect(answer.body.code, path).toBe('service_unavailable');
    }
    const write = await api('POST', '/api/v1/payments', { contactId, amount: '1.00', method: 'cash', date: '2024-03-02' });
    expect(write.status, write.text).toBe(503);
    expect(write.body.detail).toMatch(/\S/);

    // The message job ticks (every second) and fails meanwhile, without stopping the process.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(server.child.exitCode).toBeNull();
  }, 60_000);

  it('recovers by itself when the database returns', async () => {
    await proxy.start();
    await waitUntil(async () => (await api('GET', '/api/v1/contacts')).status === 200, 30_000, 'the contacts list to answer again');
    const ready = await api('GET', '/api/v1/ready');
    expect(ready.status, ready.text).toBe(200);
    const payment = await api('POST', '/api/v1/payments', { contactId, amount: '2.00', method: 'cash', date: '2024-03-02' });
    expect(payment.status, payment.text).toBe(201);
    // The payment rejected during the outage left nothing behind.
    const stored = await database.db.kysely.selectFrom('payments').where('contact_id', '=', contactId).select('amount').execute();
    expect(stored.map((row) => Number(row.amount))).toEqual([200]);
  }, 60_000);

  it('outbox resumes after the outage', async () => {
    const run = await api('POST', '/api/v1/reminders/run', { date: '2024-03-05' });
    expect(run.status, run.text).toBe(200);
    expect(run.body.messages).toBe(1);
    // Sent by the background job, not by the request.
    await smtp.waitFor(1, 30_000);
    expect(smtp.recipients).toEqual([['panne@example.fr']]);
  }, 60_000);

  it('start waits for the database', async () => {
    const late = new DatabaseProxy({ host: '127.0.0.1', port: Number(new URL(database.url).port || 5432) });
    await late.start();
    await late.stop();
    const url = new URL(database.url);
    url.port = String(late.port);

    let sawRefusal!: () => void;
    const refused = new Promise<void>((resolve) => {
      sawRefusal = resolve;
    });
    const starting = startServerProcess(
      { DATABASE_URL: url.toString(), COMPTOIR_DATABASE_WAIT_SECONDS: '120', COMPTOIR_JOBS_INTERVAL_SECONDS: '0' },
      150_000,
      (line) => {
        if (line.includes('database unavailable at start')) sawRefusal();
      },
    );
    await Promise.race([refused, starting.then(() => Promise.reject(new Error('the server listened without the database')))]);
    await late.start();
    const waited = await starting;
    try {
      const ready = await fetch(`${waited.url}/api/v1/ready`);
      expect(ready.status).toBe(200);
      const retry = waited.output.find((line) => line.includes('database unavailable at start')) ?? '';
      expect(JSON.parse(retry)).toMatchObject({ level: 40, step: 'migrate', err: { code: 'ECONNREFUSED' } });
    } finally {
      await waited.kill('SIGTERM');
      await late.stop();
    }
    expect(waited.child.exitCode).toBe(0);
  }, 180_000);

  it('start gives up when the database stays away', async () => {
    const away = new DatabaseProxy({ host: '127.0.0.1', port: 5432 });
    await away.start();
    await away.stop();
    const url = new URL(database.url);
    url.port = String(away.port);
    const failed = await startServerProcess({ DATABASE_URL: url.toString(), COMPTOIR_DATABASE_WAIT_SECONDS: '1' }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failed).toMatch(/server exited \(1\) before listening/);
    expect(failed).toMatch(/"level":60.*"msg":"start failed"/);
    expect(failed).toMatch(/ECONNREFUSED/);
  }, 60_000);

  it('survives terminated database connections', async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [
        new URL(database.url).pathname.slice(1),
      ]);
    } finally {
      await admin.end();
    }
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) statuses.push((await api('GET', '/api/v1/contacts')).status);
    // A request on a connection that was cut may fail with 503; the pool then opens new ones.
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.at(-1)).toBe(200);
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});
