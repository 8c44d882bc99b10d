// Ocean's pending launch states, launched sessions and a session's sent list stay within their bounds.
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createOceanSystem } from '../../src/ocean/index.js';
import { SENT_KEEP } from '../../src/ocean/launch/index.js';
import { createLaunchStore, PENDING_KEEP, SESSION_KEEP, type LaunchSession, type LaunchStore, type PendingLaunch } from '../../src/ocean/launch/launch-store.js';
import { createTestSandbox } from '../support/sandbox.js';
import { startFakeEhr, type FakeEhr } from './support/fake-ehr.js';

let sandbox: Sandbox;
let ehr: FakeEhr;
let launches: LaunchStore;

beforeAll(async () => {
  ehr = await startFakeEhr('ocean-at-fake');
});
afterAll(async () => ehr.close());
beforeEach(async () => {
  // The fake EHR signs with real time; the sandbox clock must agree for exp/iat.
  sandbox = await createTestSandbox({ systems: [createOceanSystem], deps: { clockStart: Date.now() } });
  await request(sandbox.app).post('/admin/ocean/smart-issuers').send({ iss: ehr.fhirBase, clientId: 'ocean-at-fake', clientSecret: 's3cret' }).expect(201);
  launches = createLaunchStore(sandbox.deps.store);
  ehr.reset();
});
afterEach(async () => sandbox.close());

const now = () => sandbox.deps.clock.now();
const count = (collection: string) => sandbox.deps.store.count(collection);
const start = () => request(sandbox.app).get('/ocean/sso/smart/auth').query({ iss: ehr.fhirBase, launch: 'L1', action: 'portal' }).expect(302);

/** Ocean's /auth, the fake EHR's authorize, Ocean's callback: the launched session's path. */
async function launch(): Promise<string> {
  const auth = await fetch((await start()).headers.location!, { redirect: 'manual' });
  const back = new URL(auth.headers.get('location')!);
  const callback = await request(sandbox.app).get(`${back.pathname}${back.search}`);
  expect(callback.status, callback.text).toBe(303);
  return new URL(callback.headers.location!, 'http://x').pathname;
}

function pending(state: string, expiresAt: number): PendingLaunch {
  const discovered = { issuer: ehr.fhirBase, authorizationEndpoint: `${ehr.url}/authorize`, tokenEndpoint: `${ehr.url}/token`, jwksUri: `${ehr.url}/jwks`, s256: true, tokenAuth: 'client_secret_basic' as const, findings: [] };
  return { state, iss: ehr.fhirBase, launch: 'L0', action: 'viewMap', nonce: 'n', discovered, expiresAt };
}

function session(id: string): LaunchSession {
  return { id, iss: ehr.fhirBase, action: 'portal', user: { sub: 'u1', key: `u1@${ehr.fhirBase}` }, keywords: {}, attachments: [], findings: [], accessToken: 'at', createdAt: sandbox.deps.clock.iso(), sent: [] };
}

describe('pending launch states', () => {
  it('stay within the bound however often /auth is opened, dropping expired states first, and the newest launch still completes', async () => {
    const keep = PENDING_KEEP;
    // Half live, then half expired behind them: a trim that only took the oldest would take live ones.
    for (let i = 0; i < keep; i++) launches.putPending(i < keep / 2 ? pending(`live-${i}`, now() + 600_000) : pending(`expired-${i}`, now() - 1), now());
    for (let i = 0; i < 12; i++) {
      await start();
      expect(count('ocean.smart-pending')).toBeLessThanOrEqual(keep);
    }
    for (let i = 0; i < keep / 2; i++) expect(sandbox.deps.store.has('ocean.smart-pending', `live-${i}`), `live-${i}`).toBe(true);
    await request(sandbox.app).get(await launch()).expect(200);
    expect(count('ocean.smart-pending')).toBeLessThanOrEqual(keep);
  });
  it('still refuses a state that expired while kept', async () => {
    launches.putPending(pending('stale', now() - 1), now());
    const res = await request(sandbox.app).get('/ocean/sso/smart/callback').query({ code: 'c', state: 'stale' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('took too long');
  });
});

describe('launched sessions', () => {
  it('stay within the bound however many launches complete, dropping the oldest, and the newest session still opens', async () => {
    const keep = SESSION_KEEP;
    for (let i = 0; i < keep; i++) launches.putSession(session(`s-${i}`));
    const path = await launch();
    expect(count('ocean.smart-sessions')).toBeLessThanOrEqual(keep);
    expect(launches.session('s-0')).toBeUndefined();
    expect(launches.session(`s-${keep - 1}`)).toBeDefined();
    await request(sandbox.app).get(path).expect(200);
    expect((await request(sandbox.app).get('/ocean/sso/smart/session/s-0').expect(404)).text).toContain('does not exist');
  });
});

describe("a session's sent list", () => {
  it('keeps the newest sends only, and the portal lists the one just sent', async () => {
    ehr.mode.fhir = 'ok';
    const path = await launch();
    const id = path.split('/').at(-1)!;
    const old = Array.from({ length: SENT_KEEP }, (_, i) => ({ referralRef: `old-${i}`, listingRef: 'x', at: sandbox.deps.clock.iso() }));
    launches.putSession({ ...launches.session(id)!, sent: old });
    const listing = sandbox.deps.population.fixtures.imagingListingRef;
    const sent = await request(sandbox.app).post(`${path}/send`).type('form').send({ listing, 'item.reason': 'Knee pain' });
    expect(sent.status, sent.text).toBe(303);
    const ref = new URL(sent.headers.location!, 'http://x').searchParams.get('sent')!;
    const kept = launches.session(id)!.sent;
    expect(kept).toHaveLength(SENT_KEEP);
    expect(kept.at(-1)!.referralRef).toBe(ref);
    expect(kept[0]!.referralRef).toBe('old-1');
    expect((await request(sandbox.app).get(path).query({ view: 'portal' }).expect(200)).text).toContain(ref);
  });
});
