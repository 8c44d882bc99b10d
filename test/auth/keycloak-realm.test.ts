// The Keycloak-shaped realm against a maintained OIDC client (openid-client 6): discovery, and every advertised endpoint.
import { createHash, X509Certificate } from 'node:crypto';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main.js';
import { authenticate } from '../../src/auth/index.js';
import { DEMO_PARTNER } from '../../src/partners/index.js';
import { startTestSandboxOnSocket } from '../support/sandbox.js';

let running: RunningSandbox;
let issuer: string;
let config: oidc.Configuration;

beforeAll(async () => {
  running = await startTestSandboxOnSocket([]);
  issuer = `${running.url}/auth/realms/moh_applications`;
  config = await oidc.discovery(new URL(issuer), DEMO_PARTNER.clientId, DEMO_PARTNER.clientSecret, oidc.ClientSecretBasic(DEMO_PARTNER.clientSecret), { execute: [oidc.allowInsecureRequests] });
});
afterAll(async () => running?.stop());

const serverMeta = () => config.serverMetadata() as Record<string, unknown>;

describe('discovery, as openid-client reads it', () => {
  it('advertises the OIDC-required and Keycloak keys, each endpoint under the realm', () => {
    const meta = serverMeta();
    expect(meta.issuer).toBe(issuer);
    for (const k of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'introspection_endpoint', 'end_session_endpoint', 'jwks_uri']) {
      expect(String(meta[k]), k).toMatch(new RegExp(`^${issuer}/protocol/openid-connect/`));
    }
    expect(meta.response_types_supported).toContain('code');
    for (const k of ['scopes_supported', 'claims_supported', 'subject_types_supported', 'id_token_signing_alg_values_supported', 'grant_types_supported', 'code_challenge_methods_supported']) expect(meta[k], k).toEqual(expect.any(Array));
    expect(meta.scopes_supported).toContain('openid');
    expect(Object.keys(meta).length).toBeGreaterThan(30);
  });

  it('gets a client_credentials token, introspects it as active with its claims, and an altered one as inactive', async () => {
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'openid profile' });
    const info = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(info).toMatchObject({ active: true, client_id: DEMO_PARTNER.clientId, sub: `service-account-${DEMO_PARTNER.clientId}`, iss: issuer, aud: ['plr', 'hcim'], token_type: 'Bearer' });
    expect((await oidc.tokenIntrospection(config, `${tokens.access_token.slice(0, -4)}AAAA`)).active).toBe(false);
  });

  it('answers userinfo for the token\'s subject', async () => {
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'openid profile' });
    const info = await oidc.fetchUserInfo(config, tokens.access_token, `service-account-${DEMO_PARTNER.clientId}`);
    expect(info).toMatchObject({ sub: `service-account-${DEMO_PARTNER.clientId}`, preferred_username: `service-account-${DEMO_PARTNER.clientId}` });
  });

  it('serves a signing key whose self-signed certificate (x5c) carries the same key, with matching x5t thumbprints', async () => {
    const jwks = (await (await fetch(String(serverMeta().jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    const key = jwks.keys[0]!;
    const der = Buffer.from((key.x5c as string[])[0]!, 'base64');
    const cert = new X509Certificate(der);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toBe('CN=moh_applications');
    expect(cert.publicKey.export({ format: 'jwk' }).n).toBe(key.n);
    expect(key.x5t).toBe(createHash('sha1').update(der).digest('base64url'));
    expect(key['x5t#S256']).toBe(createHash('sha256').update(der).digest('base64url'));
  });
});

describe('the password grant and its refresh token, as Keycloak answers them', () => {
  const user = DEMO_PARTNER.users[0]!;
  /** What PLR and HCIM ask of a bearer token (this realm mounts no system). */
  const plrTakes = async (token: string) => (await authenticate(`Bearer ${token}`, running.sandbox.deps.issuer, 'plr', true)).ok;

  it('returns a refresh token with the password grant, which a maintained client refreshes into a new access token PLR takes', async () => {
    const tokens = await oidc.genericGrantRequest(config, 'password', { username: user.username, password: user.password, scope: 'openid profile' });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.refresh_expires_in).toBe(1800);
    expect(tokens.session_state).toEqual(expect.any(String));
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toEqual(expect.any(String));
    const info = await oidc.tokenIntrospection(config, refreshed.access_token);
    expect(info).toMatchObject({ active: true, sub: user.username, username: user.username, client_id: DEMO_PARTNER.clientId, scope: 'openid profile', token_type: 'Bearer' });
    expect(await plrTakes(refreshed.access_token)).toBe(true);
  });

  it('never takes a refresh token as an access token, and introspects it as a Refresh token', async () => {
    const tokens = await oidc.genericGrantRequest(config, 'password', { username: user.username, password: user.password, scope: 'openid' });
    expect(await plrTakes(tokens.access_token)).toBe(true);
    expect(await plrTakes(tokens.refresh_token!)).toBe(false);
    const userinfo = await fetch(`${issuer}/protocol/openid-connect/userinfo`, { headers: { authorization: `Bearer ${tokens.refresh_token}` } });
    expect(userinfo.status).toBe(401);
    expect(await oidc.tokenIntrospection(config, tokens.refresh_token!)).toMatchObject({ active: true, token_type: 'Refresh', sub: user.username });
  });

  it('refuses a refresh token that is expired, altered, another client\'s or missing, as invalid_grant (400)', async () => {
    const form = (body: Record<string, string>, auth = `Basic ${Buffer.from(`${DEMO_PARTNER.clientId}:${DEMO_PARTNER.clientSecret}`).toString('base64')}`) =>
      fetch(`${issuer}/protocol/openid-connect/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth }, body: new URLSearchParams(body).toString() });
    const tokens = await oidc.genericGrantRequest(config, 'password', { username: user.username, password: user.password });
    const altered = await form({ grant_type: 'refresh_token', refresh_token: `${tokens.refresh_token!.slice(0, -4)}AAAA` });
    expect(altered.status).toBe(400);
    expect(await altered.json()).toMatchObject({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
    const access = await form({ grant_type: 'refresh_token', refresh_token: tokens.access_token });
    expect(access.status).toBe(400);
    expect(await access.json()).toMatchObject({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
    const missing = await form({ grant_type: 'refresh_token' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request', error_description: 'Missing parameter: refresh_token' });
    const other = running.sandbox.deps.partners.add({ name: 'refresh-other' }, new Date().toISOString());
    const foreign = await form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }, `Basic ${Buffer.from(`${other.clientId}:${other.clientSecret}`).toString('base64')}`);
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining("Token client and authorized client don't match") });
    await running.sandbox.deps.clock.advance(1801_000);
    const expired = await form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ error: 'invalid_grant', error_description: 'Token is not active' });
  });

  it('ends the session on a back-channel logout (204): its refresh token refreshes no more, another login\'s still does', async () => {
    const ended = await oidc.genericGrantRequest(config, 'password', { username: user.username, password: user.password });
    const other = await oidc.genericGrantRequest(config, 'password', { username: user.username, password: user.password });
    const logout = (refreshToken: string) =>
      fetch(`${issuer}/protocol/openid-connect/logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret, refresh_token: refreshToken }).toString(),
      });
    expect((await logout(ended.refresh_token!)).status).toBe(204);
    await expect(oidc.refreshTokenGrant(config, ended.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant', error_description: 'Session not active' });
    expect((await oidc.refreshTokenGrant(config, other.refresh_token!)).access_token).toEqual(expect.any(String));
    const withAccessToken = await logout(other.access_token);
    expect(withAccessToken.status).toBe(400);
    expect(await withAccessToken.json()).toMatchObject({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
  });

  it('answers wrong user credentials 401 invalid_grant, as Keycloak does (not RFC 6749\'s 400), without a Basic challenge', async () => {
    const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret, username: user.username, password: 'wrong' }).toString(),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
  });
});

