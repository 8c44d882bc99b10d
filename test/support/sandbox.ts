// Builds an in-process sandbox for a test: in-memory store, manual clock, small population, silent log.
import { createApp, type Sandbox } from '../../src/app.js';
import { defaultKeyCacheFile } from '../../src/auth/index.js';
import type { SystemFactory } from '../../src/app-deps.js';
import { loadConfig, type ConfigOverrides } from '../../src/config.js';
import { buildDeps, type BuildDepsOptions } from '../../src/deps.js';
import { createLogger } from '../../src/log.js';
import { startSandbox, type RunningSandbox } from '../../src/main.js';
import type { PopulationSizes } from '../../src/population/types.js';
import { DEFAULT_SYSTEMS } from '../../src/systems.js';

/** The small population every test sandbox generates. */
export const TEST_SIZES: PopulationSizes = { patients: 300, practitioners: 120, organizations: 30, facilities: 40 };

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
      sizes: { ...TEST_SIZES, ...options.config?.sizes },
    },
  );
  const deps = await buildDeps(config, { log: createLogger('silent'), clockStart: TEST_START, keyCacheFile: defaultKeyCacheFile(), ...options.deps });
  return createApp(deps, options.systems ?? DEFAULT_SYSTEMS);
}

/**
 * A sandbox on a real socket (port 0, manual clock, in-memory store, the test population), for tests where the
 * sandbox must call itself or a browser must reach it.
 */
export function startTestSandboxOnSocket(systems: readonly SystemFactory[] = DEFAULT_SYSTEMS): Promise<RunningSandbox> {
  const config = loadConfig({}, { port: 0, dataFile: undefined, clock: { kind: 'manual' }, storeFlushMs: 5, sizes: TEST_SIZES });
  return startSandbox(config, createLogger('silent'), systems);
}
