/**
 * A test run that is killed leaves its PostgreSQL databases behind. The next
 * run drops those whose creating process has ended, and keeps those of runs
 * still going on.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { engines } from '../helpers/databases.ts';
import { adminQuery, dropLeftTestDatabases } from '../helpers/postgres-admin.ts';

const suffix = `${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const created: string[] = [];

async function createDatabase(name: string) {
  await adminQuery(`create database ${name}`);
  created.push(name);
}

async function exists(name: string): Promise<boolean> {
  return (await adminQuery('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
}

afterAll(async () => {
  for (const name of created) await adminQuery(`drop database if exists ${name} with (force)`);
});

it.runIf(engines.includes('postgres'))('drops the databases of ended runs only', async () => {
  const ended = spawnSync(process.execPath, ['-e', '']).pid;
  const endedTest = `comptoir_test_${ended}_${suffix}`;
  const endedTemplate = `comptoir_template_comptoir_run_${ended}_${suffix}`;
  const runningTest = `comptoir_test_${process.pid}_${suffix}`;
  const otherDatabase = `comptoir_keep_${ended}_${suffix}`;
  for (const name of [endedTest, endedTemplate, runningTest, otherDatabase]) await createDatabase(name);

  const dropped = await dropLeftTestDatabases();

  expect(dropped).toContain(endedTest);
  expect(dropped).toContain(endedTemplate);
  expect(await exists(endedTest)).toBe(false);
  expect(await exists(endedTemplate)).toBe(false);
  expect(await exists(runningTest)).toBe(true);
  expect(await exists(otherDatabase)).toBe(true);
});
