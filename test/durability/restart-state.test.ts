// What the sandbox answered about its own state outlives a restart on the same data file: the simulated clock's
// position, and the realm key that signed the tokens it issued (also across a reset or a snapshot restore).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type { ClockMode } from '../../src/config.js';
import { createTestSandbox } from '../support/sandbox.js';

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
async function start(clock: ClockMode = { kind: 'manual' }): Promise<Sandbox> {
  // Real time starts at the wall clock, as `start` does (the test sandboxes' fixed start is for manual time).
  const s = await createTestSandbox({ config: { dataFile: file, clock }, deps: { keyCacheFile: undefined, ...(clock.kind === 'real' ? { clockStart: Date.now() } : {}) } });
  open.push(s);
  return s;
}
async function restart(s: Sandbox, clock?: ClockMode): Promise<Sandbox> {
  await s.close();
  open.splice(open.indexOf(s), 1);
  return start(clock);
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
