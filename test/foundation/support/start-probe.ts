// Run by start-loads.test.ts in its own process: starts a sandbox (in memory, port 0), prints the packages loaded
// once it answers health, then the packages loaded after a first HCIM SOAP call (one JSON line each).
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const esm = new Set<string>();
port1.on('message', (url: string) => esm.add(url));
port1.unref();
register('./load-hook.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

const packages = (): string[] => {
  const files = [...esm, ...Object.keys(createRequire(import.meta.url).cache)];
  return [...new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((p): p is string => p !== undefined))].sort();
};

const { loadConfig } = await import('../../../src/config.js');
const { startSandbox } = await import('../../../src/main.js');
const { createLogger } = await import('../../../src/log.js');
const config = loadConfig({}, { port: 0, dataFile: undefined, sizes: { patients: 300, practitioners: 120, organizations: 30, facilities: 40 } });
const running = await startSandbox(config, createLogger('silent'));
if ((await fetch(`${running.url}/admin/health`)).status !== 200) throw new Error('health did not answer 200');
console.log(JSON.stringify({ started: packages() }));
await (await fetch(`${running.url}/hcim/soap`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<not-soap/>' })).text();
console.log(JSON.stringify({ afterSoap: packages() }));
await running.stop();
