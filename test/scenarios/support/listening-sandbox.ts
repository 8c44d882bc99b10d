// An in-process test sandbox listening on port 0, so the scenario runner can reach it over HTTP as it would a remote one.
import { createServer } from 'node:http';
import type { Sandbox } from '../../../src/app.js';
import type { SystemFactory } from '../../../src/app-deps.js';
import { createSandboxClient, type ScenarioTarget } from '../../../src/scenarios/index.js';
import { createTestSandbox } from '../../support/sandbox.js';
import type { ConfigOverrides } from '../../../src/config.js';

export interface ListeningSandbox {
  sandbox: Sandbox;
  url: string;
  target(partner?: string, driverUrl?: string): ScenarioTarget;
  close(): Promise<void>;
}

export async function startListeningSandbox(systems: readonly SystemFactory[], config: ConfigOverrides = {}): Promise<ListeningSandbox> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const sandbox = await createTestSandbox({ systems, config: { port, baseUrl: url, auth: false, ...config } });
  server.on('request', sandbox.app);
  return {
    sandbox,
    url,
    target: (partner = 'demo', driverUrl) => ({ sandbox: createSandboxClient(url), partner, driverUrl, settleMs: 0 }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sandbox.close();
    },
  };
}
