/**
 * Creates the folder of one test run, which every test file of the run
 * shares. The helpers build in it, on first use, the migrated template
 * database of each engine (test/helpers/databases.ts) and a compiled
 * `comptoir` command (test/helpers/cli.ts). Teardown drops the PostgreSQL
 * template and removes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropPostgresTemplate } from './helpers/postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of the current test run. */
    runFolder: string;
  }
}

export default function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'comptoir-run-'));
  project.provide('runFolder', folder);
  return async () => {
    await dropPostgresTemplate(folder);
    rmSync(folder, { recursive: true, force: true });
  };
}
