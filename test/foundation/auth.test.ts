import { SignJWT, generateKeyPair } from 'jose';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { DEMO_PARTNER } from '../../src/partners/index.js';
import { echoSystem } from '../support/echo-system.js';
import { createTestSandbox } from '../support/sandbox.js';

const TOKEN = '/auth/realms/moh_applications/protocol/openid-connect/token';
let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createTestSandbox({ systems: [echoSystem] });
});
afterEach(() => sandbox.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const tokenFor = async (form: Record<string, string> = {}) => {
  const res = await request(sandbox.app)
    .post(TOKEN)
    .type('form')
    .send({ grant_type: 'client_credentials', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret, ...form });
  return res.body.access_token as string;
};
const callGuarded = (authorization?: string) => {
  const r = request(sandbox.app).post('/hcim/$guarded');
  return authorization ? r.set('authorization', authorization) : r;
};

describe('the token endpoint', () => {
  it('issues a client_credentials token for credentials in the form', async () => {
    const res = await request(sandbox.app)
      .post(TOKEN)
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(res.body.access_token.split('.')).toHaveLength(3);
  });

  it('issues a token for credentials in a Basic header', async () => {
    const res = await request(sandbox.app).post(TOKEN).set('authorization', basic(DEMO_PARTNER.clientId, DEMO_PARTNER.clientSecret)).type('form').send({ grant_type: 'client_credentials' });
    expect(res.status).toBe(200);
  });

  it('issues a password-grant token for a partner user', async () => {
    const user = DEMO_PARTNER.users[0]!;
    const res = await request(sandbox.app)
      .post(TOKEN)
      .type('form')
      .send({ grant_type: 'password', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret, username: user.username, password: user.password });
    expect(res.status).toBe(200);
    const wrong = await request(sandbox.app)
      .post(TOKEN)
      .type('form')
      .send({ grant_type: 'password', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret, username: user.username, password: 'nope' });
    expect(wrong.status).toBe(401); // Keycloak's status for wrong user credentials
    expect(wrong.body.error).toBe('invalid_grant');
  });

  it('answers bad requests in the OAuth dialect', async () => {
    const badSecret = await request(sandbox.app).post(TOKEN).type('form').send({ grant_type: 'client_credentials', client_id: DEMO_PARTNER.clientId, client_secret: 'x' });
    expect(badSecret.status).toBe(401);
    expect(badSecret.body).toMatchObject({ error: 'invalid_client' });
    const badGrant = await request(sandbox.app).post(TOKEN).type('form').send({ grant_type: 'implicit', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret });
    expect(badGrant.body.error).toBe('unsupported_grant_type');
    const json = await request(sandbox.app).post(TOKEN).send({ grant_type: 'client_credentials' });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid_request');
  });

  it('publishes discovery and the JWKS that verifies its tokens', async () => {
    const disco = await request(sandbox.app).get('/auth/realms/moh_applications/.well-known/openid-configuration');
    expect(disco.body.token_endpoint).toBe(`${sandbox.deps.config.baseUrl}${TOKEN}`);
    const jwks = await request(sandbox.app).get('/auth/realms/moh_applications/protocol/openid-connect/certs');
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.body.keys[0].d).toBeUndefined();
  });
});

describe('the bearer guard', () => {
  it('lets a valid token through and knows its partner', async () => {
    const res = await callGuarded(`Bearer ${await tokenFor()}`);
    expect(res.status).toBe(200);
    expect(res.body.issue[0].diagnostics).toBe('hello demo');
  });

  it('rejects a missing token with a 401 outcome that says where to get one', async () => {
    const res = await callGuarded();
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body.issue[0]).toMatchObject({ code: 'login' });
    expect(res.body.issue[0].diagnostics).toMatch(/openid-connect\/token/);
  });

  it('rejects an expired token once the simulated clock passes its expiry', async () => {
    const token = await tokenFor();
    await sandbox.deps.clock.advance(301_000);
    const res = await callGuarded(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.issue[0].diagnostics).toMatch(/expired/);
  });

  it('rejects a token it accepted before, from the very second the simulated clock reaches its expiry', async () => {
    const token = await tokenFor();
    expect((await callGuarded(`Bearer ${token}`)).status).toBe(200);
    const { claims } = (await sandbox.deps.issuer.verify(token)) as { claims: { exp: number } };
    await sandbox.deps.clock.advance(claims.exp * 1000 - sandbox.deps.clock.now() - 1000);
    expect((await callGuarded(`Bearer ${token}`)).status).toBe(200);
    await sandbox.deps.clock.advance(1000);
    const res = await callGuarded(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.issue[0].diagnostics).toMatch(/expired/);
  });

  it('checks the signature of a token once and still judges its audience on every call', async () => {
    const token = await tokenFor();
    const first = await sandbox.deps.issuer.verify(token, 'plr');
    const again = await sandbox.deps.issuer.verify(token, 'plr');
    expect(first.ok && again.ok && again.claims === first.claims).toBe(true);
    const elsewhere = await sandbox.deps.issuer.verify(token, 'some-other-system');
    expect(elsewhere).toEqual({ ok: false, reason: 'the access token was not issued for this system (wrong audience)' });
  });

  it('rejects a forged token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ aud: 'plr', partner: 'demo' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(sandbox.deps.issuer.issuer)
      .setExpirationTime('1h')
      .sign(privateKey);
    const res = await callGuarded(`Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body.issue[0].diagnostics).toMatch(/not signed by this sandbox/);
  });

  it('rejects a token issued for another audience', async () => {
    const res = await callGuarded(`Bearer ${await tokenFor({ audience: 'hcim' })}`);
    expect(res.status).toBe(401);
    expect(res.body.issue[0].diagnostics).toMatch(/wrong audience/);
  });

  it('rejects garbage and a non-Bearer scheme', async () => {
    expect((await callGuarded('Bearer not.a.jwt')).status).toBe(401);
    expect((await callGuarded(basic('a', 'b'))).body.issue[0].diagnostics).toMatch(/must be "Bearer/);
  });

  it('lets everything through with auth off', async () => {
    const open = await createTestSandbox({ systems: [echoSystem], config: { auth: false } });
    expect((await request(open.app).post('/hcim/$guarded')).status).toBe(200);
    await open.close();
  });
});
