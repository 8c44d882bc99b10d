// Builds an in-process sandbox for a test: in-memory store, manual clock, small population, silent log.
import { createApp, type Sandbox } from '../../src/app.js';
import type { SystemFactory } from '../../src/app-deps.js';
import { loadConfig, type ConfigOverrides } from '../../src/config.js';
import { buildDeps, type BuildDepsOptions } from '../../src/deps.js';
import { createLogger } from '../../src/log.js';
import { DEFAULT_SYSTEMS } from '../../src/systems.js';

/** Fixed start of simulated time in tests. */
export const TEST_START = Date.parse('2026-03-02T09:00:00Z');

export interface TestSandboxOptions {
  config?: ConfigOverrides;
  systems?: readonly SystemFactory[];
  deps?: Partial<BuildDepsOptions>;
}

export async function createTestSandbox(options: TestSandboxOptions = {}): Promise<Sandbox> {
  const config = loadConfig(
    {},
    {
      dataFile: undefined,
      clock: { kind: 'manual' },
      storeFlushMs: 5,
      ...options.config,
      sizes: { patients: 300, practitioners: 120, organizations: 30, facilities: 40, ...options.config?.sizes },
    },
  );
  const deps = await buildDeps(config, { log: createLogger('silent'), clockStart: TEST_START, ...options.deps });
  return createApp(deps, options.systems ?? DEFAULT_SYSTEMS);
}
