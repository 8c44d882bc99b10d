// bench/tls: what --tls / --mtls cost: creating the local CA and certificates, and a request on a new connection
// over plain HTTP, HTTPS and HTTPS with a client certificate, each against the same in-process sandbox build.
// Run: npx tsx bench/tls.ts [requests]
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { startSandbox } from '../src/main.js';
import { issueClientCertificate, issueServerCertificate, loadOrCreateCa } from '../src/tls/local-ca.js';

const n = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'hie-bench-tls-'));
const sizes = { patients: 300, practitioners: 120, organizations: 30, facilities: 40 };
const ms = (t0: number) => performance.now() - t0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

let t = performance.now();
const ca = loadOrCreateCa(join(dir, 'tls'), Date.now());
const caMs = ms(t);
t = performance.now();
issueServerCertificate(ca, ['127.0.0.1'], Date.now());
const serverMs = ms(t);
t = performance.now();
const client = issueClientCertificate(ca, 'bench', Date.now());
const clientMs = ms(t);
console.log(`certificates (RSA 2048, node:crypto keys, node-forge X.509): CA ${caMs.toFixed(1)} ms, server ${serverMs.toFixed(1)} ms, client ${clientMs.toFixed(1)} ms`);

/** One GET on a fresh connection (no keep-alive): the handshake is in every sample. */
function once(url: string, options: RequestOptions): Promise<number> {
  const started = performance.now();
  const send = url.startsWith('https') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { ...options, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(ms(started)));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const mode of ['off', 'tls', 'mtls'] as const) {
  const running = await startSandbox(loadConfig({}, { port: 0, dataFile: undefined, tlsDir: join(dir, 'tls'), tls: mode, clock: { kind: 'manual' }, sizes }), createLogger('silent'), []);
  const options: RequestOptions = mode === 'off' ? {} : { ca: ca.certPem, ...(mode === 'mtls' ? { cert: client.certPem, key: client.keyPem } : {}) };
  for (let i = 0; i < 20; i++) await once(`${running.url}/admin/health`, options);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await once(`${running.url}/admin/health`, options));
  console.log(`${mode === 'off' ? 'http (baseline)' : mode.padEnd(15)}  GET /admin/health on a new connection, ${n} requests: p50 ${pct(samples, 50).toFixed(2)} ms, p95 ${pct(samples, 95).toFixed(2)} ms`);
  await running.stop();
}
rmSync(dir, { recursive: true, force: true });