describe('the rest of the realm on the wire', () => {
  it('serves the realm info JSON with the public key of the JWKS', async () => {
    const res = await fetch(issuer);
    expect(res.status).toBe(200);
    const info = (await res.json()) as Record<string, unknown>;
    expect(info).toMatchObject({ realm: 'moh_applications', 'token-service': `${issuer}/protocol/openid-connect`, 'account-service': `${issuer}/account`, 'tokens-not-before': 0 });
    const jwks = (await (await fetch(`${issuer}/protocol/openid-connect/certs`)).json()) as { keys: { n: string }[] };
    const { createPublicKey } = await import('node:crypto');
    expect(createPublicKey({ key: Buffer.from(info.public_key as string, 'base64'), format: 'der', type: 'spki' }).export({ format: 'jwk' }).n).toBe(jwks.keys[0]!.n);
  });

  it('refuses introspection without client authentication, and userinfo without a valid token, in the OAuth dialect', async () => {
    const anonymous = await fetch(`${issuer}/protocol/openid-connect/token/introspect`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=x' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toBe('invalid_client');
    const forged = await fetch(`${issuer}/protocol/openid-connect/userinfo`, { headers: { authorization: 'Bearer a.b.c' } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    const noOpenid = await oidc.clientCredentialsGrant(config, { scope: 'profile' });
    const insufficient = await fetch(`${issuer}/protocol/openid-connect/userinfo`, { headers: { authorization: `Bearer ${noOpenid.access_token}` } });
    expect(insufficient.status).toBe(403);
    expect(((await insufficient.json()) as { error: string }).error).toBe('insufficient_scope');
  });

  it('answers the browser endpoints as Keycloak answers a service client: no browser login, a logged-out page', async () => {
    const auth = await fetch(oidc.buildAuthorizationUrl(config, { redirect_uri: 'http://127.0.0.1:1/cb', scope: 'openid' }), { redirect: 'manual' });
    expect(auth.status).toBe(400);
    expect(auth.headers.get('location')).toBeNull();
    expect(await auth.text()).toContain('Standard flow is disabled for the client');
    const unknown = await fetch(`${issuer}/protocol/openid-connect/auth?client_id=nobody&response_type=code`);
    expect(await unknown.text()).toContain('Client not found.');
    const logout = await fetch(oidc.buildEndSessionUrl(config, {}));
    expect(logout.status).toBe(200);
    expect(await logout.text()).toContain('You are logged out');
    expect((await fetch(oidc.buildEndSessionUrl(config, { post_logout_redirect_uri: 'http://evil.example/' }))).status).toBe(400);
  });
});
