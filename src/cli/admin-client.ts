// How a CLI command reaches the admin API: the running sandbox at --url, or a short-lived one over the data file.
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { createApp } from '../app.js';
import { DEFAULT_PORT } from '../config.js';
import { buildDeps } from '../deps.js';
import { createLogger } from '../log.js';
import { DataFileInUseError } from '../store/index.js';
import { DEFAULT_SYSTEMS } from '../systems.js';
import { UsageError } from './errors.js';
import { configFromFlags, type SandboxFlags } from './options.js';
import { addDataFileOptions } from './start-command.js';

export const DEFAULT_URL = `http://127.0.0.1:${DEFAULT_PORT}`;

export type AdminFlags = SandboxFlags & { url: string };

/** Calls `/admin{path}`; a 4xx becomes a UsageError carrying the outcome's text. */
export type AdminCall = (method: string, path: string, body?: unknown) => Promise<unknown>;

/**
 * Adds `--url` and the data-file options to a command that acts through the admin API. A command that only
 * reads says so: with no sandbox at `--url` it reads the data file and changes nothing.
 */
export function withTargetOptions(cmd: Command, access: 'reads' | 'changes' = 'changes'): Command {
  const fallback = access === 'reads' ? 'else the data file is read' : 'else the data file is changed';
  return addDataFileOptions(cmd.option('--url <url>', `a running sandbox to ${access === 'reads' ? 'read from' : 'act on'} (${fallback})`, DEFAULT_URL));
}

/**
 * How long a command waits for a sandbox's health answer before it takes none to be running there. Nobody
 * listening is known at once; this bounds only a sandbox too busy to answer (a loaded machine: 1.5 s was too short).
 */
const PROBE_MS = 5_000;

/** True when a sandbox answers its health route at `url`. */
export async function sandboxAnswers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/admin/health`, { signal: AbortSignal.timeout(PROBE_MS) })).ok;
  } catch {
    return false;
  }
}

/** An admin API client for the sandbox at `base`; sends the admin token (`HIE_SANDBOX_ADMIN_TOKEN`) when one is set. */
export function adminCaller(base: string, token: string | undefined = process.env.HIE_SANDBOX_ADMIN_TOKEN || undefined): AdminCall {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return async (method, path, body) => {
    const res = await fetch(`${base}/admin${path}`, {
      method,
      headers: body === undefined ? auth : { ...auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as { issue?: Array<{ diagnostics?: string }> };
    if (res.status >= 400 && res.status < 500) throw new UsageError(json.issue?.[0]?.diagnostics ?? `HTTP ${res.status}`);
    if (!res.ok) throw new Error(`the sandbox answered HTTP ${res.status}`);
    return json;
  };
}

/**
 * Runs `fn` against the sandbox running at `--url`; when none answers, opens the data file and serves
 * the same admin API on a private port for the length of the command, so both paths behave alike.
 */
export async function withAdmin<T>(flags: AdminFlags, fn: (call: AdminCall, where: string) => Promise<T>): Promise<T> {
  const url = flags.url.replace(/\/$/, '');
  if (await sandboxAnswers(url)) return fn(adminCaller(url), `the sandbox running at ${url}`);
  const config = configFromFlags(flags, process.env);
  if (!config.dataFile) throw new UsageError(`no sandbox answers at ${url}, and --ephemeral leaves no data file to change`);
  const deps = await buildDeps(config, { log: createLogger('error') }).catch((err: unknown) => {
    if (err instanceof DataFileInUseError) throw new UsageError(`no sandbox answers at ${url}, and ${err.message}`);
    throw err;
  });
  const sandbox = await createApp(deps, DEFAULT_SYSTEMS);
  const token = sandbox.deps.admin?.token();
  const server = sandbox.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    return await fn(adminCaller(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, token), `the data file ${config.dataFile}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await sandbox.close();
  }
}

/** The same client with every path under `prefix` (e.g. `/plr`). */
export function scopedCall(call: AdminCall, prefix: string): AdminCall {
  return (method, path, body) => call(method, `${prefix}${path}`, body);
}
