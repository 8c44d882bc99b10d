// Starts one sandbox: loadConfig -> buildDeps (opens the store) -> createApp -> listen; signals; nothing else.
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createApp, type Sandbox } from './app.js';
import { defaultKeyCacheFile } from './auth/index.js';
import type { SystemFactory } from './app-deps.js';
import type { Config } from './config.js';
import { buildDeps } from './deps.js';
import { isLoopback } from './http/host-names.js';
import type { Logger } from './fhir/index.js';
import { DEFAULT_SYSTEMS } from './systems.js';
import { tlsServerOptions } from './tls/server-options.js';

export interface RunningSandbox {
  sandbox: Sandbox;
  server: Server;
  /** The URL it listens on (with the real port when port 0 was asked). */
  url: string;
  stop(): Promise<void>;
}

/** Builds and listens. The caller decides what to do with signals (see `handleSignals`). */
export async function startSandbox(config: Config, log: Logger, systems: readonly SystemFactory[] = DEFAULT_SYSTEMS): Promise<RunningSandbox> {
  // Port 0 asks the OS for a free port; identifier systems and links must carry the real one,
  // so it is found before the sandbox is built. Nothing listens until the app can answer.
  if (!isLoopback(config.host) && !config.adminToken) throw new Error(`refusing to listen on ${config.host} without an admin token (config.adminToken)`);
  const port = config.port === 0 ? await freePort(config.host) : config.port;
  const effective: Config = config.port === 0 ? Object.freeze({ ...config, port, baseUrl: config.baseUrl.replace(/:0$/, `:${port}`) }) : config;
  const deps = await buildDeps(effective, { log, keyCacheFile: effective.dataFile ? undefined : defaultKeyCacheFile() });
  const sandbox = await createApp(deps, systems);
  const server: Server = config.tls === 'off' ? createServer(sandbox.app) : createHttpsServer(tlsServerOptions(config.tls, config.tlsDir, [config.host, new URL(effective.baseUrl).hostname], Date.now()), sandbox.app);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, config.host, () => resolve());
    });
  } catch (err) {
    await sandbox.close();
    throw err;
  }
  sandbox.attach(server);
  // The heap's headroom is process-wide, and V8 reads it at every full collection. Bound once the sandbox is built,
  // so building the population keeps V8's own (faster-growing, fewer collections) heuristics.
  sandbox.heap.start();
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

/**
 * A stop never takes longer than this. Every acknowledged change is already in the write-ahead log (a response
 * waits for its commit), so exiting at the deadline loses nothing; the log is replayed at the next start.
 */
export const SHUTDOWN_DEADLINE_MS = 1800;

/** Stops cleanly (store committed, log folded into the data file when there is time) on SIGINT/SIGTERM, then exits. */
export function handleSignals(running: RunningSandbox, log: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info('shutting down', { signal });
    setTimeout(() => {
      log.warn('shutdown deadline reached; the write-ahead log holds every acknowledged change', { deadlineMs: SHUTDOWN_DEADLINE_MS });
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
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

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
