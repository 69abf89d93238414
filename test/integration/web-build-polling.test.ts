/**
 * A running server polled while another process swaps builds into its web
 * root as fast as it can, as `npm run build` does at its end. Every request
 * for a page, a top-level file and an asset gets the whole file, because
 * the web root points at a complete build at every instant.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { replaceBuild } from '../../src/server/web-build.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

const SWAP_SECONDS = 3;
const POLLERS = 4;
const swapScript = resolve(import.meta.dirname, '../helpers/swap-builds.ts');

/** Runs the swapping process and resolves with its exit code and the number of builds it swapped in. */
function runSwaps(target: string): { finished: Promise<{ code: number | null; swaps: number; errors: string }>; running: () => boolean } {
  const child = spawn(process.execPath, ['--import', 'tsx', swapScript, target, String(SWAP_SECONDS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  let exited = false;
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const finished = new Promise<{ code: number | null; swaps: number; errors: string }>((done) =>
    child.once('exit', (code) => {
      exited = true;
      done({ code, swaps: Number(output.trim()), errors });
    }));
  return { finished, running: () => !exited };
}

describe('web build swap under requests', () => {
  let parent: string;
  let target: string;
  let database: TestDatabase;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'comptoir-swap-'));
    target = join(parent, 'web');
    const staged = join(parent, 'first');
    mkdirSync(join(staged, 'assets'), { recursive: true });
    writeFileSync(join(staged, 'index.html'), '<!doctype html><script type="module" src="/assets/index-0.js"></script>');
    writeFileSync(join(staged, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><title>0</title></svg>');
    writeFileSync(join(staged, 'assets', 'shared.js'), 'export const shared = true;');
    replaceBuild(target, staged);

    database = await createTestDatabase('sqlite');
    const config = { ...loadConfig({}), databaseUrl: database.url, webRoot: target };
    app = await buildApp({ db: database.db, config }, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('no request fails during swaps', async () => {
    const swaps = runSwaps(target);
    const expected: [string, string][] = [
      ['/customers', '/assets/index-'],
      ['/favicon.svg', '</title></svg>'],
      ['/assets/shared.js', 'export const shared = true;'],
    ];
    const failures: string[] = [];
    let requests = 0;
    const poll = async () => {
      while (swaps.running()) {
        for (const [path, content] of expected) {
          requests += 1;
          try {
            const response = await fetch(`${url}${path}`);
            const body = await response.text();
            if (response.status !== 200) failures.push(`${path}: status ${response.status}`);
            else if (!body.includes(content)) failures.push(`${path}: body ${JSON.stringify(body)}`);
          } catch (error) {
            failures.push(`${path}: ${(error as Error).message}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: POLLERS }, poll));
    const result = await swaps.finished;

    expect(result.errors).toBe('');
    expect(result.code).toBe(0);
    // Enough swaps and requests that a web root missing between two renames would fail some of them.
    expect(result.swaps).toBeGreaterThan(50);
    expect(requests).toBeGreaterThan(500);
    expect(failures.slice(0, 30), `${failures.length} failed of ${requests} requests during ${result.swaps} swaps`).toEqual([]);
  });
});
