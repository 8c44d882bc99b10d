import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One module graph per worker, reused across files: importing the whole sandbox again for each of 110 files
    // was a third of the suite's CPU time. Tests share nothing else: each builds its own sandbox and store.
    isolate: false,
    globalSetup: ['test/support/global-setup.ts'],
    // Vitest's default is one worker per CPU minus one: a single worker on a 2-core machine. Most test files
    // spend their time waiting (sockets, child processes, Chromium), so two files run side by side.
    maxWorkers: 2,
  },
});
