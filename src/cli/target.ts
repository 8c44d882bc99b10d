// Where an admin command acts: a running sandbox (through its admin API) or the data file directly.
import { createApp, type Sandbox } from '../app.js';
import type { Config } from '../config.js';
import { buildDeps } from '../deps.js';
import { createLogger } from '../log.js';
import type { Partner } from '../partners/index.js';
import { PartnerError } from '../partners/index.js';
import { DEFAULT_SYSTEMS } from '../systems.js';
import { UsageError } from './errors.js';

export interface AdminTarget {
  readonly description: string;
  listPartners(): Promise<Partner[]>;
  addPartner(name: string): Promise<Partner>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Uses the sandbox answering at `url` if there is one, else opens `config.dataFile`. */
export async function openTarget(url: string, config: Config): Promise<AdminTarget> {
  if (await answers(url)) return httpTarget(url);
  if (!config.dataFile) throw new UsageError(`no sandbox answers at ${url}, and --ephemeral leaves no data file to change`);
  return fileTarget(config);
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/admin/health`, { signal: AbortSignal.timeout(1500) });
    return res.ok;
  } catch {
    return false;
  }
}

function httpTarget(url: string): AdminTarget {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as T & { issue?: Array<{ diagnostics?: string }> };
    if (res.status >= 400 && res.status < 500) throw new UsageError(json.issue?.[0]?.diagnostics ?? `HTTP ${res.status}`);
    if (!res.ok) throw new Error(`the sandbox at ${url} answered HTTP ${res.status}`);
    return json;
  };
  return {
    description: `the sandbox running at ${url}`,
    listPartners: () => call<Partner[]>('GET', '/partners'),
    addPartner: (name) => call<Partner>('POST', '/partners', { name }),
    reset: async () => void (await call('POST', '/reset')),
    close: async () => undefined,
  };
}

async function fileTarget(config: Config): Promise<AdminTarget> {
  const deps = await buildDeps(config, { log: createLogger('error') });
  const sandbox: Sandbox = await createApp(deps, DEFAULT_SYSTEMS);
  return {
    description: `the data file ${config.dataFile}`,
    listPartners: async () => deps.partners.list(),
    addPartner: async (name) => {
      try {
        return deps.partners.add({ name }, deps.clock.iso());
      } catch (err) {
        if (err instanceof PartnerError) throw new UsageError(err.message);
        throw err;
      }
    },
    reset: async () => sandbox.reset(),
    close: () => sandbox.close(),
  };
}
