/** The server logs one line per request, when its response ends, with the request and its status. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';

const lines: Record<string, unknown>[] = [];
let db: Db;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  db = openDatabase('sqlite::memory:');
  await migrate(db);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  app = await buildApp({ db, config: { ...loadConfig({}), webRoot: '/nonexistent' } }, { logger: { level: 'info', stream } });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

it('logs one line per request', async () => {
  lines.length = 0;
  const res = await app.inject({ method: 'GET', url: '/api/v1/contacts?q=secret' });
  expect(res.statusCode).toBe(401);
  expect(lines).toHaveLength(1);
  const [line] = lines;
  expect(line?.msg).toBe('request completed');
  expect(line?.req).toMatchObject({ method: 'GET' });
  expect(line?.res).toEqual({ statusCode: 401 });
  expect(typeof line?.responseTime).toBe('number');
});
