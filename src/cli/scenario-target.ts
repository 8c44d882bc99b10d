// Where `scenario run` and `conformance` act: the sandbox at --url (as every other command), or one started in-process when asked.
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { startSandbox } from '../main.js';
import { createSandboxClient, type SandboxClient } from '../scenarios/index.js';
import { sandboxAnswers } from './admin-client.js';
import { UsageError } from './errors.js';

export interface TargetFlags {
  url: string;
  inProcess?: boolean;
}

export interface ScenarioSandbox {
  client: SandboxClient;
  url: string;
  where: 'running' | 'in-process';
  version: string;
  seed?: number;
  close(): Promise<void>;
}

/** Opens the target and prints which one it is; a URL nobody answers at is a usage error naming both ways out. */
export async function openScenarioSandbox(flags: TargetFlags, print: (line: string) => void): Promise<ScenarioSandbox> {
  let url = flags.url.replace(/\/$/, '');
  let close = async (): Promise<void> => undefined;
  // The admin token: the in-process sandbox's own, else HIE_SANDBOX_ADMIN_TOKEN for a running one.
  const token = process.env.HIE_SANDBOX_ADMIN_TOKEN;
  let adminHeaders = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  if (flags.inProcess) {
    const config = loadConfig(process.env, { port: 0, host: '127.0.0.1', dataFile: undefined, clock: { kind: 'manual' }, baseUrl: 'http://127.0.0.1:0' });
    const running = await startSandbox(config, createLogger('error'));
    url = running.url;
    close = () => running.stop();
    adminHeaders = () => running.sandbox.deps.admin?.headers() ?? {};
    print(`target: an in-process sandbox at ${url} (--in-process: manual clock, in-memory store, only the demo partner; it and its journal are gone when the command ends)`);
  } else {
    if (!(await sandboxAnswers(url))) throw new UsageError(`no sandbox answers at ${url}; start one with "hie-sandbox start", point --url at yours, or pass --in-process to run on a throw-away sandbox`);
    print(`target: the sandbox running at ${url}`);
  }
  const client = createSandboxClient(url, fetch, adminHeaders);
  const health = await client.admin<{ version: string; seed?: number }>('GET', '/health');
  return { client, url, where: flags.inProcess ? 'in-process' : 'running', version: health.version, seed: health.seed, close };
}

/** A partner the target does not know is a usage error naming the known ones: nothing is run or written. */
export async function assertPartner(target: ScenarioSandbox, partner: string): Promise<void> {
  const res = await target.client.request('GET', `/admin/partners/${encodeURIComponent(partner)}`);
  if (res.status === 200) return;
  const known = ((await target.client.admin<Array<{ name: string }>>('GET', '/partners')) ?? []).map((p) => p.name);
  throw new UsageError(`no partner "${partner}" on the sandbox at ${target.url}; known partners: ${known.join(', ') || 'none'}. Add one with "hie-sandbox partner add ${partner} --url ${target.url}"`);
}
