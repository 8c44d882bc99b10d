// What the sandbox answered about its own state outlives a restart on the same data file: the simulated clock's
// position, the realm key that signed the tokens it issued (also across a reset or a snapshot restore), who is logged
// in to the realm, a rotated admin token, and what the reference receiver planned to do.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { loadConfig, type ClockMode } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startSandbox, type RunningSandbox } from '../../src/main.js';
import type { ReceivedReferral } from '../../src/pos/receiver/index.js';
import { oceanMessage } from '../pos/support/ocean-message.js';
import { createTestSandbox, TEST_SIZES } from '../support/sandbox.js';

let dir: string;
let file: string;
const open: Sandbox[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hie-restart-'));
  file = join(dir, 'sandbox.json');
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

/** A sandbox on the data file, as `start` opens one (no key cache: the data file keeps the key). */
async function start(clock: ClockMode = { kind: 'manual' }, adminToken?: string): Promise<Sandbox> {
  // Real time starts at the wall clock, as `start` does (the test sandboxes' fixed start is for manual time).
  const s = await createTestSandbox({ config: { dataFile: file, clock, adminToken }, deps: { keyCacheFile: undefined, ...(clock.kind === 'real' ? { clockStart: Date.now() } : {}) } });
  open.push(s);
  return s;
}
async function restart(s: Sandbox, clock?: ClockMode, adminToken?: string): Promise<Sandbox> {
  await s.close();
  open.splice(open.indexOf(s), 1);
  return start(clock, adminToken);
}
const clockNow = async (s: Sandbox) => Date.parse(((await request(s.app).get('/admin/clock').expect(200)).body as { now: string }).now);
const token = async (s: Sandbox) =>
  ((await request(s.app).post('/auth/realms/moh_applications/protocol/openid-connect/token').type('form').send({ grant_type: 'client_credentials', client_id: 'demo-pos', client_secret: 'demo-secret' }).expect(200)).body as { access_token: string }).access_token;
const active = async (s: Sandbox, bearer: string) =>
  ((await request(s.app).post('/auth/realms/moh_applications/protocol/openid-connect/token/introspect').type('form').send({ token: bearer, client_id: 'demo-pos', client_secret: 'demo-secret' }).expect(200)).body as { active: boolean }).active;

describe('the simulated clock', () => {
  it('stands where it was advanced to after a restart (manual time)', async () => {
    let s = await start();
    const before = await clockNow(s);
    await request(s.app).post('/admin/clock/advance').send({ duration: 'PT96H' }).expect(200);
    s = await restart(s);
    expect(await clockNow(s)).toBe(before + 96 * 3600_000);
  });

  it('keeps its lead on the wall clock after a restart (real time), and a reset gives it up', async () => {
    let s = await start({ kind: 'real' });
    await request(s.app).post('/admin/clock/advance').send({ duration: 'P4D' }).expect(200);
    s = await restart(s, { kind: 'real' });
    expect(Math.abs((await clockNow(s)) - (Date.now() + 4 * 86_400_000))).toBeLessThan(60_000);
    await request(s.app).post('/admin/reset').expect(200);
    s = await restart(s, { kind: 'real' });
    expect(Math.abs((await clockNow(s)) - Date.now())).toBeLessThan(60_000);
  });

  it('is not sent back by a snapshot restored before the restart: a restore leaves the clock where it is', async () => {
    let s = await start();
    await request(s.app).post('/admin/snapshots').send({ name: 'early' }).expect(201);
    await request(s.app).post('/admin/clock/advance').send({ duration: 'P1D' }).expect(200);
    await request(s.app).post('/admin/snapshots/early/restore').expect(200);
    const now = await clockNow(s);
    s = await restart(s);
    expect(await clockNow(s)).toBe(now);
  });
});

describe("the realm's signing key", () => {
  it('still verifies a token issued after a reset once the sandbox restarts', async () => {
    let s = await start();
    await request(s.app).post('/admin/reset').expect(200);
    const bearer = await token(s);
    expect(await active(s, bearer)).toBe(true);
    s = await restart(s);
    expect(await active(s, bearer)).toBe(true);
  });

  it('still verifies a token issued before a snapshot restore once the sandbox restarts', async () => {
    let s = await start();
    await request(s.app).post('/admin/reset').expect(200);
    await request(s.app).post('/admin/snapshots').send({ name: 'after-reset' }).expect(201);
    const bearer = await token(s);
    await request(s.app).post('/admin/snapshots/after-reset/restore').expect(200);
    s = await restart(s);
    expect(await active(s, bearer)).toBe(true);
  });
});

describe("the realm's logins", () => {
  const OIDC = '/auth/realms/moh_applications/protocol/openid-connect';
  const form = (s: Sandbox, path: string, body: Record<string, string>) =>
    request(s.app).post(`${OIDC}/${path}`).type('form').send({ client_id: 'demo-pos', client_secret: 'demo-secret', ...body });

  it('outlive a restart, and so does a logout: the live login refreshes, the logged-out one is refused', async () => {
    let s = await start();
    const login = async () => ((await form(s, 'token', { grant_type: 'password', username: 'demo@IDIR', password: 'demo-password' }).expect(200)).body as { refresh_token: string }).refresh_token;
    const live = await login();
    const ended = await login();
    await form(s, 'logout', { refresh_token: ended }).expect(204);
    s = await restart(s);
    await form(s, 'token', { grant_type: 'refresh_token', refresh_token: live }).expect(200);
    expect((await form(s, 'token', { grant_type: 'refresh_token', refresh_token: ended }).expect(400)).body).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
  });
});

describe('the admin token', () => {
  const health = (s: Sandbox, token: string) => request(s.app).get('/admin/clock').set('authorization', `Bearer ${token}`);

  it('stays rotated after a restart with the same --admin-token, and after a reset; another --admin-token wins', async () => {
    let s = await start(undefined, 'first-token');
    const rotated = ((await request(s.app).post('/admin/token/rotate').set('authorization', 'Bearer first-token').expect(200)).body as { token: string }).token;
    s = await restart(s, undefined, 'first-token');
    await health(s, 'first-token').expect(401);
    await health(s, rotated).expect(200);
    await request(s.app).post('/admin/reset').set('authorization', `Bearer ${rotated}`).expect(200);
    s = await restart(s, undefined, 'first-token');
    await health(s, 'first-token').expect(401);
    await health(s, rotated).expect(200);
    // The operator chose another token: that one, not an earlier rotation.
    s = await restart(s, undefined, 'second-token');
    await health(s, 'second-token').expect(200);
    await health(s, rotated).expect(401);
  });
});

describe('the reference receiver', () => {
  /** The receiver posts to Ocean over HTTP: the whole sandbox on a socket, on the data file (again on the same port). */
  const listen = (port = 0) => startSandbox(loadConfig({}, { port, dataFile: file, clock: { kind: 'manual' }, storeFlushMs: 5, sizes: TEST_SIZES }), createLogger('silent'));
  const port = (sb: RunningSandbox) => Number(new URL(sb.url).port);
  const referral = async (sb: RunningSandbox, ref: string) => (await request(sb.url).get(`/pos/receiver/referrals/${ref}`).expect(200)).body as ReceivedReferral;
  const advance = (sb: RunningSandbox) => request(sb.url).post('/admin/clock/advance').send({ duration: 'PT1H' }).expect(200);

  it('carries out the actions and fetches it planned for a referral it filed before a restart', async () => {
    let sb = await listen();
    try {
      await request(sb.url).put('/pos/receiver/policy').send({ mode: 'book', delay: 'PT5M' }).expect(200);
      await request(sb.url).post('/pos/receiver/$process-message').send(oceanMessage(sb.sandbox, 'add-service-request', 'r-1', true)).expect(200);
      await sb.stop();
      sb = await listen(port(sb));
      await advance(sb);
      const filed = await referral(sb, 'r-1');
      // Ocean does not know r-1 (it came straight to the webhook): what matters is that the receiver acted.
      expect(filed.sent.map((x) => x.event)).toEqual(['notify-add-process-request', 'notify-add-appointment']);
      expect(filed.documents?.map((d) => d.url)).toEqual([expect.stringMatching(/\/DocumentReference\/r-1\/\$letter$/)]);
      expect(filed.planned ?? []).toEqual([]);
      // Done once: after another restart nothing is done again.
      await sb.stop();
      sb = await listen(port(sb));
      await advance(sb);
      expect((await referral(sb, 'r-1')).sent).toHaveLength(2);
    } finally {
      await sb.stop();
    }
  });
});
