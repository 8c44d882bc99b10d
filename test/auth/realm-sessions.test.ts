// The realm's user sessions, as its own endpoints judge them: introspection, userinfo, refresh and logout check the
// session a token names; the registries, which only verify the JWT, do not.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { DEMO_PARTNER } from '../../src/partners/index.js';
import { createPlrSandbox, plrClient } from '../plr/support/plr-sandbox.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createPlrSandbox();
});
afterEach(() => sandbox.close());

const OIDC = '/auth/realms/moh_applications/protocol/openid-connect';
const basic = `Basic ${Buffer.from(`${DEMO_PARTNER.clientId}:${DEMO_PARTNER.clientSecret}`).toString('base64')}`;
const user = DEMO_PARTNER.users[0]!;
const NOT_FOUND = "User session not found or doesn't have client attached on it";

const token = (form: Record<string, string>) => request(sandbox.app).post(`${OIDC}/token`).set('Authorization', basic).type('form').send(form);
const login = async () => {
  const res = await token({ grant_type: 'password', username: user.username, password: user.password, scope: 'openid profile' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { access_token: string; refresh_token: string; expires_in: number; refresh_expires_in: number; session_state: string };
};
const refresh = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });
const logout = (refreshToken: string) => request(sandbox.app).post(`${OIDC}/logout`).set('Authorization', basic).type('form').send({ refresh_token: refreshToken });
const introspect = async (t: string) => (await request(sandbox.app).post(`${OIDC}/token/introspect`).set('Authorization', basic).type('form').send({ token: t }).expect(200)).body as Record<string, unknown>;
const userinfo = (t: string) => request(sandbox.app).get(`${OIDC}/userinfo`).set('Authorization', `Bearer ${t}`);
const plrStatus = async (t: string) => (await plrClient(sandbox, t).get('/Practitioner/$entityQuery?family=Smithers&given=Bob')).status;

