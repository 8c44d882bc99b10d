#!/usr/bin/env node
// `npm start`'s pre-step: builds only when a source is newer than the last complete build (dist/.build-stamp).
//   node scripts/build-if-stale.mjs            build if stale
//   node scripts/build-if-stale.mjs --stamp    mark the build complete (the last step of `npm run build`)
//   node scripts/build-if-stale.mjs --dry-run  print "fresh" or "stale: <newest source>" and exit
// Options: --root <dir> (default: the repository this script is in).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the build reads: the sources (TypeScript, the dashboard's assets), its bundling step and the files that configure it. */
const INPUTS = ['src', 'scripts/bundle.mjs', 'scripts/r4-elements.mjs', 'scripts/cli-loader.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const STAMP = join('dist', '.build-stamp');

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? '.') : resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest file under the inputs, as `{ path, mtimeMs }`, or undefined when there is none. */
function newestInput() {
  let newest;
  const visit = (path) => {
    let st;
    try {
      st = statSync(path);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else if (!newest || st.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: st.mtimeMs };
  };
  for (const input of INPUTS) visit(join(root, input));
  return newest;
}

function stampTime() {
  try {
    return statSync(join(root, STAMP)).mtimeMs;
  } catch {
    return undefined;
  }
}

if (args.includes('--stamp')) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, STAMP), `${new Date().toISOString()}\n`);
  process.exit(0);
}

const stamp = stampTime();
const newest = newestInput();
const stale = stamp === undefined ? 'no complete build in dist/' : newest && newest.mtimeMs > stamp ? relative(root, newest.path) : undefined;

if (args.includes('--dry-run')) {
  process.stdout.write(stale ? `stale: ${stale}\n` : 'fresh\n');
  process.exit(0);
}
if (!stale) process.exit(0);
process.stderr.write(`building (${stale} is newer than the last build)\n`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
