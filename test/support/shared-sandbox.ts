// One sandbox for all the tests of a file that only read (or that each write their own records): built once in
// beforeAll, closed in afterAll. Building a sandbox per test is the main cost of a slow test file.
import { afterAll, beforeAll } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type { RunningSandbox } from '../../src/main.js';
import type { SystemFactory } from '../../src/app-deps.js';
import { createTestSandbox, startTestSandboxOnSocket, type TestSandboxOptions } from './sandbox.js';

/** Registers the hooks and returns a getter: `const sandbox = useSharedSandbox(); ... sandbox().app`. */
export function useSharedSandbox(options: TestSandboxOptions = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await createTestSandbox(options);
  });
  afterAll(async () => sandbox?.close());
  return () => {
    if (!sandbox) throw new Error('useSharedSandbox: the sandbox is built in beforeAll; call the getter inside a test');
    return sandbox;
  };
}

/** The same, on a real socket (port 0), for tests where a browser or the sandbox itself must reach it. */
export function useSharedSocketSandbox(systems?: readonly SystemFactory[]): () => RunningSandbox {
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    running = await startTestSandboxOnSocket(systems);
  });
  afterAll(async () => running?.stop());
  return () => {
    if (!running) throw new Error('useSharedSocketSandbox: the sandbox is built in beforeAll; call the getter inside a test');
    return running;
  };
}
