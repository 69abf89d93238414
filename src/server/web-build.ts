/**
 * `npm run build`: builds the web app into a folder beside the served one
 * (dist/web), then swaps the two folders. A running server thus never
 * serves a half-written build, as it could while `vite build` emptied
 * dist/web and wrote it again.
 *
 * The new build also keeps the hashed files of /assets/ that the previous
 * build made itself, so that a page loaded from it can still fetch a
 * screen's code after the swap. The files it had kept from the build
 * before are dropped, so at most two builds' assets stay.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * File that lists the names of the files a build wrote in its assets
 * folder, without those it kept from the previous build. A leading dot
 * keeps the server from serving it (see web-app.ts).
 */
export const OWN_ASSETS_FILE = '.own-assets.json';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the web app with vite.config.ts into `target`'s sibling `<name>.next`, then swaps it in. */
export async function buildWebApp(target = join(repoRoot, 'dist/web')): Promise<void> {
  const staged = siblingFolder(target, 'next');
  rmSync(staged, { recursive: true, force: true });
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.config.ts'), build: { outDir: staged, emptyOutDir: true } });
  replaceBuild(target, staged);
}

/**
 * Moves the complete build `staged` to `target`, the folder the server
 * reads. The previous build's own assets are first copied into the new
 * one, where the new build has no file of the same name.
 *
 * TODO: the swap is two renames, so `target` is missing for the moment
 * between them (microseconds), and a request in that moment gets a 404.
 */
export function replaceBuild(target: string, staged: string): void {
  const stagedAssets = join(staged, 'assets');
  const own = existsSync(stagedAssets) ? readdirSync(stagedAssets) : [];
  writeFileSync(join(staged, OWN_ASSETS_FILE), `${JSON.stringify(own)}\n`);

  const previousAssets = join(target, 'assets');
  const ownNames = new Set(own);
  for (const name of previousOwnAssets(target)) {
    if (ownNames.has(name) || !existsSync(join(previousAssets, name))) continue;
    mkdirSync(stagedAssets, { recursive: true });
    copyFileSync(join(previousAssets, name), join(stagedAssets, name));
  }

  const retired = siblingFolder(target, 'old');
  rmSync(retired, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, retired);
  renameSync(staged, target);
  rmSync(retired, { recursive: true, force: true });
}

/** Returns the names of the assets the build in `folder` wrote itself: its list, else every file of its assets folder. */
function previousOwnAssets(folder: string): string[] {
  const names = readOwnAssets(join(folder, OWN_ASSETS_FILE));
  if (names) return names;
  const assets = join(folder, 'assets');
  return existsSync(assets) ? readdirSync(assets) : [];
}

/** Reads a list of asset names, or returns null when the file is missing or is not such a list. */
function readOwnAssets(path: string): string[] | null {
  let names: unknown;
  try {
    names = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(names)) return null;
  // A name with a folder in it would copy a file from outside the assets folder.
  return names.filter((name): name is string => typeof name === 'string' && !['', '.', '..'].includes(name) && basename(name) === name);
}

function siblingFolder(target: string, suffix: string): string {
  return join(dirname(target), `${basename(target)}.${suffix}`);
}
