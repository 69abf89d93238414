/**
 * Real `comptoir serve` processes for the multi-instance and fault tests:
 * each listens on a free port of 127.0.0.1, is reached over HTTP with
 * fetch, and can be stopped with any signal (SIGKILL for a crash).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { comptoirEntry } from './cli.ts';

const run = promisify(execFile);

export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every line the process wrote, stdout and stderr together. */
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface HttpAnswer {
  status: number;
  body: any;
  text: string;
}

/**
 * Starts `comptoir serve` and resolves once it listens; rejects with its
 * output if it exits first. `onLine` receives each output line as it is
 * written. `script` is the file that `node` runs, the test build of the
 * command (test/helpers/cli.ts) unless given.
 */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
  onLine: (line: string) => void = () => undefined,
  script?: string,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script ?? (await comptoirEntry()), 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', COMPTOIR_WEB_ROOT: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not listen within ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
    const onChunk = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        output.push(line);
        onLine(line);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1] as string);
        }
      }
    };
    child.stdout?.on('data', onChunk);
    child.stderr?.on('data', onChunk);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    child,
    output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Calls the API of a server process with a bearer token; never throws on an HTTP error status. */
export async function call(
  server: { url: string },
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'accept-language': 'en',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, text };
}

/** Runs a `comptoir` command on a database and returns its exit code and output. */
export async function runComptoir(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const entry = await comptoirEntry();
  try {
    const { stdout, stderr } = await run(process.execPath, [entry, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Issues an API token for a user through `comptoir token create`. */
export async function createToken(databaseUrl: string, email: string): Promise<string> {
  const result = await runComptoir(['token', 'create', '--email', email], { DATABASE_URL: databaseUrl });
  if (result.code !== 0) throw new Error(`token create failed: ${result.stderr}`);
  return result.stdout.trim();
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
