// The reference EMR's SMART App Launch 2.x server on the wire: discovery, authorize, token, refresh, and the FHIR guard.
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createPosSystem } from '../../src/pos/index.js';
import { oceanClient } from '../../src/pos/emr/registration.js';
import { emrUrls } from '../../src/pos/emr/smart-configuration.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
let urls: ReturnType<typeof emrUrls>;
let ocean: ReturnType<typeof oceanClient>;
const basic = () => `Basic ${Buffer.from(`${ocean.clientId}:${ocean.clientSecret}`).toString('base64')}`;

beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [createPosSystem] });
  urls = emrUrls(sandbox.deps.config.baseUrl);
  ocean = oceanClient(sandbox.deps.config.baseUrl);
});
afterAll(async () => sandbox.close());

const path = (url: string) => url.replace(sandbox.deps.config.baseUrl, '');

/** "Launch Ocean" on pt-{i}'s chart, then authorize as Ocean: returns the code. */
async function authorizeCode(i = 0, extra: Record<string, string> = {}): Promise<{ code: string; state: string }> {
  const launch = await request(sandbox.app).post(`/pos/emr/patients/pt-${i}/launch`).type('form').send({ action: 'viewMap' }).expect(303);
  const launchId = new URL(launch.headers.location!).searchParams.get('launch')!;
  const q = { response_type: 'code', client_id: ocean.clientId, redirect_uri: ocean.redirectUris[0]!, scope: 'launch openid fhirUser patient/Patient.read user/*.* online_access', state: 'st-1', aud: urls.fhirBase, launch: launchId, ...extra };
  const res = await request(sandbox.app).get(path(urls.authorize)).query(q).expect(302);
  const back = new URL(res.headers.location!);
  expect(back.searchParams.get('error_description')).toBeNull();
  return { code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
}

const token = (form: Record<string, string>, auth: string | undefined = basic()) => {
  const req = request(sandbox.app).post(path(urls.token)).type('form');
  return (auth ? req.set('authorization', auth) : req).send(form);
};

describe('discovery', () => {
  it('serves smart-configuration as JSON whatever the Accept, with every REQUIRED field and absolute URLs', async () => {
    const res = await request(sandbox.app).get('/pos/emr/fhir/.well-known/smart-configuration').set('accept', 'text/html').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.body as Record<string, unknown>;
    for (const f of ['authorization_endpoint', 'token_endpoint', 'grant_types_supported', 'capabilities', 'code_challenge_methods_supported', 'issuer', 'jwks_uri']) expect(doc[f], f).toBeDefined();
    for (const f of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'issuer']) expect(URL.canParse(doc[f] as string)).toBe(true);
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.grant_types_supported).toContain('authorization_code');
    for (const c of ['launch-ehr', 'client-confidential-symmetric', 'context-ehr-patient', 'sso-openid-connect', 'permission-user', 'permission-online', 'permission-v1', 'permission-v2']) expect(doc.capabilities).toContain(c);
  });
  it('serves OpenID Connect metadata under the FHIR base with the FHIR base as issuer, and an RS256 JWKS', async () => {
    const oidc = (await request(sandbox.app).get('/pos/emr/fhir/.well-known/openid-configuration').expect(200)).body as Record<string, string>;
    expect(oidc.issuer).toBe(urls.fhirBase);
    const jwks = (await request(sandbox.app).get(path(oidc.jwks_uri!)).expect(200)).body as JSONWebKeySet;
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
  });
});

