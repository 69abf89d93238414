/**
 * Creates the folder of one test run, which every test file of the run
 * shares. The helpers build in it, on first use, the migrated template
 * database of each engine (test/helpers/databases.ts) and a compiled
 * `comptoir` command (test/helpers/cli.ts). Teardown drops the PostgreSQL
 * template and removes the folder. Setup first drops the PostgreSQL test
 * databases that killed runs left behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropLeftTestDatabases, dropPostgresTemplate } from './helpers/postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of the current test run. */
    runFolder: string;
  }
}

export default async function setup(project: TestProject) {
  const engines = (process.env.COMPTOIR_TEST_ENGINES ?? 'sqlite,postgres').split(',').map((name) => name.trim());
  if (engines.includes('postgres')) await dropLeftTestDatabases();
  // A later run reads the process id in the folder's name, and so in the
  // template's, to check whether this run is still going on.
  const folder = mkdtempSync(join(tmpdir(), `comptoir-run-${process.pid}-`));
  project.provide('runFolder', folder);
  return async () => {
    await dropPostgresTemplate(folder);
    rmSync(folder, { recursive: true, force: true });
  };
}
