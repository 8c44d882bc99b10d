// `hie-sandbox ocean issuer add|list|remove` against a running sandbox, and its one-line usage errors.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { runCli } from '../../src/cli/program.js';
import { createOceanSystem } from '../../src/ocean/index.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
let server: Server;
let url: string;
let out: string[];

beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [createOceanSystem] });
  server = sandbox.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await sandbox.close();
});
beforeEach(() => {
  out = [];
  vi.restoreAllMocks();
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
});

describe('hie-sandbox ocean issuer', () => {
  it('adds an issuer, lists it next to the reference EMR without its secret, and removes it', async () => {
    expect(await runCli(['ocean', 'issuer', 'add', 'https://emr.example/fhir/', '--client-id', 'ocean', '--client-secret', 'top-secret', '--label', 'My EMR', '--url', url])).toBe(0);
    expect(out.join('')).toContain(`allowed https://emr.example/fhir (client id ocean); register Ocean at your EHR with redirect URI ${url}/ocean/sso/smart/callback`);
    out.length = 0;
    expect(await runCli(['ocean', 'issuer', 'list', '--url', url])).toBe(0);
    const listed = out.join('');
    expect(listed).toMatch(/^https:\/\/emr\.example\/fhir\s+ocean\s+My EMR$/m);
    expect(listed).toMatch(/\/pos\/emr\/fhir\s+ocean-smart/);
    expect(listed).not.toContain('top-secret');
    expect(await runCli(['ocean', 'issuer', 'remove', 'https://emr.example/fhir', '--url', url])).toBe(0);
    const res = await fetch(`${url}/admin/ocean/smart-issuers`);
    expect(((await res.json()) as Array<{ iss: string }>).map((i) => i.iss)).not.toContain('https://emr.example/fhir');
  });
  it('adds a public client under a prefix: no secret, and every FHIR base below the prefix is allowed', async () => {
    expect(await runCli(['ocean', 'issuer', 'add', 'https://launcher.example/v/r4/sim', '--client-id', 'ocean-public', '--prefix', '--url', url])).toBe(0);
    expect(out.join('')).toContain('allowed https://launcher.example/v/r4/sim and every FHIR base below it (client id ocean-public, public PKCE client)');
    const listed = (await (await fetch(`${url}/admin/ocean/smart-issuers`)).json()) as Array<Record<string, unknown>>;
    expect(listed.find((i) => i.iss === 'https://launcher.example/v/r4/sim')).toEqual({ iss: 'https://launcher.example/v/r4/sim', clientId: 'ocean-public', prefix: true });
    const bad = await fetch(`${url}/admin/ocean/smart-issuers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iss: 'https://launcher.example/', clientId: 'x', prefix: true }) });
    expect(bad.status).toBe(400);
    expect(await runCli(['ocean', 'issuer', 'remove', 'https://launcher.example/v/r4/sim', '--url', url])).toBe(0);
  });
  it('exits 2 with one line for a bad iss, an unknown issuer, or no sandbox', async () => {
    const errors: string[] = [];
    expect(await runCli(['ocean', 'issuer', 'add', 'not a url', '--client-id', 'a', '--client-secret', 'b', '--url', url], (t) => errors.push(t))).toBe(2);
    expect(errors.join('')).toContain('is not an absolute URL');
    expect(await runCli(['ocean', 'issuer', 'remove', 'https://nobody.example/fhir', '--url', url], (t) => errors.push(t))).toBe(2);
    expect(errors.join('')).toContain('https://nobody.example/fhir is not on the allow-list');
    expect(await runCli(['ocean', 'issuer', 'list', '--url', 'http://127.0.0.1:1'], (t) => errors.push(t))).toBe(2);
    expect(errors.join('')).toContain('no sandbox answers at http://127.0.0.1:1');
  });
});
