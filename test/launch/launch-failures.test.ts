// Each discovery, authorize, token and id_token failure ends the launch with a page saying what failed, never a crash.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useOceanWithFakeEhr } from './support/ocean-with-fake-ehr.js';

const world = useOceanWithFakeEhr();

/** Runs the launch: Ocean's /auth, the fake EHR's authorize, Ocean's callback. Returns the last Ocean response. */
async function launch(beforeCallback?: () => Promise<void>) {
  const start = await request(world.sandbox.app).get('/ocean/sso/smart/auth').query({ iss: world.ehr.fhirBase, launch: 'L1', action: 'viewMap' });
  if (start.status !== 302) return start;
  const auth = await fetch(start.headers.location!, { redirect: 'manual' });
  const back = new URL(auth.headers.get('location')!);
  await beforeCallback?.();
  return request(world.sandbox.app).get(`${back.pathname}${back.search}`);
}

describe('the launch stops with a clear message', () => {
  it('refuses an issuer that is not on the allow-list and says how to register it', async () => {
    const res = await request(world.sandbox.app).get('/ocean/sso/smart/auth').query({ iss: 'http://127.0.0.1:1/fhir', launch: 'x' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('hie-sandbox ocean issuer add http://127.0.0.1:1/fhir');
  });
  it('asks for iss and launch when they are missing', async () => {
    expect((await request(world.sandbox.app).get('/ocean/sso/smart/auth')).text).toContain('no iss parameter');
    expect((await request(world.sandbox.app).get('/ocean/sso/smart/auth').query({ iss: world.ehr.fhirBase })).text).toContain('no launch parameter');
  });
  it('stops at discovery when the EHR serves smart-configuration but no openid-configuration, naming the URL and what to serve', async () => {
    world.ehr.mode.discovery = 'smart-only';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain('Step: discovery');
    expect(res.text).toContain(`GET ${world.ehr.fhirBase}/.well-known/openid-configuration answered HTTP 404`);
    expect(res.text).toContain('does not fall back to smart-configuration');
    // The fix shows OpenID metadata built from the endpoints the smart-configuration already names.
    const fix = /<pre class="fix"><code>([\s\S]*?)<\/code><\/pre>/.exec(res.text)?.[1] ?? '';
    for (const url of [world.ehr.fhirBase, `${world.ehr.url}/authorize`, `${world.ehr.url}/token`, `${world.ehr.url}/jwks`]) expect(fix).toContain(url);
    expect(world.ehr.seen.authorize).toBeUndefined();
  });
  it('stops at discovery when the EHR serves neither discovery document', async () => {
    world.ehr.mode.discovery = 'missing';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain(`GET ${world.ehr.fhirBase}/.well-known/openid-configuration answered HTTP 404`);
  });
  it('takes the endpoints from openid-configuration only: a jwks_uri found only in smart-configuration does not count', async () => {
    world.ehr.mode.discovery = 'jwks-in-smart-only';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain('openid-configuration lacks jwks_uri');
  });
  it('stops on an openid-configuration without issuer: the id_token\'s iss is checked against it', async () => {
    world.ehr.mode.discovery = 'no-issuer';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain('openid-configuration has no issuer');
  });
  it('says which URL it could not reach when the EHR is down', async () => {
    await request(world.sandbox.app).post('/admin/ocean/smart-issuers').send({ iss: 'http://127.0.0.1:1/fhir', clientId: 'x', clientSecret: 'y' }).expect(201);
    const res = await request(world.sandbox.app).get('/ocean/sso/smart/auth').query({ iss: 'http://127.0.0.1:1/fhir', launch: 'L1' });
    expect(res.status).toBe(502);
    expect(res.text).toContain('Ocean could not reach http://127.0.0.1:1/fhir/.well-known/openid-configuration');
  });
  it('says the openid-configuration is not JSON', async () => {
    world.ehr.mode.discovery = 'not-json';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain(`GET ${world.ehr.fhirBase}/.well-known/openid-configuration answered HTTP 200 but not with a JSON object`);
  });
  it('refuses an action Ocean does not know and a siteNum that is not a number', async () => {
    expect((await request(world.sandbox.app).get('/ocean/sso/smart/auth').query({ iss: world.ehr.fhirBase, launch: 'L1', action: 'dance' })).text).toContain('action &quot;dance&quot; is not an Ocean launch action');
    expect((await request(world.sandbox.app).get('/ocean/sso/smart/auth').query({ iss: world.ehr.fhirBase, launch: 'L1', siteNum: 'abc' })).text).toContain('is not an Ocean site number');
  });
  it('names the missing jwks_uri', async () => {
    world.ehr.mode.discovery = 'no-jwks';
    expect((await launch()).text).toContain('openid-configuration lacks jwks_uri');
  });
  it('passes on the EHR refusing authorization', async () => {
    world.ehr.mode.authorize = 'deny';
    const res = await launch();
    expect(res.status).toBe(400);
    expect(res.text).toContain('access_denied');
  });
  it('asks for the code and the state the EHR left out', async () => {
    world.ehr.mode.authorize = 'no-code';
    expect((await launch()).text).toContain('without a code');
    world.ehr.mode.authorize = 'no-state';
    expect((await launch()).text).toContain('without state');
  });
  it('refuses a redirect back that comes after the launch expired', async () => {
    const res = await launch(() => world.sandbox.deps.clock.advance(11 * 60_000));
    expect(res.status).toBe(400);
    expect(res.text).toContain('took too long');
  });
  it('rejects an unknown state', async () => {
    const res = await request(world.sandbox.app).get('/ocean/sso/smart/callback').query({ code: 'c', state: 'forged' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('state returned by the EHR is unknown');
  });
  it('reports the token endpoint error in its own words', async () => {
    world.ehr.mode.token = 'invalid_client';
    expect((await launch()).text).toContain('HTTP 401 (invalid_client: bad secret)');
  });
  it('reports a token endpoint that fails with a 500 and a plain-text body', async () => {
    world.ehr.mode.token = 'server-error';
    expect((await launch()).text).toContain('HTTP 500 (java.lang.NullPointerException)');
  });
  it('reports a token response that is not JSON', async () => {
    world.ehr.mode.token = 'html';
    expect((await launch()).text).toContain('not with a JSON object');
  });
  it('reports a token response without access_token', async () => {
    world.ehr.mode.token = 'no-access-token';
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
    world.ehr.mode.idToken = idToken;
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain(message);
  });
  it('says the JWKS could not be fetched', async () => {
    world.ehr.mode.jwks = 'down';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain(`The JWKS at ${world.ehr.url}/jwks could not be used`);
  });
  it('stops when the launch patient cannot be read', async () => {
    world.ehr.mode.fhir = 'patient-404';
    const res = await launch();
    expect(res.status).toBe(502);
    expect(res.text).toContain(`GET ${world.ehr.fhirBase}/Patient/p1 answered HTTP 404 without a Patient`);
  });
});

