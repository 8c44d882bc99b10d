// Each discovery, authorize, token and id_token failure ends the launch with a page saying what failed, never a crash.
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createOceanSystem } from '../../src/ocean/index.js';
import { createTestSandbox } from '../support/sandbox.js';
import { startFakeEhr, type FakeEhr } from './support/fake-ehr.js';

let sandbox: Sandbox;
let ehr: FakeEhr;

beforeAll(async () => {
  ehr = await startFakeEhr('ocean-at-fake');
});
afterAll(async () => ehr.close());
beforeEach(async () => {
  // The fake EHR signs with real time; the sandbox clock must agree for exp/iat.
  sandbox = await createTestSandbox({ systems: [createOceanSystem], deps: { clockStart: Date.now() } });
  await request(sandbox.app).post('/admin/ocean/smart-issuers').send({ iss: ehr.fhirBase, clientId: 'ocean-at-fake', clientSecret: 's3cret' }).expect(201);
  ehr.reset();
});
afterEach(async () => sandbox.close());

/** Runs the launch: Ocean's /auth, the fake EHR's authorize, Ocean's callback. Returns the last Ocean response. */
async function launch(beforeCallback?: () => Promise<void>) {
  const start = await request(sandbox.app).get('/ocean/sso/smart/auth').query({ iss: ehr.fhirBase, launch: 'L1', action: 'viewMap' });
  if (start.status !== 302) return start;
  const auth = await fetch(start.headers.location!, { redirect: 'manual' });
  const back = new URL(auth.headers.get('location')!);
  await beforeCallback?.();
  return request(sandbox.app).get(`${back.pathname}${back.search}`);
}

describe('the launch stops with a clear message', () => {
  it('refuses an issuer that is not on the allow-list and says how to register it', async () => {
    const res = await request(sandbox.app).get('/ocean/sso/smart/auth').query({ iss: 'http://127.0.0.1:1/fhir', launch: 'x' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('hie-sandbox ocean issuer add http://127.0.0.1:1/fhir');
  });
  it('asks for iss and launch when they are missing', async () => {
    expect((await request(sandbox.app).get('/ocean/sso/smart/auth')).text).toContain('no iss parameter');
    expect((await request(sandbox.app).get('/ocean/sso/smart/auth').query({ iss: ehr.fhirBase })).text).toContain('no launch parameter');
  });
  it('says neither discovery document was found', async () => {
    ehr.mode.discovery = 'missing';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain('Neither');
  });
  it('says which URL it could not reach when the EHR is down', async () => {
    await request(sandbox.app).post('/admin/ocean/smart-issuers').send({ iss: 'http://127.0.0.1:1/fhir', clientId: 'x', clientSecret: 'y' }).expect(201);
    const res = await request(sandbox.app).get('/ocean/sso/smart/auth').query({ iss: 'http://127.0.0.1:1/fhir', launch: 'L1' });
    expect(res.status).toBe(502);
    expect(res.text).toContain('Ocean could not reach http://127.0.0.1:1/fhir/.well-known/openid-configuration');
  });
  it('says the discovery documents are not JSON', async () => {
    ehr.mode.discovery = 'not-json';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain('returned a JSON document');
  });
  it('refuses an action Ocean does not know and a siteNum that is not a number', async () => {
    expect((await request(sandbox.app).get('/ocean/sso/smart/auth').query({ iss: ehr.fhirBase, launch: 'L1', action: 'dance' })).text).toContain('action &quot;dance&quot; is not an Ocean launch action');
    expect((await request(sandbox.app).get('/ocean/sso/smart/auth').query({ iss: ehr.fhirBase, launch: 'L1', siteNum: 'abc' })).text).toContain('is not an Ocean site number');
  });
  it('names the missing jwks_uri', async () => {
    ehr.mode.discovery = 'no-jwks';
    expect((await launch()).text).toContain('lacks jwks_uri');
  });
  it('passes on the EHR refusing authorization', async () => {
    ehr.mode.authorize = 'deny';
    const res = await launch();
    expect(res.status).toBe(400);
    expect(res.text).toContain('access_denied');
  });
  it('asks for the code and the state the EHR left out', async () => {
    ehr.mode.authorize = 'no-code';
    expect((await launch()).text).toContain('without a code');
    ehr.mode.authorize = 'no-state';
    expect((await launch()).text).toContain('without state');
  });
  it('refuses a redirect back that comes after the launch expired', async () => {
    const res = await launch(() => sandbox.deps.clock.advance(11 * 60_000));
    expect(res.status).toBe(400);
    expect(res.text).toContain('took too long');
  });
  it('rejects an unknown state', async () => {
    const res = await request(sandbox.app).get('/ocean/sso/smart/callback').query({ code: 'c', state: 'forged' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('state returned by the EHR is unknown');
  });
  it('reports the token endpoint error in its own words', async () => {
    ehr.mode.token = 'invalid_client';
    expect((await launch()).text).toContain('HTTP 401 (invalid_client: bad secret)');
  });
  it('reports a token endpoint that fails with a 500 and a plain-text body', async () => {
    ehr.mode.token = 'server-error';
    expect((await launch()).text).toContain('HTTP 500 (java.lang.NullPointerException)');
  });
  it('reports a token response that is not JSON', async () => {
    ehr.mode.token = 'html';
    expect((await launch()).text).toContain('not with a JSON object');
  });
  it('reports a token response without access_token', async () => {
    ehr.mode.token = 'no-access-token';
    expect((await launch()).text).toContain('no access_token');
  });
  it.each([
    ['missing', 'has no id_token'],
    ['foreign-key', 'signature does not verify'],
    ['wrong-aud', 'aud is not Ocean&#39;s client id'],
    ['wrong-iss', 'iss is not'],
    ['expired', 'id_token has expired'],
    ['hs256', 'algorithm Ocean does not accept'],
    ['bad-nonce', 'nonce does not match'],
    ['no-sub', 'no sub claim'],
    ['garbage', 'not a well-formed signed JWT'],
  ] as const)('reports an id_token that is %s', async (idToken, message) => {
    ehr.mode.idToken = idToken;
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain(message);
  });
  it('says the JWKS could not be fetched', async () => {
    ehr.mode.jwks = 'down';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain(`The JWKS at ${ehr.url}/jwks could not be used`);
  });
  it('stops when the launch patient cannot be read', async () => {
    ehr.mode.fhir = 'patient-404';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain(`GET ${ehr.fhirBase}/Patient/p1 answered HTTP 404 without a Patient`);
  });
});

