/**
 * The `comptoir` command as tests run it. bin/comptoir.js loads every
 * TypeScript module through tsx's loader hooks at each start: `comptoir
 * --help` took about 1.0 s of CPU that way against 0.4 s for a build
 * (Node 20.20, 2-core AMD EPYC, measured with /usr/bin/time). Within a test
 * run the helpers run a build of src/cli/main.ts that esbuild (the compiler
 * tsx uses) writes once into the run folder (test/global-setup.ts). Outside
 * such a run they run bin/comptoir.js, and test/integration/cli-entry.test.ts
 * checks that it prints what the build prints.
 */
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { inject } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** The `comptoir` command users run. */
export const comptoirBin = join(root, 'bin/comptoir.js');

let entry: Promise<string> | undefined;

/** Returns the script that `node` runs as the `comptoir` command. */
export function comptoirEntry(): Promise<string> {
  const folder = inject('runFolder');
  if (!folder) return Promise.resolve(comptoirBin);
  entry ??= buildCommand(folder);
  return entry;
}

/**
 * Bundles the sources of the command into `cli/` in the run folder, unless
 * another test file did. Each test file builds into its own folder, then
 * renames it to `cli/`. When two files race, the second rename fails because
 * `cli/` exists, and the second file uses the first build.
 */
async function buildCommand(folder: string): Promise<string> {
  const target = join(folder, 'cli');
  const main = join(target, 'main.mjs');
  if (existsSync(main)) return main;
  // Packages stay outside the bundle and resolve through this link, as they do from bin/.
  const link = join(folder, 'node_modules');
  try {
    symlinkSync(join(root, 'node_modules'), link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const building = join(folder, `cli-${process.pid}`);
  mkdirSync(building);
  await build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outdir: building,
    bundle: true,
    // Keeps the modules that the command imports only when needed in chunks of their own.
    splitting: true,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    target: `node${process.versions.node}`,
    packages: 'external',
    logLevel: 'error',
  });
  try {
    renameSync(building, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    rmSync(building, { recursive: true, force: true });
  }
  return main;
}
