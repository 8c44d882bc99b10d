import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { CLI_ENTRY, REPO_ROOT } from '../support/cli-entry.js';

let dir: string;
let out: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hie-cli-'));
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

// A URL where no sandbox answers, so admin commands act on the data file.
const NOBODY = 'http://127.0.0.1:9';

describe('the CLI', () => {
  it('adds and lists partners in the data file when no sandbox is running', async () => {
    const data = join(dir, 'sandbox.json');
    expect(await runCli(['partner', 'add', 'clinic-a', '--url', NOBODY, '--data', data, '--patients', '50'])).toBe(0);
    expect(out).toMatch(/client_id\s+clinic-a-pos/);
    out = '';
    expect(await runCli(['partner', 'list', '--json', '--url', NOBODY, '--data', data, '--patients', '50'])).toBe(0);
    expect(JSON.parse(out).map((p: { name: string }) => p.name)).toEqual(['clinic-a', 'demo']);
  });

  it('resets the data file to the seeded state', async () => {
    const data = join(dir, 'sandbox.json');
    await runCli(['partner', 'add', 'clinic-b', '--url', NOBODY, '--data', data, '--patients', '50']);
    expect(await runCli(['reset', '--url', NOBODY, '--data', data, '--patients', '50'])).toBe(0);
    const stored = JSON.parse(await readFile(data, 'utf8'));
    expect(Object.keys(stored.collections.partners)).toEqual(['demo']);
  });

  it('exits 2 with a readable message for a user mistake', async () => {
    let err = '';
    const code = await runCli(['partner', 'add', 'Bad Name', '--url', NOBODY, '--data', join(dir, 's.json'), '--patients', '50'], (t) => (err += t));
    expect(code).toBe(2);
    expect(err).toMatch(/^hie-sandbox: partner name "Bad Name" must be/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad option value and 0 on --help', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(['start', '--clock', 'sometimes'])).toBe(2);
    expect(await runCli(['start', '--port', '99999'])).toBe(2);
    expect(await runCli(['start', '--help'])).toBe(0);
    expect(out).toMatch(/--ephemeral/);
  });
});

describe('hie-sandbox start', () => {
  it('prints one banner, serves health, and flushes the store on SIGTERM', async () => {
    const data = join(dir, 'sandbox.json');
    const child = spawn(process.execPath, [CLI_ENTRY, 'start', '--port', '0', '--data', data, '--patients', '100', '--log', 'error'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let banner = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        banner += c.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
        if (m && banner.includes('Demo partner')) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before the banner`)));
    });
    expect(banner).toMatch(/Token endpoint \(PLR, HCIM\)\s+http:\/\/127\.0\.0\.1:\d+\/auth\/realms\/moh_applications/);
    expect(banner).toMatch(/client_id demo-pos, client_secret demo-secret/);
    const health = (await (await fetch(`${url}/admin/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    await fetch(`${url}/admin/partners`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'late-write' }) });
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const stored = JSON.parse(await readFile(data, 'utf8'));
    expect(Object.keys(stored.collections.partners).sort()).toEqual(['demo', 'late-write']);
  });
});
