/**
 * `npm run build` writes the new build beside the served folder and swaps
 * it in. The swap keeps the assets that the previous build wrote itself.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWN_ASSETS_FILE, replaceBuild } from '../../src/server/web-build.ts';

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
    expect(readdirSync(parent)).toEqual(['web']);
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
    expect(readdirSync(parent)).toEqual(['web']);
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

  it('leftover retired folder is replaced', () => {
    mkdirSync(join(parent, 'web.old'));
    writeBuild(target, 'A1', ['index-A1.js']);
    writeBuild(staged, 'B2', ['index-B2.js']);
    replaceBuild(target, staged);

    expect(readdirSync(parent)).toEqual(['web']);
  });
});
