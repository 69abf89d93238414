/**
 * The bare server of bench/search.bench.ts, in a process of its own: a plain
 * `node:http` server that responds to `GET /bytes?n=N` with N bytes of JSON
 * and nothing else (no framework, hooks, session or database). Its round
 * trip is what any HTTP server spends on a response of that size on this
 * machine. It sends `{ port }` to the parent over the IPC channel of `fork`
 * once it listens, and stops on SIGTERM.
 */
import { createServer } from 'node:http';

async function main() {
  if (!process.send) throw new Error('bench/bare-server.ts has no IPC channel: run bench/search.bench.ts, which forks it');
  const bodies = new Map<number, Buffer>();
  const bodyOf = (size: number) => {
    let body = bodies.get(size);
    if (!body) {
      body = Buffer.from(`{"x":"${'x'.repeat(Math.max(0, size - 8))}"}`);
      bodies.set(size, body);
    }
    return body;
  };
  const server = createServer((request, response) => {
    const size = Number(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('n') ?? '0');
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(bodyOf(size));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
  });
  process.send({ port: (server.address() as { port: number }).port });
}

await main();
