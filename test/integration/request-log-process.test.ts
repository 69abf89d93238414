/**
 * A `comptoir serve` process keeps its log lines and writes them to standard
 * output together. A line must still show on a quiet server, and no line
 * may be lost when the process stops.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { startServerProcess, waitUntil } from '../helpers/server-process.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('sqlite');
});
afterAll(async () => {
  await database?.drop();
});

const requestLines = (output: string[]) => output.filter((line) => line.includes('"request completed"'));

it('writes a lone line on a quiet server', async () => {
  const server = await startServerProcess({ DATABASE_URL: database.url });
  try {
    const res = await fetch(`${server.url}/api/v1/contacts`);
    expect(res.status).toBe(401);
    // One line is far below the batch size: only the periodic write can show it.
    await waitUntil(() => requestLines(server.output).length === 1, 10_000, 'the request line');
    expect(JSON.parse(requestLines(server.output)[0] as string)).toMatchObject({ res: { statusCode: 401 } });
  } finally {
    await server.kill();
  }
});

it('writes every line before stopping', async () => {
  const server = await startServerProcess({ DATABASE_URL: database.url });
  const count = 300;
  for (let index = 0; index < count; index += 1) {
    const res = await fetch(`${server.url}/api/v1/contacts?page=${index}`);
    expect(res.status).toBe(401);
  }
  await server.kill('SIGTERM');
  expect(requestLines(server.output)).toHaveLength(count);
});