describe('authorize and token', () => {
  it('issues a no-store token response with scope, patient, banner flag, a verifiable id_token and a refresh token', async () => {
    const { code, state } = await authorizeCode(3);
    expect(state).toBe('st-1');
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, patient: 'pt-3', need_patient_banner: true, scope: expect.stringContaining('launch') });
    expect(res.body.refresh_token).toEqual(expect.any(String));
    const jwks = (await request(sandbox.app).get(path(urls.jwks))).body as JSONWebKeySet;
    const { payload } = await jwtVerify(res.body.id_token as string, createLocalJWKSet(jwks), { issuer: urls.fhirBase, audience: ocean.clientId, currentDate: new Date(sandbox.deps.clock.now()) });
    expect(payload.fhirUser).toBe(`${urls.fhirBase}/Practitioner/${sandbox.deps.population.fixtures.familyPhysicianIpc}`);
  });
  it('answers each bad token request in the OAuth dialect', async () => {
    const { code } = await authorizeCode();
    const form = { grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! };
    const wrong = await token(form, `Basic ${Buffer.from(`${ocean.clientId}:wrong`).toString('base64')}`).expect(401);
    expect(wrong.body.error).toBe('invalid_client');
    expect(wrong.headers['www-authenticate']).toBe(`Basic realm="${urls.issuer}"`);
    expect(wrong.headers['cache-control']).toBe('no-store');
    expect((await token({ ...form, redirect_uri: 'http://elsewhere/cb' }).expect(400)).body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('redirect_uri') });
    expect((await token({ grant_type: 'password' }).expect(400)).body.error).toBe('unsupported_grant_type');
    expect((await token({ ...form }, `Basic ${Buffer.from('%zz:%').toString('base64')}`).expect(401)).body.error).toBe('invalid_client');
    expect((await request(sandbox.app).post(path(urls.token)).set('authorization', basic()).send({ grant_type: 'authorization_code' }).expect(400)).body.error).toBe('invalid_request');
  });
  it('lets a code work once', async () => {
    const { code } = await authorizeCode();
    const form = { grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! };
    await token(form).expect(200);
    expect((await token(form).expect(400)).body.error_description).toContain('already used');
  });
  it('checks the PKCE code_verifier against the S256 challenge', async () => {
    const verifier = 'a'.repeat(50);
    const { createHash } = await import('node:crypto');
    const { code } = await authorizeCode(0, { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
    const form = { grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! };
    expect((await token({ ...form, code_verifier: 'b'.repeat(50) }).expect(400)).body.error_description).toContain('does not match');
  });
  it('redirects authorize errors back with error and state, and refuses plain PKCE', async () => {
    const launch = await request(sandbox.app).post('/pos/emr/patients/pt-0/launch').type('form').send({}).expect(303);
    const q = { response_type: 'code', client_id: ocean.clientId, redirect_uri: ocean.redirectUris[0]!, scope: 'launch openid', state: 'st-2', launch: new URL(launch.headers.location!).searchParams.get('launch')! };
    for (const [extra, message] of [[{}, 'aud must be'], [{ aud: urls.fhirBase, code_challenge: 'x', code_challenge_method: 'plain' }, 'must be S256']] as const) {
      const back = new URL((await request(sandbox.app).get(path(urls.authorize)).query({ ...q, ...extra }).expect(302)).headers.location!);
      expect(back.searchParams.get('error')).toBe('invalid_request');
      expect(back.searchParams.get('error_description')).toContain(message);
      expect(back.searchParams.get('state')).toBe('st-2');
    }
  });
});

describe('refresh tokens (online_access)', () => {
  it('rotates the refresh token, refuses the old one and any wider scope', async () => {
    const { code } = await authorizeCode();
    const first = (await token({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200)).body as Record<string, string>;
    const second = (await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token! }).expect(200)).body as Record<string, string>;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.patient).toBe(first.patient);
    expect((await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token! }).expect(400)).body.error).toBe('invalid_grant');
    expect((await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token!, scope: 'openid system/*.read' }).expect(400)).body.error).toBe('invalid_scope');
  });
});

describe('client authentication', () => {
  it('refuses a confidential client\'s refresh without its credentials, and uses the refresh token to name the client of a public one', async () => {
    const { code } = await authorizeCode();
    const first = (await token({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200)).body as Record<string, string>;
    const bare = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token! }, '').expect(401);
    expect(bare.body).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('confidential') });
    // Still usable by its owner: a refused attempt does not consume it.
    await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token! }).expect(200);
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'nope' }, '').expect(400)).body.error).toBe('invalid_grant');
  });
  it('answers introspection only to an authenticated confidential client (RFC 7662 §2.1)', async () => {
    const { code } = await authorizeCode(4);
    const at = ((await token({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200)).body as Record<string, string>).access_token!;
    const introspect = () => request(sandbox.app).post(path(urls.introspect)).type('form');
    const anonymous = await introspect().send({ token: at }).expect(401);
    expect(anonymous.body.error).toBe('invalid_client');
    expect(anonymous.body.active).toBeUndefined();
    await introspect().set('authorization', `Basic ${Buffer.from(`${ocean.clientId}:wrong`).toString('base64')}`).send({ token: at }).expect(401);
    const ok = await introspect().set('authorization', basic()).send({ token: at }).expect(200);
    expect(ok.body).toMatchObject({ active: true, patient: 'pt-4', client_id: ocean.clientId });
    expect((await introspect().send({ token: 'x.y.z', client_id: ocean.clientId, client_secret: ocean.clientSecret }).expect(200)).body).toEqual({ active: false });
    expect((await introspect().set('authorization', basic()).send({}).expect(400)).body.error).toBe('invalid_request');
  });
});

