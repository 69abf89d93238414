/**
 * Every list filter at scale: a page of 50 sorted by name, pages sorted by
 * balance from the highest and from the lowest, and the totals. They go
 * through the HTTP API of a server in this process (on 127.0.0.1), on the
 * generated business of bench/contacts-data.ts. The unfiltered pages and
 * totals come first, as the baseline each filter is read against. The
 * server applies pending migrations when it starts, and the time that takes
 * is printed too.
 *
 * A second table times sorted lists with a search text in two modes, one
 * call of each in turn. The first mode uses the walk's default budget of
 * rows per match. The second uses the fixed bound of 100 rows per page row
 * that the walk had before, in the same steps (see
 * src/contacts/search/sorted-search.ts). `--walks-only` prints that table
 * alone. `--walk-rows-per-page-row N` sets that bound to N rows in that
 * table, and takes the walk whatever the matches. With N = 10 at 100,000
 * contacts, the bound has the same ratio to the contact count as the
 * default bound at 1,000,000 contacts. This models the larger business
 * without generating its data.
 *
 * `--filters-first` prints a third table alone: sorted lists with a search
 * text and filters, and lists with the text alone. Each is timed with the
 * filters-first plan allowed and without it, one call of each in turn.
 * Without it the page chooses between the walk and the matches as before. With
 * `--force-filters-first` the filtered lists take that plan whatever the
 * counts, to time the plan itself where the counts do not choose it.
 *
 *   npx tsx bench/list-filters.bench.ts [--engine sqlite|postgres] [--contacts 1000000] [--rounds 5]
 *     [--walks-only] [--walk-rows-per-page-row 100] [--filters-first [--force-filters-first]]
 */
import { openBenchBusiness } from './contacts-data.ts';
import { loadConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/start.ts';
import { defaultSortedSearchTuning } from '../src/contacts/search/sorted-search.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
}

const engine = option('engine', 'sqlite');
const contactCount = Number(option('contacts', '1000000'));
const rounds = Number(option('rounds', '5'));
const walksOnly = process.argv.includes('--walks-only');
const filtersFirstOnly = process.argv.includes('--filters-first');
const forceFiltersFirst = process.argv.includes('--force-filters-first');
const walkRowsPerPageRow = Number(option('walk-rows-per-page-row', String(defaultSortedSearchTuning.walkRowsPerPageRow)));
if (!(walkRowsPerPageRow >= 1)) throw new Error(`--walk-rows-per-page-row must be a number of at least 1, got ${walkRowsPerPageRow}`);
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${engine}`);

/** Filters as the list's query string, the unfiltered baseline first. */
const filters = [
  '', 'type=customer', 'hasReceivableDue=true', 'hasPayableDue=true', 'overdue=true', 'overdue=false',
  'hasAdvance=true', 'hasOpeningBalance=true', 'overCreditLimit=true', 'noSaleSince=2024-01-01',
  'birthdayFrom=12-20&birthdayTo=01-10', 'createdFrom=2024-01-01&createdTo=2024-01-31', 'q=martin',
  'type=customer&overdue=true&hasReceivableDue=true', 'hasReceivableDue=false', 'hasPayableDue=false',
  'hasAdvance=false', 'hasOpeningBalance=false', 'overCreditLimit=false', 'type=customer&overdue=false',
  'q=martin&type=supplier&overdue=true',
];

/**
 * Sorted lists with a search text whose walk may stop short of the page.
 * The contacts that `martin` matches are grouped in name order, and fewer
 * of them lie near Z. Most contacts that `elodie` matches have that first
 * name, and so lie in one stretch of the name order.
 */
const walkLists = [
  'q=martin&sort=name', 'q=martin&sort=name&order=desc', 'q=martin&sort=balance&order=desc',
  'q=martin&type=supplier&overdue=true&sort=name', 'q=martin&type=supplier&overdue=true&sort=name&order=desc',
  'q=elodie&sort=name', 'q=elodie&sort=name&order=desc',
];

/**
 * Sorted lists with a search text and filters. At 100,000 generated
 * contacts `martin` matches 3,978 contacts (every status) on SQLite and 6,754
 * rows of the PostgreSQL word index. The filters of the first two keep
 * 14,762 active contacts, those of the third 3,669 and those of the last two
 * 1,566.
 */
const filtersFirstLists = [
  'q=martin&type=supplier&overdue=true&sort=name', 'q=martin&type=supplier&overdue=true&sort=name&order=desc',
  'q=martin&type=both&overdue=true&sort=name',
  'q=martin&birthdayFrom=12-20&birthdayTo=01-10&sort=name', 'q=martin&birthdayFrom=12-20&birthdayTo=01-10&sort=balance&order=desc',
];

/** Lists with the search text alone, which the filters-first plan must not slow. */
const textAloneLists = ['q=martin&sort=name', 'q=martin&sort=balance&order=desc', 'q=elodie&sort=name'];

const business = await openBenchBusiness(engine, contactCount);
const { cookie } = business;
process.env.DATABASE_URL = business.db.url;
await business.db.close();
Object.assign(process.env, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', COMPTOIR_WEB_ROOT: '/nonexistent' });

const started = performance.now();
const { app } = await startServer(loadConfig());
console.log(`server started in ${((performance.now() - started) / 1000).toFixed(1)} s (pending migrations included)`);
const { port } = app.server.address() as { port: number };

/** Calls `path` once and returns the elapsed time in ms. */
async function call(path: string): Promise<number> {
  const begin = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
  return performance.now() - begin;
}

/** Formats the median and the maximum of `samples` as aligned text. */
function medianAndMax(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${sorted[Math.floor(sorted.length / 2)]!.toFixed(0).padStart(5)} ${sorted[sorted.length - 1]!.toFixed(0).padStart(5)}`;
}

