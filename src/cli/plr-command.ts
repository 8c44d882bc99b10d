// `hie-sandbox plr subscribe|subscriptions|unsubscribe|change|changes`: PLR distributions through the admin API.
import type { AddressInfo } from 'node:net';
import { Option, type Command } from 'commander';
import { createApp } from '../app.js';
import { DEFAULT_PORT } from '../config.js';
import { buildDeps } from '../deps.js';
import { createLogger } from '../log.js';
import { DEFAULT_SYSTEMS } from '../systems.js';
import { UsageError } from './errors.js';
import { configFromFlags, type SandboxFlags } from './options.js';
import { addSandboxOptions } from './start-command.js';

type Flags = SandboxFlags & { url: string };
type AdminCall = (method: string, path: string, body?: unknown) => Promise<unknown>;

const DEFAULT_URL = `http://127.0.0.1:${DEFAULT_PORT}`;

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/admin/health`, { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    return false;
  }
}

function caller(base: string): AdminCall {
  return async (method, path, body) => {
    const res = await fetch(`${base}/admin/plr${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json().catch(() => ({}))) as { issue?: Array<{ diagnostics?: string }> };
    if (res.status >= 400 && res.status < 500) throw new UsageError(json.issue?.[0]?.diagnostics ?? `HTTP ${res.status}`);
    if (!res.ok) throw new Error(`the sandbox answered HTTP ${res.status}`);
    return json;
  };
}

/** Calls the running sandbox's admin API, or opens the data file and serves the same API on a private port for one call. */
async function withAdmin<T>(flags: Flags, fn: (call: AdminCall) => Promise<T>): Promise<T> {
  const url = flags.url.replace(/\/$/, '');
  if (await answers(url)) return fn(caller(url));
  const config = configFromFlags(flags, process.env);
  if (!config.dataFile) throw new UsageError(`no sandbox answers at ${url}, and --ephemeral leaves no data file to change`);
  const sandbox = await createApp(await buildDeps(config, { log: createLogger('error') }), DEFAULT_SYSTEMS);
  const server = sandbox.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    return await fn(caller(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await sandbox.close();
  }
}

const target = (cmd: Command) => addSandboxOptions(cmd.option('--url <url>', 'a running sandbox to act on (else the data file is changed)', DEFAULT_URL));
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export function registerPlrCommands(program: Command): void {
  const plr = program.command('plr').description('PLR distributions: subscribers and registry-side changes');
  target(
    plr
      .command('subscribe <endpoint>')
      .description('send PLR distributions for every change to this endpoint')
      .addOption(new Option('--form <form>', "transaction: the seed's PUT of a transaction Bundle; distribution: the IG's $distribution Parameters (POST)").choices(['transaction', 'distribution']).default('transaction'))
      .option('--partner <name>', 'partner that owns the subscription', 'demo'),
  ).action(async (endpoint: string, flags: Flags & { form: string; partner: string }) => {
    await withAdmin(flags, async (call) => print(await call('POST', '/subscriptions', { url: endpoint, form: flags.form, partner: flags.partner })));
  });
  target(plr.command('subscriptions').description('list distribution subscriptions')).action(async (flags: Flags) => {
    await withAdmin(flags, async (call) => print(await call('GET', '/subscriptions')));
  });
  target(plr.command('unsubscribe <id>').description('remove a subscription')).action(async (id: string, flags: Flags) => {
    await withAdmin(flags, async (call) => {
      await call('DELETE', `/subscriptions/${encodeURIComponent(id)}`);
      process.stdout.write(`removed subscription ${id}\n`);
    });
  });
  target(
    plr
      .command('change <id> <change>')
      .description('a registry-side change (suspend, reinstate, inactivate, rename, touch) to an IPC or IFC; distributes it')
      .option('--reason <code>', 'licence status reason code (default SUS / GS / RET)')
      .option('--family <name>', 'new surname (rename a practitioner)')
      .option('--given <name>', 'new given name (rename a practitioner)')
      .option('--name <name>', 'new name (rename an organization or location)'),
  ).action(async (id: string, change: string, flags: Flags & { reason?: string; family?: string; given?: string; name?: string }) => {
    await withAdmin(flags, async (call) => print(await call('POST', '/changes', { id, change, reason: flags.reason, family: flags.family, given: flags.given, name: flags.name })));
  });
  target(plr.command('changes').description('list registry changes and the distributions they caused')).action(async (flags: Flags) => {
    await withAdmin(flags, async (call) => print(await call('GET', '/changes')));
  });
}