describe('the FHIR server', () => {
  it('answers 401 OperationOutcomes without a token or with an expired one, and 403 outside a patient-level grant', async () => {
    const none = await request(sandbox.app).get('/pos/emr/fhir/Patient/pt-0').expect(401);
    expect(none.body.resourceType).toBe('OperationOutcome');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    const launch = await request(sandbox.app).post('/pos/emr/patients/pt-1/launch').type('form').send({}).expect(303);
    const q = { response_type: 'code', client_id: ocean.clientId, redirect_uri: ocean.redirectUris[0]!, scope: 'launch patient/Patient.read', state: 's', aud: urls.fhirBase, launch: new URL(launch.headers.location!).searchParams.get('launch')! };
    const code = new URL((await request(sandbox.app).get(path(urls.authorize)).query(q)).headers.location!).searchParams.get('code')!;
    const at = ((await token({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200)).body as Record<string, string>).access_token!;
    await request(sandbox.app).get('/pos/emr/fhir/Patient/pt-1').set('authorization', `Bearer ${at}`).expect(200);
    expect((await request(sandbox.app).get('/pos/emr/fhir/Patient/pt-2').set('authorization', `Bearer ${at}`).expect(403)).body.issue[0].diagnostics).toContain('this token is for Patient/pt-1');
    await sandbox.deps.clock.advance(61 * 60_000);
    expect((await request(sandbox.app).get('/pos/emr/fhir/Patient/pt-1').set('authorization', `Bearer ${at}`).expect(401)).body.issue[0].diagnostics).toContain('expired');
  });
  it('answers a patient-level token\'s Patient search within its own patient: its PHN finds it, another PHN finds nothing', async () => {
    const launch = await request(sandbox.app).post('/pos/emr/patients/pt-5/launch').type('form').send({}).expect(303);
    const q = { response_type: 'code', client_id: ocean.clientId, redirect_uri: ocean.redirectUris[0]!, scope: 'launch patient/*.read', state: 's', aud: urls.fhirBase, launch: new URL(launch.headers.location!).searchParams.get('launch')! };
    const code = new URL((await request(sandbox.app).get(path(urls.authorize)).query(q)).headers.location!).searchParams.get('code')!;
    const at = ((await token({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200)).body as Record<string, string>).access_token!;
    const search = (query: Record<string, string>) => request(sandbox.app).get('/pos/emr/fhir/Patient').query(query).set('authorization', `Bearer ${at}`).expect(200);
    const ids = (res: { body: { entry?: { resource: { id: string } }[] } }) => (res.body.entry ?? []).map((e) => e.resource.id);
    const pop = sandbox.deps.population;
    expect(ids(await search({ identifier: `https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-patient-hcn|${pop.client(5).phn}` }))).toEqual(['pt-5']);
    expect(ids(await search({ identifier: pop.client(6).phn }))).toEqual([]);
    expect(ids(await search({ family: (pop.client(5).patient.name![0]!.family ?? '').slice(0, 2) }))).toEqual(['pt-5']);
    expect(ids(await search({ _count: '100' }))).toEqual(['pt-5']);
  });
  it("finds a patient by Ocean's JHN identifier form with a user-level token", async () => {
    const { code } = await authorizeCode();
    const at = ((await token({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! })).body as Record<string, string>).access_token!;
    const phn = sandbox.deps.population.client(7).phn;
    const res = await request(sandbox.app).get('/pos/emr/fhir/Patient').query({ identifier: `http://hl7.org/fhir/v2/0203|JHN:${phn}` }).set('authorization', `Bearer ${at}`).expect(200);
    expect(res.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual(['pt-7']);
  });
});
