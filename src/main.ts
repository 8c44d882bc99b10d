// Starts one sandbox: loadConfig -> buildDeps (opens the store) -> createApp -> listen; signals; nothing else.
import { createServer, type Server } from 'node:http';
import { createApp, type Sandbox } from './app.js';
import type { SystemFactory } from './app-deps.js';
import type { Config } from './config.js';
import { buildDeps } from './deps.js';
import type { Logger } from './fhir/index.js';
import { DEFAULT_SYSTEMS } from './systems.js';

export interface RunningSandbox {
  sandbox: Sandbox;
  server: Server;
  /** The URL it listens on (with the real port when port 0 was asked). */
  url: string;
  stop(): Promise<void>;
}

/** Builds and listens. The caller decides what to do with signals (see `handleSignals`). */
export async function startSandbox(config: Config, log: Logger, systems: readonly SystemFactory[] = DEFAULT_SYSTEMS): Promise<RunningSandbox> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Port 0 asks the OS for a port; identifier systems and links must carry the real one.
  const effective: Config = config.port === 0 ? Object.freeze({ ...config, port, baseUrl: config.baseUrl.replace(/:0$/, `:${port}`) }) : config;
  const deps = await buildDeps(effective, { log });
  const sandbox = await createApp(deps, systems);
  server.on('request', sandbox.app);
  sandbox.attach(server);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sandbox.close();
    })());
  return { sandbox, server, url: effective.baseUrl, stop };
}

/** Stops cleanly (store flushed) on SIGINT/SIGTERM, then exits. */
export function handleSignals(running: RunningSandbox, log: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info('shutting down', { signal });
    running
      .stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error('shutdown failed', { error: String(err) });
        process.exit(1);
      });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
