/**
 * `npm run build` writes the new build beside the served path and swaps it
 * in: the served path becomes a link to the build's versioned folder. The
 * swap keeps the assets that the previous build wrote itself, and the
 * previous build's folder until the next build.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWN_ASSETS_FILE, REPLACED_BUILD_GRACE_MS, replaceBuild } from '../../src/server/web-build.ts';

let parent: string;
let target: string;
let staged: string;

/** Writes a build into `folder`, with an index.html that references `hash` and one asset file per name. */
function writeBuild(folder: string, hash: string, assets: string[]) {
  mkdirSync(join(folder, 'assets'), { recursive: true });
  writeFileSync(join(folder, 'index.html'), `<script src="/assets/index-${hash}.js"></script>`);
  for (const name of assets) writeFileSync(join(folder, 'assets', name), name);
}

function assetsOf(folder: string): string[] {
  return readdirSync(join(folder, 'assets')).sort();
}

/** Returns the names of the build folders beside `target`, oldest first. */
function buildsOf(): string[] {
  return readdirSync(join(parent, 'web.builds')).sort();
}

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'comptoir-build-'));
  target = join(parent, 'web');
  staged = join(parent, 'web.next');
});

afterEach(() => {
  rmSync(parent, { recursive: true, force: true });
});

describe('web build swap', () => {
  it('first build moves in', () => {
    writeBuild(staged, 'A1', ['index-A1.js']);
    replaceBuild(target, staged);

    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('index-A1.js');
    expect(assetsOf(target)).toEqual(['index-A1.js']);
    expect(JSON.parse(readFileSync(join(target, OWN_ASSETS_FILE), 'utf8'))).toEqual(['index-A1.js']);
    expect(readdirSync(parent).sort()).toEqual(['web', 'web.builds']);
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    expect(buildsOf()).toHaveLength(1);
    expect(readlinkSync(target)).toBe(join('web.builds', buildsOf()[0] as string));
  });

  it('keeps previous build assets', () => {
    writeBuild(staged, 'A1', ['index-A1.js', 'Screen-A1.js', 'shared-S1.js']);
    replaceBuild(target, staged);
    writeBuild(staged, 'B2', ['index-B2.js', 'Screen-B2.js', 'shared-S1.js']);
    writeFileSync(join(staged, 'assets', 'shared-S1.js'), 'new content');
    replaceBuild(target, staged);

    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('index-B2.js');
    expect(assetsOf(target)).toEqual(['Screen-A1.js', 'Screen-B2.js', 'index-A1.js', 'index-B2.js', 'shared-S1.js']);
    // When both builds wrote the same name, the new build's file is kept.
    expect(readFileSync(join(target, 'assets', 'shared-S1.js'), 'utf8')).toBe('new content');
    const own = JSON.parse(readFileSync(join(target, OWN_ASSETS_FILE), 'utf8')) as string[];
    expect(own.sort()).toEqual(['Screen-B2.js', 'index-B2.js', 'shared-S1.js']);
    expect(readdirSync(parent).sort()).toEqual(['web', 'web.builds']);
  });

  it('drops assets of older builds', () => {
    writeBuild(staged, 'A1', ['index-A1.js']);
    replaceBuild(target, staged);
    writeBuild(staged, 'B2', ['index-B2.js']);
    replaceBuild(target, staged);
    writeBuild(staged, 'C3', ['index-C3.js']);
    replaceBuild(target, staged);

    expect(assetsOf(target)).toEqual(['index-B2.js', 'index-C3.js']);
  });

  it('build without list keeps every asset', () => {
    // A folder that `vite build` wrote directly has no list of its own assets.
    writeBuild(target, 'A1', ['index-A1.js', 'Screen-A1.js']);
    writeBuild(staged, 'B2', ['index-B2.js']);
    replaceBuild(target, staged);

    expect(assetsOf(target)).toEqual(['Screen-A1.js', 'index-A1.js', 'index-B2.js']);
  });

  it('list names outside assets are skipped', () => {
    writeBuild(target, 'A1', ['index-A1.js']);
    writeFileSync(join(target, 'secret.txt'), 'outside');
    writeFileSync(join(target, OWN_ASSETS_FILE), JSON.stringify(['index-A1.js', '../secret.txt', '..', 7]));
    writeBuild(staged, 'B2', ['index-B2.js']);
    replaceBuild(target, staged);

    expect(assetsOf(target)).toEqual(['index-A1.js', 'index-B2.js']);
    expect(existsSync(join(target, 'secret.txt'))).toBe(false);
  });

  it('unreadable list keeps every asset', () => {
    writeBuild(target, 'A1', ['index-A1.js']);
    writeFileSync(join(target, OWN_ASSETS_FILE), 'not json');
    writeBuild(staged, 'B2', ['index-B2.js']);
    replaceBuild(target, staged);

    expect(assetsOf(target)).toEqual(['index-A1.js', 'index-B2.js']);
  });

  it('leftover retired folder is removed', () => {
    mkdirSync(join(parent, 'web.old'));
    writeBuild(target, 'A1', ['index-A1.js']);
    writeBuild(staged, 'B2', ['index-B2.js']);
    replaceBuild(target, staged);

    expect(readdirSync(parent).sort()).toEqual(['web', 'web.builds']);
  });

  it('keeps the previous build folder', () => {
    const served: string[] = [];
    const start = Date.UTC(2026, 11, 6, 9, 0, 0);
    for (const [index, hash] of ['A1', 'B2', 'C3'].entries()) {
      writeBuild(staged, hash, [`index-${hash}.js`]);
      // Builds two minutes apart, longer than the grace of a replaced build.
      replaceBuild(target, staged, start + index * 2 * 60_000);
      served.push(readlinkSync(target));
    }

    const [, second, third] = served.map((link) => link.replace('web.builds/', ''));
    expect(buildsOf()).toEqual([second, third]);
    expect(readFileSync(join(parent, 'web.builds', second as string, 'index.html'), 'utf8')).toContain('index-B2.js');
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('index-C3.js');
  });

  it('keeps a just replaced build', () => {
    const start = Date.UTC(2026, 11, 6, 9, 0, 0);
    for (const [index, hash] of ['A1', 'B2', 'C3'].entries()) {
      writeBuild(staged, hash, [`index-${hash}.js`]);
      replaceBuild(target, staged, start + index * 1000);
    }
    // The first build was replaced 2 s before the third swap, within the grace.
    expect(buildsOf()).toHaveLength(3);

    writeBuild(staged, 'D4', ['index-D4.js']);
    replaceBuild(target, staged, start + 2000 + REPLACED_BUILD_GRACE_MS);
    // The second build was replaced exactly the grace before the fourth swap.
    expect(buildsOf()).toHaveLength(2);
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('index-D4.js');
  });

  it('served folder moves aside once', () => {
    // dist/web as the earlier swap or `vite build` left it: a folder, not a link.
    writeBuild(target, 'A1', ['index-A1.js']);
    writeBuild(staged, 'B2', ['index-B2.js']);
    replaceBuild(target, staged);

    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('index-B2.js');
    const moved = buildsOf().filter((name) => name.endsWith('-moved'));
    expect(moved).toHaveLength(1);
    expect(readFileSync(join(parent, 'web.builds', moved[0] as string, 'index.html'), 'utf8')).toContain('index-A1.js');
    expect(buildsOf()).toHaveLength(2);
  });

  it('link survives a moved parent', () => {
    writeBuild(staged, 'A1', ['index-A1.js']);
    replaceBuild(target, staged);
    const movedParent = `${parent}-moved`;
    renameSync(parent, movedParent);
    parent = movedParent;

    expect(readFileSync(join(parent, 'web', 'index.html'), 'utf8')).toContain('index-A1.js');
  });

  it('link elsewhere is replaced', () => {
    const elsewhere = join(parent, 'elsewhere');
    writeBuild(elsewhere, 'A1', ['index-A1.js']);
    symlinkSync(elsewhere, target);
    writeBuild(staged, 'B2', ['index-B2.js']);
    replaceBuild(target, staged);

    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('index-B2.js');
    expect(assetsOf(target)).toEqual(['index-A1.js', 'index-B2.js']);
    expect(existsSync(join(elsewhere, 'index.html'))).toBe(true);
    expect(buildsOf()).toHaveLength(1);
  });
});
