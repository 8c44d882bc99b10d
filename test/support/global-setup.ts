// Runs once before the suite: the tests that start the real CLI as a child process run the built `dist/`, so the
// build is brought up to date first (a no-op when it is fresh, as after `npm ci`, whose `prepare` builds).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const run = spawnSync(process.execPath, [join(import.meta.dirname, '../../scripts/build-if-stale.mjs')], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`the build failed (exit ${run.status}); the CLI tests run dist/`);
}
