/**
 * A sales import on PostgreSQL writes its progress from a connection of its
 * own. The write must never make the import wait, because requests queued
 * on the import's locks can hold every pooled connection until it ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/transfer/import/execute.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

const postgres = engines.includes('postgres') ? ['postgres' as const] : [];

describe.each(postgres)('import progress writes on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('tick never waits for its write', async () => {
    const file = Buffer.from('Référence de la vente;Date;Désignation;Quantité;Prix unitaire HT\nP-1;02/03/2026;Article;1;5\n', 'utf8');
    const body = multipart(file, 'ventes.csv', { kind: 'sales', dryRun: true });
    const preview = await t.api('POST', '/api/v1/imports', body.payload, body.headers);
    expect(preview.statusCode, preview.body).toBe(201);
    const importId = preview.json().id as string;
    const db = t.database.db;
    await db.kysely.updateTable('imports').set({ status: 'running' }).where('id', '=', importId).execute();

    const progress = { done: 7, total: 40 };
    const warnings: string[] = [];
    const tick = progressReporter(db, importId, progress, new AbortController(), { warn: (_object, message) => warnings.push(message) });
    const readDone = async () =>
      (await db.kysely.selectFrom('imports').select('progress_done').where('id', '=', importId).executeTakeFirstOrThrow()).progress_done;

    // Another transaction keeps the import's row locked, so the write waits.
    await db.kysely.transaction().execute(async (trx) => {
      await trx.selectFrom('imports').select('id').where('id', '=', importId).forUpdate().execute();
      const started = Date.now();
      await tick();
      progress.done = 9;
      await tick();
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    // The first write goes through once the row is free. The second tick came while it waited, so it wrote nothing.
    await expect.poll(readDone, { timeout: 5_000 }).toBe(7);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await readDone()).toBe(7);
    await tick();
    await expect.poll(readDone, { timeout: 5_000 }).toBe(9);
    expect(warnings).toEqual([]);
  });
});
