/**
 * Every list filter at scale: a page of 50 sorted by name, pages sorted by
 * balance from the highest and from the lowest, and the totals. They go
 * through the HTTP API of a server in this process (on 127.0.0.1), on the
 * generated business of bench/contacts-data.ts. The unfiltered pages and
 * totals come first, as the baseline each filter is read against. The
 * server applies pending migrations when it starts, and the time that takes
 * is printed too.
 *
 *   npx tsx bench/list-filters.bench.ts [--engine sqlite|postgres] [--contacts 1000000] [--rounds 5]
 */
import { openBenchBusiness } from './contacts-data.ts';
import { loadConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/start.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
}

const engine = option('engine', 'sqlite');
const contactCount = Number(option('contacts', '1000000'));
const rounds = Number(option('rounds', '5'));
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${engine}`);

/** Filters as the list's query string, the unfiltered baseline first. */
const filters = [
  '', 'type=customer', 'hasReceivableDue=true', 'hasPayableDue=true', 'overdue=true', 'overdue=false',
  'hasAdvance=true', 'hasOpeningBalance=true', 'overCreditLimit=true', 'noSaleSince=2024-01-01',
  'birthdayFrom=12-20&birthdayTo=01-10', 'createdFrom=2024-01-01&createdTo=2024-01-31', 'q=martin',
  'type=customer&overdue=true&hasReceivableDue=true', 'hasReceivableDue=false', 'hasPayableDue=false',
  'hasAdvance=false', 'hasOpeningBalance=false', 'overCreditLimit=false', 'type=customer&overdue=false',
];

const business = await openBenchBusiness(engine, contactCount);
const { cookie } = business;
process.env.DATABASE_URL = business.db.url;
await business.db.close();
Object.assign(process.env, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', COMPTOIR_WEB_ROOT: '/nonexistent' });

const started = performance.now();
const { app } = await startServer(loadConfig());
console.log(`server started in ${((performance.now() - started) / 1000).toFixed(1)} s (pending migrations included)`);
const { port } = app.server.address() as { port: number };

/** Returns the median and the slowest time of `rounds` calls of `path`, after one call to warm up. */
async function time(path: string) {
  const samples: number[] = [];
  for (let round = -1; round < rounds; round += 1) {
    const begin = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
    if (round >= 0) samples.push(performance.now() - begin);
  }
  samples.sort((a, b) => a - b);
  return `${samples[Math.floor(samples.length / 2)]!.toFixed(0).padStart(5)} ${samples[samples.length - 1]!.toFixed(0).padStart(5)}`;
}

console.log(`${'filter'.padEnd(50)} name page | balance page | balance asc | totals   (median, max ms; ${rounds} calls each)`);
for (const filter of filters) {
  const query = filter ? `${filter}&` : '';
  const byName = await time(`/contacts?${query}sort=name&limit=50`);
  const byBalance = await time(`/contacts?${query}sort=balance&order=desc&limit=50`);
  const byBalanceAscending = await time(`/contacts?${query}sort=balance&order=asc&limit=50`);
  const totals = await time(`/contacts/totals${filter ? `?${filter}` : ''}`);
  console.log(`${(filter || '(none)').padEnd(50)} ${byName} | ${byBalance} | ${byBalanceAscending} | ${totals}`);
}
await app.close();