/** Returns the median and the slowest time of `rounds` calls of `path`, after one call to warm up. */
async function time(path: string) {
  await call(path);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) samples.push(await call(path));
  return medianAndMax(samples);
}

/**
 * Times `path` with the walk's default budget and with the former fixed
 * bound, one call of each in turn, so that both modes see the same load.
 * The tuning is the server's default object, changed in place between calls.
 */
async function timeBothWalks(path: string) {
  const budget = defaultSortedSearchTuning.walkRowsPerMatch;
  const withBudget: number[] = [];
  const withBound: number[] = [];
  try {
    for (let round = -1; round < rounds; round += 1) {
      // Each round swaps which of the two runs first.
      for (const mode of round % 2 === 0 ? ['budget', 'bound'] : ['bound', 'budget']) {
        defaultSortedSearchTuning.walkRowsPerMatch = mode === 'budget' ? budget : null;
        const elapsed = await call(path);
        if (round >= 0) (mode === 'budget' ? withBudget : withBound).push(elapsed);
      }
    }
  } finally {
    defaultSortedSearchTuning.walkRowsPerMatch = budget;
  }
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  return `${medianAndMax(withBudget)} | ${medianAndMax(withBound)} | ${(median(withBudget) / median(withBound)).toFixed(2).padStart(5)}`;
}

/**
 * Times `path` with the filters-first plan allowed (taken whatever the
 * counts with `force`) and with the choice as it was before that plan, one
 * call of each in turn.
 */
async function timeFiltersFirst(path: string, force: boolean) {
  const before = { ...defaultSortedSearchTuning };
  const withPlan: number[] = [];
  const without: number[] = [];
  try {
    for (let round = -1; round < rounds; round += 1) {
      for (const mode of round % 2 === 0 ? ['with', 'without'] : ['without', 'with']) {
        Object.assign(defaultSortedSearchTuning, mode === 'with'
          ? { filtersFirst: true, plan: force ? 'filters' : before.plan }
          : { filtersFirst: false, plan: before.plan });
        const elapsed = await call(path);
        if (round >= 0) (mode === 'with' ? withPlan : without).push(elapsed);
      }
    }
  } finally {
    Object.assign(defaultSortedSearchTuning, before);
  }
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  return `${medianAndMax(withPlan)} | ${medianAndMax(without)} | ${(median(withPlan) / median(without)).toFixed(2).padStart(5)}`;
}

if (filtersFirstOnly) {
  const forced = forceFiltersFirst ? ', forced on the filtered lists' : '';
  console.log(`\n${'list (limit=50)'.padEnd(70)} filters first${forced} | before | ratio of medians   (median, max ms; ${rounds} calls each)`);
  for (const list of filtersFirstLists) {
    console.log(`${list.padEnd(70)} ${await timeFiltersFirst(`/contacts?${list}&limit=50`, forceFiltersFirst)}`);
  }
  for (const list of textAloneLists) console.log(`${list.padEnd(70)} ${await timeFiltersFirst(`/contacts?${list}&limit=50`, false)}`);
  await app.close();
  process.exit(0);
}

if (walksOnly) {
  await printWalks();
  await app.close();
  process.exit(0);
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
await printWalks();
await app.close();

async function printWalks() {
  if (walkRowsPerPageRow !== defaultSortedSearchTuning.walkRowsPerPageRow) {
    Object.assign(defaultSortedSearchTuning, { plan: 'walk', walkRowsPerPageRow });
    console.log(`\nwalks taken whatever the matches, with ${walkRowsPerPageRow} rows per page row`);
  }
  console.log(`\n${'list (limit=50)'.padEnd(60)} budget    | fixed bound | ratio of medians   (median, max ms; ${rounds} calls each)`);
  for (const list of walkLists) console.log(`${list.padEnd(60)} ${await timeBothWalks(`/contacts?${list}&limit=50`)}`);
}
