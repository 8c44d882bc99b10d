// Ocean's pending launch states, launched sessions and a session's sent list stay within their bounds.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SENT_KEEP } from '../../src/ocean/launch/launch-store.js';
import { createLaunchStore, PENDING_KEEP, SESSION_KEEP, type LaunchSession, type LaunchStore, type PendingLaunch } from '../../src/ocean/launch/launch-store.js';
import { launchedSession, launchQuery } from './support/launch-through.js';
import { useOceanWithFakeEhr } from './support/ocean-with-fake-ehr.js';

const world = useOceanWithFakeEhr();

const now = () => world.sandbox.deps.clock.now();
const count = (collection: string) => world.sandbox.deps.store.count(collection);
/** A launch into the portal that names no site (the session sends from its own). */
const PORTAL = { action: 'portal', siteNum: undefined };
/** Ocean's launch store over the current test's sandbox. */
const launches = (): LaunchStore => createLaunchStore(world.sandbox.deps.store);
const start = () => request(world.sandbox.app).get('/ocean/sso/smart/auth').query(launchQuery(world.ehr, PORTAL)).expect(302);
/** A whole launch (Ocean's /auth, the EHR's authorize, Ocean's callback): the launched session's path. */
const launch = async () => (await launchedSession(world.sandbox, world.ehr, PORTAL)).pathname;

function pending(state: string, expiresAt: number): PendingLaunch {
  const discovered = { issuer: world.ehr.fhirBase, authorizationEndpoint: `${world.ehr.url}/authorize`, tokenEndpoint: `${world.ehr.url}/token`, jwksUri: `${world.ehr.url}/jwks`, s256: true, tokenAuth: 'client_secret_basic' as const, findings: [] };
  return { state, iss: world.ehr.fhirBase, launch: 'L0', action: 'viewMap', nonce: 'n', discovered, expiresAt };
}

function session(id: string): LaunchSession {
  return { id, iss: world.ehr.fhirBase, action: 'portal', user: { sub: 'u1', key: `u1@${world.ehr.fhirBase}` }, keywords: {}, attachments: [], findings: [], accessToken: 'at', createdAt: world.sandbox.deps.clock.iso(), sent: [] };
}

describe('pending launch states', () => {
  it('stay within the bound however often /auth is opened, dropping expired states first, and the newest launch still completes', async () => {
    const keep = PENDING_KEEP;
    // Half live, then half expired behind them: a trim that only took the oldest would take live ones.
    for (let i = 0; i < keep; i++) launches().putPending(i < keep / 2 ? pending(`live-${i}`, now() + 600_000) : pending(`expired-${i}`, now() - 1), now());
    for (let i = 0; i < 12; i++) {
      await start();
      expect(count('ocean.smart-pending')).toBeLessThanOrEqual(keep);
    }
    for (let i = 0; i < keep / 2; i++) expect(world.sandbox.deps.store.has('ocean.smart-pending', `live-${i}`), `live-${i}`).toBe(true);
    await request(world.sandbox.app).get(await launch()).expect(200);
    expect(count('ocean.smart-pending')).toBeLessThanOrEqual(keep);
  });
  it('still refuses a state that expired while kept', async () => {
    launches().putPending(pending('stale', now() - 1), now());
    const res = await request(world.sandbox.app).get('/ocean/sso/smart/callback').query({ code: 'c', state: 'stale' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('took too long');
  });
});

describe('launched sessions', () => {
  it('stay within the bound however many launches complete, dropping the oldest, and the newest session still opens', async () => {
    const keep = SESSION_KEEP;
    for (let i = 0; i < keep; i++) launches().putSession(session(`s-${i}`));
    const path = await launch();
    expect(count('ocean.smart-sessions')).toBeLessThanOrEqual(keep);
    const health = (await request(world.sandbox.app).get('/admin/health').expect(200)).body as { counts: { bounds: { oceanLaunches: unknown } } };
    expect(health.counts.bounds.oceanLaunches).toEqual({ pending: { kept: count('ocean.smart-pending'), max: PENDING_KEEP }, sessions: { kept: count('ocean.smart-sessions'), max: keep }, sendsEach: SENT_KEEP });
    expect(launches().session('s-0')).toBeUndefined();
    expect(launches().session(`s-${keep - 1}`)).toBeDefined();
    await request(world.sandbox.app).get(path).expect(200);
    expect((await request(world.sandbox.app).get('/ocean/sso/smart/session/s-0').expect(404)).text).toContain('does not exist');
  });
});

describe("a session's sent list", () => {
  it('keeps the newest sends only, and the portal lists the one just sent', async () => {
    world.ehr.mode.fhir = 'ok';
    const path = await launch();
    const id = path.split('/').at(-1)!;
    const old = Array.from({ length: SENT_KEEP }, (_, i) => ({ referralRef: `old-${i}`, listingRef: 'x', at: world.sandbox.deps.clock.iso() }));
    launches().putSession({ ...launches().session(id)!, sent: old });
    const listing = world.sandbox.deps.population.fixtures.imagingListingRef;
    const sent = await request(world.sandbox.app).post(`${path}/send`).type('form').send({ listing, 'item.reason': 'Knee pain' });
    expect(sent.status, sent.text).toBe(303);
    const ref = new URL(sent.headers.location!, 'http://x').searchParams.get('sent')!;
    const kept = launches().session(id)!.sent;
    expect(kept).toHaveLength(SENT_KEEP);
    expect(kept.at(-1)!.referralRef).toBe(ref);
    expect(kept[0]!.referralRef).toBe('old-1');
    expect((await request(world.sandbox.app).get(path).query({ view: 'portal' }).expect(200)).text).toContain(ref);
  });
});
