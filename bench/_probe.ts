import { openBenchBusiness } from './contacts-data.ts';
import { loadConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/start.ts';

const engine = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const business = await openBenchBusiness(engine, 1000000);
const url = business.db.url;
await business.db.close();
process.env.DATABASE_URL = url; process.env.HOST = '127.0.0.1'; process.env.PORT = '0'; process.env.LOG_LEVEL = 'warn';
process.env.COMPTOIR_WEB_ROOT = '/nonexistent';
const { app } = await startServer(loadConfig());
const address = app.server.address() as { port: number };
const base = `http://127.0.0.1:${address.port}/api/v1`;
const paths = process.argv.slice(3);
for (const path of paths) {
  const times: number[] = [];
  let status = 0; let size = 0; let snippet = '';
  for (let i = 0; i < 3; i += 1) {
    const s = performance.now();
    const res = await fetch(base + path, { headers: { cookie: business.cookie } });
    const text = await res.text();
    times.push(performance.now() - s); status = res.status; size = text.length; snippet = text.slice(0, 160);
  }
  console.log(status, times.map((t) => t.toFixed(0)).join('/'), 'ms', size, 'B', path, status !== 200 ? snippet : '');
}
await app.close();
