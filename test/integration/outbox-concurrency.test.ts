import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.ts';
import { enqueueMessages, type NewMessage } from '../../src/messages/enqueue.ts';
import { runOutbox } from '../../src/messages/run-outbox.ts';
import { SECRET_KEY_VARIABLE } from '../../src/messages/secrets.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { type SmtpCapture, startSmtpServer } from '../helpers/messaging.ts';

const COUNT = 40;

describe.each(engines)('outbox workers on %s', (engine) => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let second: Db;

  beforeAll(async () => {
    process.env[SECRET_KEY_VARIABLE] = randomBytes(32).toString('base64');
    t = await createTestApp(engine);
    smtp = await startSmtpServer();
    smtp.delayMs = 20;
    const saved = await t.api('PUT', '/api/v1/message-channels/email', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      fromAddress: 'boutique@example.fr',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // On PostgreSQL a second instance has its own pool on the same database.
    // SQLite serves one process, where two runs share the one connection.
    second = engine === 'postgres' ? openDatabase(t.database.url) : t.database.db;
  });
  afterAll(async () => {
    if (engine === 'postgres') await second?.close();
    await t?.close();
    await smtp?.close();
    delete process.env[SECRET_KEY_VARIABLE];
  });

  it('two runs at once send each message once', async () => {
    const messages: NewMessage[] = Array.from({ length: COUNT }, (_, index) => ({
      businessId: t.business.businessId,
      contactId: null,
      channel: 'email',
      origin: 'manual',
      recipient: `client${index}@example.fr`,
      locale: 'fr',
      subject: `Message ${index}`,
      text: `Texte ${index}`,
    }));
    await t.database.db.kysely.transaction().execute((trx) => enqueueMessages(trx, messages));

    const options = { batchSize: 5, concurrency: 3 };
    const [first, other] = await Promise.all([runOutbox(t.database.db, options), runOutbox(second, options)]);
    expect(first.sent + other.sent).toBe(COUNT);
    expect(first.sent).toBeGreaterThan(0);
    expect(other.sent).toBeGreaterThan(0);

    await smtp.waitFor(COUNT);
    const subjects = smtp.mails.map((m) => m.subject ?? '').sort();
    expect(new Set(subjects).size).toBe(COUNT);
    expect(subjects).toHaveLength(COUNT);

    const rows = await t.database.db.kysely.selectFrom('messages').select(['status', 'attempts']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const attempts = await t.database.db.kysely.selectFrom('message_attempts').select('message_id').execute();
    expect(attempts).toHaveLength(COUNT);

    const rerun = await Promise.all([runOutbox(t.database.db), runOutbox(second)]);
    expect(rerun[0].sent + rerun[1].sent).toBe(0);
    expect(smtp.mails).toHaveLength(COUNT);
  });

  it('same dedupe key is queued once', async () => {
    const message: NewMessage = {
      businessId: t.business.businessId,
      contactId: null,
      channel: 'email',
      origin: 'reminder',
      recipient: 'client@example.fr',
      locale: 'fr',
      subject: 'Rappel',
      text: 'Rappel',
      dedupeKey: 'reminder:level:contact:2024-03-02:email',
    };
    const [a, b] = await Promise.all([
      t.database.db.kysely.transaction().execute((trx) => enqueueMessages(trx, [message])),
      second.kysely.transaction().execute((trx) => enqueueMessages(trx, [message])),
    ]);
    expect(a.length + b.length).toBe(1);
  });
});
