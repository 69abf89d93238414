/**
 * `npm run build`: builds the web app into a folder of its own, then points
 * the served path (dist/web) at it. dist/web is a symbolic link to a
 * versioned folder, dist/web.builds/<version>, and the build replaces that
 * link with a single rename(2), which is atomic on POSIX file systems. A
 * running server thus finds a complete build at dist/web at every instant,
 * the previous one or the new one, where `vite build` would have emptied
 * dist/web and written it again.
 *
 * The new build also keeps the hashed files of /assets/ that the previous
 * build made itself, so that a page loaded from it can still fetch a
 * screen's code after the swap. The files it had kept from the build
 * before are dropped, so at most two builds' assets stay. The previous
 * build's folder stays until the next build, and an older one for
 * REPLACED_BUILD_GRACE_MS after a newer build replaced it.
 */
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * File that lists the names of the files a build wrote in its assets
 * folder, without those it kept from the previous build. A leading dot
 * keeps the server from serving it (see web-app.ts).
 */
export const OWN_ASSETS_FILE = '.own-assets.json';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Milliseconds that a build's folder stays after a newer build replaced it,
 * beside the previous build, which stays until the next build anyway. The
 * server resolves the link once per request and reads the files from that
 * folder (see web-app.ts), so the folder must outlive those reads even when
 * builds follow each other quickly.
 */
export const REPLACED_BUILD_GRACE_MS = 60_000;

/** Builds the web app with vite.config.ts into `target`'s sibling `<name>.next`, then swaps it in. */
export async function buildWebApp(target = join(repoRoot, 'dist/web')): Promise<void> {
  const staged = siblingPath(target, 'next');
  rmSync(staged, { recursive: true, force: true });
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.config.ts'), build: { outDir: staged, emptyOutDir: true } });
  replaceBuild(target, staged);
}

/**
 * Makes the complete build `staged` the one that `target`, the path the
 * server reads, shows. The previous build's own assets are first copied
 * into the new one, where the new build has no file of the same name.
 * `staged` then moves to `<target>.builds/<version>`, and `target` becomes
 * a symbolic link to it in one rename. Only the new and the previous
 * build's folders stay in `<target>.builds`, and those that a newer build
 * replaced less than REPLACED_BUILD_GRACE_MS ago.
 */
export function replaceBuild(target: string, staged: string, now = Date.now()): void {
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

  const builds = siblingPath(target, 'builds');
  mkdirSync(builds, { recursive: true });
  const movedName = `${newVersion(now)}-moved`;
  const version = newVersion(now);
  renameSync(staged, join(builds, version));
  const previous = moveOutPreviousBuild(target, builds, movedName);

  // rename(2) replaces the old link in one step, so `target` never goes missing.
  // NOTE: Windows creates the link only for a user allowed to create symbolic links.
  const link = siblingPath(target, `link-${randomBytes(4).toString('hex')}`);
  symlinkSync(relative(dirname(target), join(builds, version)), link, 'dir');
  renameSync(link, target);

  removeReplacedBuilds(builds, [version, previous], now);
  // A folder that the earlier two-rename swap left behind when it stopped half-way.
  rmSync(siblingPath(target, 'old'), { recursive: true, force: true });
}

/**
 * Returns the name, in `builds`, of the folder of the build that `target`
 * shows now, or null when there is none. A link to a folder elsewhere
 * stays where it is, and its name is not returned.
 *
 * A `target` that is a folder itself, written by the earlier swap or by
 * `vite build` directly, moves into `builds` first. Until the link
 * replaces it, a moment later, `target` is missing, but only on this first
 * build after such a folder.
 */
function moveOutPreviousBuild(target: string, builds: string, movedName: string): string | null {
  let entry;
  try {
    entry = lstatSync(target);
  } catch {
    return null;
  }
  if (entry.isSymbolicLink()) {
    const current = resolve(dirname(target), readlinkSync(target));
    return dirname(current) === resolve(builds) ? basename(current) : null;
  }
  renameSync(target, join(builds, movedName));
  return movedName;
}

/**
 * Removes the build folders of `builds` but those of `kept` and those that
 * a newer build replaced less than REPLACED_BUILD_GRACE_MS before `now`.
 * Names sort in the order the builds were swapped in, so the name after a
 * folder's gives the time a newer build replaced it.
 */
function removeReplacedBuilds(builds: string, kept: (string | null)[], now: number): void {
  const names = readdirSync(builds).sort();
  names.forEach((name, index) => {
    if (kept.includes(name)) return;
    const replacedAt = versionTime(names[index + 1]);
    if (replacedAt !== null && now - replacedAt < REPLACED_BUILD_GRACE_MS) return;
    rmSync(join(builds, name), { recursive: true, force: true });
  });
}

/** Returns a folder name for a build swapped in at `time`: the time, sortable, and a random part that keeps two builds of one millisecond apart. */
function newVersion(time: number): string {
  const stamp = new Date(time).toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

/** Returns the time in a folder name from newVersion, in milliseconds, or null for another name. */
function versionTime(name: string | undefined): number | null {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/.exec(name ?? '');
  if (!parts) return null;
  const [year, month, day, hour, minute, second, millisecond] = parts.slice(1).map(Number) as number[];
  return Date.UTC(year as number, (month as number) - 1, day, hour, minute, second, millisecond);
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

function siblingPath(target: string, suffix: string): string {
  return join(dirname(target), `${basename(target)}.${suffix}`);
}
