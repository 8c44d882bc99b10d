// start --tls / --mtls and `partner cert`: HTTPS from the local CA, and a handshake refused without a client certificate it issued.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startSandbox, type RunningSandbox } from '../../src/main.js';
import { issueClientCertificate, loadOrCreateCa } from '../../src/tls/local-ca.js';
import { TEST_SIZES } from '../support/sandbox.js';

let dir: string;
let mtls: RunningSandbox;
const files = (name: string) => ({ cert: readFileSync(join(dir, 'certs', `${name}.cert.pem`), 'utf8'), key: readFileSync(join(dir, 'certs', `${name}.key.pem`), 'utf8') });
const caPem = () => readFileSync(join(dir, 'tls', 'ca.cert.pem'), 'utf8');

const start = (tls: 'tls' | 'mtls') =>
  startSandbox(loadConfig({}, { port: 0, dataFile: undefined, tlsDir: join(dir, 'tls'), tls, clock: { kind: 'manual' }, storeFlushMs: 5, sizes: TEST_SIZES }), createLogger('silent'), []);

/** GET over HTTPS, trusting only the local CA; resolves with the status or rejects with the TLS error. */
function get(url: string, client: { cert?: string; key?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: caPem(), ...client }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hie-tls-'));
  expect(await runCli(['partner', 'cert', 'acme', '--data', join(dir, 'sandbox.json'), '--out', join(dir, 'certs')], () => undefined)).toBe(0);
  mtls = await start('mtls');
});
afterAll(async () => {
  await mtls?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('partner cert', () => {
  it('writes the partner\'s certificate, a private key only its owner can read, and the CA beside the data file', () => {
    const { cert, key } = files('acme');
    expect(cert).toContain('BEGIN CERTIFICATE');
    expect(key).toContain('BEGIN PRIVATE KEY');
    expect(statSync(join(dir, 'certs', 'acme.key.pem')).mode & 0o077).toBe(0);
    expect(readFileSync(join(dir, 'certs', 'ca.cert.pem'), 'utf8')).toBe(caPem());
  });
  it('refuses a name that is not a partner name', async () => {
    expect(await runCli(['partner', 'cert', '../evil', '--data', join(dir, 'sandbox.json'), '--out', join(dir, 'certs')], () => undefined)).toBe(2);
  });
});

describe('start --mtls', () => {
  it('serves HTTPS at an https base URL with a certificate the local CA signed for 127.0.0.1', async () => {
    expect(mtls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(`${mtls.url}/admin/health`, files('acme'))).toBe(200);
  });
  it('refuses the connection without a client certificate, before any HTTP', async () => {
    await expect(get(`${mtls.url}/admin/health`)).rejects.toThrow(/certificate|socket hang up|ECONNRESET|EPROTO/i);
  });
  it('refuses a client certificate from another CA', async () => {
    const foreign = issueClientCertificate(loadOrCreateCa(join(dir, 'other-ca'), Date.now()), 'acme', Date.now());
    await expect(get(`${mtls.url}/admin/health`, { cert: foreign.certPem, key: foreign.keyPem })).rejects.toThrow();
  });
});

describe('start --tls', () => {
  it('serves HTTPS without asking for a client certificate, with the CA kept across restarts', async () => {
    const before = caPem();
    const tls = await start('tls');
    try {
      expect(await get(`${tls.url}/admin/health`)).toBe(200);
      expect(caPem()).toBe(before);
    } finally {
      await tls.stop();
    }
  });
});