describe('a logged-out session at the realm\'s own endpoints', () => {
  it('introspects its refresh and access tokens as {"active":false}, while another session\'s stay active', async () => {
    const ended = await login();
    const other = await login();
    expect((await introspect(ended.access_token)).active).toBe(true);
    expect((await introspect(ended.refresh_token)).active).toBe(true);
    expect((await logout(ended.refresh_token)).status).toBe(204);
    expect(await introspect(ended.refresh_token)).toEqual({ active: false });
    expect(await introspect(ended.access_token)).toEqual({ active: false });
    expect(await introspect(other.access_token)).toMatchObject({ active: true, sid: other.session_state, token_type: 'Bearer' });
    expect(await introspect(other.refresh_token)).toMatchObject({ active: true, sid: other.session_state, token_type: 'Refresh' });
  });

  it('answers userinfo 401 in Keycloak\'s words for its access token, with the Bearer challenge', async () => {
    const ended = await login();
    expect((await userinfo(ended.access_token)).status).toBe(200);
    expect((await logout(ended.refresh_token)).status).toBe(204);
    const res = await userinfo(ended.access_token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_request', error_description: NOT_FOUND });
    expect(res.headers['www-authenticate']).toBe(`Bearer realm="moh_applications", error="invalid_request", error_description="${NOT_FOUND}"`);
  });

  it('leaves a service account\'s token (no session) to its signature and expiry, as before', async () => {
    const service = (await token({ grant_type: 'client_credentials', scope: 'openid' }).expect(200)).body as { access_token: string };
    expect(await introspect(service.access_token)).toMatchObject({ active: true, client_id: DEMO_PARTNER.clientId });
    expect((await userinfo(service.access_token)).status).toBe(200);
  });
});

describe('a logged-out session at the registries', () => {
  it('keeps its access token good at PLR until it expires: a resource server only verifies the JWT, as with Keycloak', async () => {
    const ended = await login();
    expect(await plrStatus(ended.access_token)).toBe(200);
    expect((await logout(ended.refresh_token)).status).toBe(204);
    expect(await plrStatus(ended.access_token)).toBe(200);
    await sandbox.deps.clock.advance(ended.expires_in * 1000);
    expect(await plrStatus(ended.access_token)).toBe(401);
  });
});

describe('logins, kept live in the store', () => {
  const refused = async (refreshToken: string) => {
    const res = await refresh(refreshToken);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    return res.body as { error: string; error_description: string };
  };

  it('are all logged out by a reset: a refresh token from before it is refused, logged out or not', async () => {
    const loggedOut = await login();
    const loggedIn = await login();
    expect((await logout(loggedOut.refresh_token)).status).toBe(204);
    sandbox.reset();
    expect(await refused(loggedOut.refresh_token)).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
    expect(await refused(loggedIn.refresh_token)).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
    expect(await introspect(loggedIn.access_token)).toEqual({ active: false });
    const after = await login();
    expect((await refresh(after.refresh_token)).status).toBe(200);
  });

  it('outlive a snapshot restore as they stand: a logout after the snapshot stays, a login after it stays too', async () => {
    const ended = await login();
    const kept = await login();
    await request(sandbox.app).post('/admin/snapshots').send({ name: 'before-logout' }).expect(201);
    expect((await logout(ended.refresh_token)).status).toBe(204);
    const later = await login();
    await request(sandbox.app).post('/admin/snapshots/before-logout/restore').expect(200);
    expect(await refused(ended.refresh_token)).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
    expect((await refresh(kept.refresh_token)).status).toBe(200);
    expect((await refresh(later.refresh_token)).status).toBe(200);
  });

  it('end with a logout by any of their refresh tokens: a newer one of the same login is refused after the older one\'s expiry', async () => {
    const first = await login();
    await sandbox.deps.clock.advance(20 * 60_000);
    const newer = (await refresh(first.refresh_token).expect(200)).body as { refresh_token: string };
    expect((await logout(first.refresh_token)).status).toBe(204);
    await sandbox.deps.clock.advance(11 * 60_000); // the first has expired; the newer has not
    await login();
    expect(await refused(newer.refresh_token)).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
    expect(await introspect(newer.refresh_token)).toEqual({ active: false });
  });
});

describe('a login\'s lifetime, Keycloak\'s defaults', () => {
  const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };

  it('ends 10 hours after the login however often it refreshes (SSO Session Max): its tokens stop there, then "Token is not active"', async () => {
    const first = await login();
    const end = claimsOf(first.refresh_token).iat + 10 * 3600;
    let current = first.refresh_token;
    for (let minutes = 25; minutes <= 575; minutes += 25) {
      await sandbox.deps.clock.advance(25 * 60_000);
      const res = await refresh(current);
      expect(res.status, `refresh at ${minutes} min: ${JSON.stringify(res.body)}`).toBe(200);
      current = res.body.refresh_token as string;
      expect(res.body.refresh_expires_in).toBe(Math.min(1800, 36_000 - minutes * 60));
      expect(claimsOf(current).exp).toBe(Math.min(claimsOf(current).iat + 1800, end));
    }
    await sandbox.deps.clock.advance(23 * 60_000); // 9 h 58 min in: two minutes left
    const last = await refresh(current).expect(200);
    expect(last.body).toMatchObject({ expires_in: 120, refresh_expires_in: 120 });
    expect(claimsOf(last.body.access_token as string).exp).toBe(end);
    expect(claimsOf(last.body.refresh_token as string).exp).toBe(end);
    await sandbox.deps.clock.advance(120_000);
    const refusedAtEnd = await refresh(last.body.refresh_token as string);
    expect(refusedAtEnd.status).toBe(400);
    expect(refusedAtEnd.body).toEqual({ error: 'invalid_grant', error_description: 'Token is not active' });
    expect(await introspect(last.body.access_token as string)).toEqual({ active: false });
  });

  it('ends 30 minutes after its last refresh (SSO Session Idle)', async () => {
    const first = await login();
    await sandbox.deps.clock.advance(1800_000);
    expect((await refresh(first.refresh_token)).body).toEqual({ error: 'invalid_grant', error_description: 'Token is not active' });
  });
});
