/**
 * Kills `comptoir serve` with SIGKILL in the middle of a large import, a
 * burst of payments and a reminder run, then restarts it on the same
 * database. Each must be written whole or not at all, and `comptoir verify`
 * must find no difference.
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

const IMPORT_ROWS = 2_000;
const PAYMENT_WORKERS = 6;
const REMINDER_CONTACTS = 40;

describe.each(engines)('crash recovery on %s', (engine) => {
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let server: ServerProcess;
  let token = '';
  const env: Record<string, string> = {};
  const adminEmail = `admin.crash.${engine}.${Date.now()}@example.fr`;

  const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(server, token, method, path, body, headers);

  const expectStatus = (answer: HttpAnswer, status: number) => {
    expect(answer.status, answer.text).toBe(status);
    return answer.body;
  };

  /** Kills the server with SIGKILL, then starts a new one on the same database. */
  const crashAndRestart = async () => {
    await server.kill('SIGKILL');
    expect(server.child.signalCode).toBe('SIGKILL');
    server = await startServerProcess(env);
  };

  const verifyIsClean = async () => {
    const verify = await runComptoir(['verify'], { DATABASE_URL: database.url });
    expect(verify.stdout).toMatch(/no difference/);
    expect(verify.code).toBe(0);
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    smtp = await startSmtpServer();
    Object.assign(env, {
      DATABASE_URL: database.url,
      COMPTOIR_SECRET_KEY: randomBytes(32).toString('base64'),
      COMPTOIR_ADMIN_EMAIL: adminEmail,
      COMPTOIR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      COMPTOIR_JOBS_INTERVAL_SECONDS: '1',
    });
    server = await startServerProcess(env);
    token = await createToken(database.url, adminEmail);
  }, 120_000);

  afterAll(async () => {
    await server?.kill('SIGTERM');
    await smtp?.close();
    await database?.drop();
  });

  it('large import is whole or absent', async () => {
    const lines = Array.from({ length: IMPORT_ROWS }, (_, index) => `Importé${index};Client;07${String(10_000_000 + index).padStart(8, '0')}`);
    const form = new FormData();
    form.append('options', JSON.stringify({ dryRun: true }));
    form.append('file', new Blob([`Nom;Prénom;Mobile\n${lines.join('\n')}\n`]), 'gros-fichier.csv');
    const uploaded = await fetch(`${server.url}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const preview = (await uploaded.json()) as { id: string; totals: { valid: number } };
    expect(uploaded.status).toBe(201);
    expect(preview.totals.valid).toBe(IMPORT_ROWS);

    expectStatus(await api('POST', `/api/v1/imports/${preview.id}/commit`, { wait: false }), 202);
    let before: { status: string; progress: { done: number } } | null = null;
    await waitUntil(async () => {
      before = (await api('GET', `/api/v1/imports/${preview.id}`)).body;
      return before !== null && (before.status !== 'running' || before.progress.done >= IMPORT_ROWS / 10);
    }, 120_000, 'the import to reach a tenth of its rows');
    await crashAndRestart();

    const imported = await database.db.kysely.selectFrom('contacts').where('last_name', 'like', 'Importé%').select('id').execute();
    const record = expectStatus(await api('GET', `/api/v1/imports/${preview.id}`), 200);
    if (before!.status === 'running') {
      // Killed while it ran: its one transaction rolled back.
      expect(imported).toHaveLength(0);
      expect(record.status).not.toBe('committed');
    } else {
      expect(record.status).toBe('committed');
      expect(imported).toHaveLength(IMPORT_ROWS);
    }
    await verifyIsClean();
  }, 240_000);

  it('payment burst leaves each payment whole or absent', async () => {
    const contact = expectStatus(await api('POST', '/api/v1/contacts', {
      type: 'customer',
      kind: 'business',
      businessName: 'Client de la rafale',
      mobile: '06 70 80 90 10',
    }), 201);
    const sent: { key: string; body: Record<string, unknown> }[] = [];
    let created = 0;
    let stop = false;
    const worker = async (workerIndex: number) => {
      for (let round = 0; !stop; round += 1) {
        const request = { key: `rafale-${workerIndex}-${round}`, body: { contactId: contact.id, amount: `${1 + (round % 9)}.50`, method: 'cash', date: '2024-04-02' } };
        sent.push(request);
        try {
          const answer = await api('POST', '/api/v1/payments', request.body, { 'idempotency-key': request.key });
          if (answer.status === 201) created += 1;
          else if (!stop) throw new Error(`payment answered ${answer.status}: ${answer.text}`);
        } catch (error) {
          // The connection drops when the server is killed.
          if (!stop) throw error;
        }
      }
    };
    const workers = Array.from({ length: PAYMENT_WORKERS }, (_, index) => worker(index));
    await waitUntil(() => created >= 20, 120_000, '20 payments');
    stop = true;
    await server.kill('SIGKILL');
    await Promise.all(workers);
    server = await startServerProcess(env);
    await verifyIsClean();

    // Sending each request again creates the payments the crash cut off and
    // replays the ones already committed, so every key ends with one payment.
    const ids = new Set<string>();
    for (const request of sent) {
      const answer = await api('POST', '/api/v1/payments', request.body, { 'idempotency-key': request.key });
      expect(answer.status, answer.text).toBe(201);
      ids.add(answer.body.id);
    }
    expect(ids.size).toBe(sent.length);
    const stored = await database.db.kysely.selectFrom('payments').where('contact_id', '=', contact.id).select('id').execute();
    expect(stored).toHaveLength(sent.length);
    await verifyIsClean();
  }, 240_000);

  it('reminder run loses and repeats no message', async () => {
    expectStatus(await api('PUT', '/api/v1/message-channels/email', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      fromAddress: 'boutique@example.fr',
    }), 200);
    expectStatus(await api('PATCH', '/api/v1/message-settings', { quietHours: null }), 200);
    // The server's own job reminds once a day, after quiet hours. Its run for
    // today ends here, before any level exists, so the only run below is the
    // one this test starts.
    await waitUntil(async () => {
      const runs = await database.db.kysely.selectFrom('reminder_runs').where('finished_at', 'is not', null).select('run_date').execute();
      return runs.length > 0;
    }, 60_000, "the server's reminder run for today");
    const templates = expectStatus(await api('GET', '/api/v1/message-templates?event=payment_reminder'), 200);
    expectStatus(await api('POST', '/api/v1/reminder-levels', {
      name: 'J+1',
      timing: 'after_due',
      days: 1,
      templateId: templates.items[0].id,
      channels: ['email'],
    }), 201);
    for (let index = 0; index < REMINDER_CONTACTS; index += 1) {
      const contact = expectStatus(await api('POST', '/api/v1/contacts', {
        type: 'customer',
        kind: 'business',
        businessName: `Relancé ${index}`,
        mobile: `06 71 00 ${String(10 + index).padStart(2, '0')} 00`,
        email: `relance${index}@example.fr`,
      }), 201);
      expectStatus(await api('POST', '/api/v1/sales', {
        contactId: contact.id,
        date: '2024-02-01',
        status: 'final',
        payTerm: { number: 29, unit: 'days' },
        lines: [{ description: 'Marchandises', quantity: 1, unitPrice: '42.00' }],
      }), 201);
    }

    smtp.delayMs = 100;
    const run = api('POST', '/api/v1/reminders/run', { date: '2024-03-05', send: true }).catch(() => null);
    await waitUntil(() => smtp.mails.length >= 3, 60_000, 'the first reminders');
    await server.kill('SIGKILL');
    // The kill usually cuts off the run's response. When the outbox job claimed
    // the messages first, the run responds before the kill, having sent none itself.
    const answered = await run;
    if (answered) expect(answered.body).toMatchObject({ messages: REMINDER_CONTACTS, sent: 0, failed: 0 });
    smtp.delayMs = 0;

    const kysely = database.db.kysely;
    const queued = await kysely.selectFrom('messages').where('origin', '=', 'reminder').select(['id', 'status']).execute();
    // The run queues its messages in one transaction, so all of them exist.
    expect(queued).toHaveLength(REMINDER_CONTACTS);
    const inFlight = queued.filter((message) => message.status === 'sending').length;

    server = await startServerProcess(env);
    await waitUntil(async () => {
      const waiting = await kysely.selectFrom('messages').where('origin', '=', 'reminder').where('status', '=', 'queued').select('id').execute();
      return waiting.length === 0;
    }, 60_000, 'the restarted outbox to send the rest');

    const rows = await kysely.selectFrom('messages').where('origin', '=', 'reminder').select(['id', 'status', 'recipient']).execute();
    const sentRows = rows.filter((message) => message.status === 'sent');
    // A message the crash caught after SMTP accepted it, but before it was
    // marked sent, keeps its claim until the lease ends. No other is lost.
    expect(sentRows.length + inFlight).toBeGreaterThanOrEqual(REMINDER_CONTACTS);
    expect(rows.filter((message) => message.status === 'failed')).toHaveLength(0);
    const delivered = smtp.recipients.map((recipients) => recipients.join(','));
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.length).toBeLessThanOrEqual(REMINDER_CONTACTS);
    expect(delivered.length).toBeGreaterThanOrEqual(sentRows.length);

    const again = expectStatus(await api('POST', '/api/v1/reminders/run', { date: '2024-03-05', send: true }), 200);
    expect(again.messages).toBe(0);
    await verifyIsClean();
  }, 240_000);
});
