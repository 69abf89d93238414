/**
 * Swaps small builds into a web root one after the other, as `npm run
 * build` does at its end, for the test that polls a server meanwhile. Run
 * as `node --import tsx test/helpers/swap-builds.ts TARGET SECONDS`. Each
 * build writes an index.html and a favicon.svg whose contents change from
 * build to build, and the same shared asset, so every build serves the
 * same three paths.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceBuild } from '../../src/server/web-build.ts';

const [target, seconds] = process.argv.slice(2);
if (!target || !seconds) throw new Error('usage: swap-builds.ts TARGET SECONDS');

const staged = `${target}.next`;
const end = Date.now() + Number(seconds) * 1000;
let count = 0;
while (Date.now() < end) {
  count += 1;
  const hash = count.toString(16);
  mkdirSync(join(staged, 'assets'), { recursive: true });
  writeFileSync(join(staged, 'index.html'), `<!doctype html><script type="module" src="/assets/index-${hash}.js"></script>`);
  writeFileSync(join(staged, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg"><title>${hash}</title></svg>`);
  writeFileSync(join(staged, 'assets', `index-${hash}.js`), `console.log('${hash}');`);
  writeFileSync(join(staged, 'assets', 'shared.js'), 'export const shared = true;');
  replaceBuild(target, staged);
}
process.stdout.write(`${count}\n`);
