// The live feed's door, the start command's rule for listening beyond loopback, and a banner that tells the truth.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { settleAdminToken } from '../../src/cli/admin-token.js';
import { runCli } from '../../src/cli/program.js';
import { banner } from '../../src/cli/start-command.js';
import { loadConfig } from '../../src/config.js';
import { oceanContext } from '../../src/ocean/context.js';
import { createSandboxClient } from '../../src/scenarios/index.js';
import { createLogger } from '../../src/log.js';
import { startSandbox, type RunningSandbox } from '../../src/main.js';
import { TEST_SIZES } from '../support/sandbox.js';

const TOKEN = 'feed-test-admin-token-0123456789abcdef';
let running: RunningSandbox;
beforeAll(async () => {
  const config = loadConfig({}, { port: 0, dataFile: undefined, clock: { kind: 'manual' }, storeFlushMs: 5, sizes: TEST_SIZES, adminToken: TOKEN });
  running = await startSandbox(config, createLogger('silent'));
});
afterAll(() => running.stop());

/** Opens the feed with the given headers; resolves with the hello message or the refusal's HTTP status. */
function openFeed(headers: Record<string, string>): Promise<{ hello?: unknown; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${running.url.replace(/^http/, 'ws')}/admin/events`, { headers });
    ws.once('message', (data) => {
      resolve({ hello: JSON.parse(String(data)) });
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', () => resolve({ status: -1 }));
  });
}

describe('the live feed (WebSocket)', () => {
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('refuses an upgrade from a foreign origin, even with the token', async () => {
    expect(await openFeed({ ...auth, origin: 'http://evil.example' })).toEqual({ status: 403 });
  });

  it('refuses an upgrade through a rebound host name', async () => {
    expect(await openFeed({ ...auth, host: 'rebind.evil.example' })).toEqual({ status: 421 });
  });

  it('refuses an upgrade without the admin token when one is set', async () => {
    expect(await openFeed({ origin: running.url })).toEqual({ status: 401 });
  });

  it("streams to the sandbox's own origin with the token", async () => {
    expect((await openFeed({ ...auth, origin: running.url })).hello).toMatchObject({ type: 'hello' });
  });
});

describe('clients of a sandbox with an admin token', () => {
  it('the scenario client (demo mode, scenario run) sends the token to /admin and is refused without it', async () => {
    const withToken = createSandboxClient(running.url, fetch, () => running.sandbox.deps.admin!.headers());
    expect((await withToken.admin<{ mode: string }>('GET', '/clock')).mode).toBe('manual');
    await expect(createSandboxClient(running.url).admin('GET', '/clock')).rejects.toThrow(/401/);
  });

  it("the dashboard's document relay reaches the admin API with the sandbox's own token", async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const { fixtures } = running.sandbox.deps.population;
    const created = await fetch(`${running.url}/admin/ocean/referrals`, { method: 'POST', headers: auth, body: JSON.stringify({ phn: fixtures.ordinaryPatientPhn, listingRef: fixtures.imagingListingRef }) });
    expect(created.status).toBe(201);
    const { ref } = (await created.json()) as { ref: string };
    const letter = await fetch(`${running.url}/ui/api/ocean/referrals/${ref}/letter`, { headers: auth });
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(letter.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
  });

  it('`ocean sites` prints every site secret through the named reads, with HIE_SANDBOX_ADMIN_TOKEN', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    process.env.HIE_SANDBOX_ADMIN_TOKEN = TOKEN;
    try {
      expect(await runCli(['ocean', 'sites', '--url', running.url])).toBe(0);
    } finally {
      delete process.env.HIE_SANDBOX_ADMIN_TOKEN;
      vi.restoreAllMocks();
    }
    const site = oceanContext(running.sandbox.deps).repo.sites()[0]!;
    expect(out).toMatch(new RegExp(`^${site.siteNum}\\s.*\\s${site.clientId}\\s+${site.clientSecret}$`, 'm'));
    expect(out).not.toContain('***');
  });
});

describe('starting beyond loopback', () => {
  const config = (host: string, adminToken?: string) => loadConfig({}, { host, adminToken });

  it('refuses to listen beyond loopback without an admin token, saying how to get one', () => {
    expect(() => settleAdminToken(config('0.0.0.0'), undefined)).toThrow(/--admin-token generate/);
    expect(() => settleAdminToken(config('192.168.1.20'), undefined)).toThrow(/refusing to listen on 192\.168\.1\.20/);
  });

  it('will not listen beyond loopback without a token even when started programmatically', async () => {
    await expect(startSandbox(loadConfig({}, { host: '0.0.0.0', port: 0, dataFile: undefined, sizes: TEST_SIZES }), createLogger('silent'))).rejects.toThrow(/without an admin token/);
  });

  it('exits 2 from `start --host 0.0.0.0` without a token', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(['start', '--host', '0.0.0.0', '--port', '0', '--ephemeral', '--patients', '10'])).toBe(2);
    vi.restoreAllMocks();
  });

  it('generates a fresh token on request and keeps loopback without one', () => {
    const a = settleAdminToken(config('0.0.0.0'), 'generate').adminToken!;
    const b = settleAdminToken(config('0.0.0.0', 'generate'), undefined).adminToken!;
    expect(a).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(b).not.toBe(a);
    expect(settleAdminToken(config('127.0.0.1'), undefined).adminToken).toBeUndefined();
    expect(() => settleAdminToken(config('127.0.0.1'), 'short')).toThrow(/at least 16/);
  });

  it('prints the bound address, the admin token, the sign-in link and the admin index in the banner', () => {
    const text = banner(running);
    const port = new URL(running.url).port;
    expect(text).toContain(`listening on ${running.url} (bound to 127.0.0.1:${port}, this machine only)`);
    expect(text).toContain(`Admin token: ${TOKEN}`);
    expect(text).toContain(`${running.url}/admin/login?token=${TOKEN}`);
    expect(text).toMatch(new RegExp(`Admin API \\(index of routes\\)\\s+${running.url}/admin\\n`));
  });
});
