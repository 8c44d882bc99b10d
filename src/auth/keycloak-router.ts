// The Keycloak-shaped issuer PLR and HCIM callers use: token, certs (JWKS) and OIDC discovery.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Clock } from '../clock/index.js';
import type { Partners } from '../partners/index.js';
import type { Store } from '../store/index.js';
import { authenticatePartner } from './client-auth.js';
import { OIDC, openidConfiguration, realmInfo } from './discovery.js';
import { invalidGrant, invalidRequest, invalidUserCredentials, OAuthError, unsupportedGrantType } from './oauth-error.js';
import { createRealmEndpoints } from './realm-endpoints.js';
import { createRealmSessions, type RealmSession } from './realm-sessions.js';
import { createRefreshTokens } from './refresh-tokens.js';
import { REALM, REALM_PATH, type TokenIssuer } from './token-issuer.js';

export interface KeycloakDeps {
  issuer: TokenIssuer;
  store: Store;
  clock: Clock;
  partners: Partners;
  tokenLifetimeSeconds: number;
}

/** Mounted at `/auth`: discovery, realm info, certs, token and the realm endpoints. See: https://www.keycloak.org/docs/latest/securing_apps/#_oidc */
export function createKeycloakRouter(deps: KeycloakDeps): express.Router {
  const router = express.Router();
  const realm = REALM_PATH.replace(/^\/auth/, '');
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const sessions = createRealmSessions(deps.store, deps.clock);
  const refreshTokens = createRefreshTokens(deps.issuer, sessions);

  router.get(`${realm}/.well-known/openid-configuration`, (_req, res) => void res.json(openidConfiguration(deps.issuer.issuer)));
  router.get(realm, (_req, res) => void res.json(realmInfo(deps.issuer.issuer, deps.issuer.publicKeyBase64())));
  router.use(realm, createRealmEndpoints({ ...deps, refreshTokens }));

  router.get(`${realm}${OIDC}/certs`, (_req, res) => {
    res.json(deps.issuer.jwks());
  });

  router.post(`${realm}${OIDC}/token`, form, async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!req.is('application/x-www-form-urlencoded')) throw invalidRequest('the token request must be application/x-www-form-urlencoded');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const partner = authenticatePartner(deps.partners, req.headers.authorization, body);
      res.locals.partner = partner.name;
      const grant = body.grant_type;
      let subject: string;
      let username: string;
      let scope = typeof body.scope === 'string' && body.scope ? body.scope : 'openid profile';
      // A user's login: the session it starts (password) or continues (refresh_token).
      let login: { username: string } | { sid: string } | undefined;
      if (grant === 'client_credentials') {
        subject = `service-account-${partner.clientId}`;
        username = subject;
      } else if (grant === 'password') {
        const user = partner.users.find((u) => u.username === body.username);
        if (!user || user.password !== body.password) throw invalidUserCredentials();
        subject = user.username;
        username = user.username;
        login = { username };
      } else if (grant === 'refresh_token') {
        const claims = await refreshTokens.presented(body, partner.clientId);
        const user = partner.users.find((u) => u.username === claims.sub);
        if (!user) throw invalidGrant('User not found');
        subject = user.username;
        username = user.username;
        if (typeof claims.scope === 'string') scope = claims.scope;
        login = { sid: claims.sid };
      } else {
        throw unsupportedGrantType(`grant_type must be client_credentials, password or refresh_token, not "${String(grant ?? '')}"`);
      }
      const requested = typeof body.audience === 'string' ? body.audience.split(/[ ,]+/) : partner.audiences;
      const aud = requested.filter((a) => partner.audiences.includes(a));
      if (aud.length === 0) throw invalidRequest(`audience must be one of ${partner.audiences.join(', ')}`);
      // Only now, with the request found good, does a login start its session or a refresh count as use.
      let session: Readonly<RealmSession> | undefined;
      if (login && 'sid' in login) {
        session = sessions.refreshed(login.sid);
        if (!session) throw invalidGrant('Session not active');
      } else if (login) {
        session = sessions.start(partner.clientId, login.username);
      }
      const claims = { sub: subject, azp: partner.clientId, scope, preferred_username: username, partner: partner.name, ...(session ? { sid: session.sid } : {}) };
      // No token of a login outlives its session (Keycloak caps both at SSO Session Max).
      const now = Math.floor(deps.clock.now() / 1000);
      const lifetime = session ? Math.min(deps.tokenLifetimeSeconds, sessions.endsAt(session) - now) : deps.tokenLifetimeSeconds;
      const token = await deps.issuer.issue({ ...claims, aud }, lifetime);
      // A user's login also gets a refresh token (audience: the realm itself, as Keycloak's), good until its session
      // would end; a service account gets none (Keycloak's default for client_credentials since version 12).
      const refreshLifetime = session ? sessions.refreshExpiry(session) - now : 0;
      const refresh = session ? await deps.issuer.issue({ ...claims, typ: 'Refresh', aud: deps.issuer.issuer }, refreshLifetime) : undefined;
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({
        access_token: token,
        expires_in: lifetime,
        refresh_expires_in: refreshLifetime,
        ...(refresh ? { refresh_token: refresh } : {}),
        token_type: 'Bearer',
        'not-before-policy': 0,
        ...(session ? { session_state: session.sid } : {}),
        scope,
      });
    } catch (err) {
      next(err);
    }
  });

  router.use((req, _res, next) => next(invalidRequest(`no such endpoint: ${req.method} ${req.originalUrl}`)));
  router.use(oauthErrorHandler);
  return router;
}

/**
 * Renders OAuthError (and body-parser failures) as OAuth error JSON; an invalid_client 401 challenges for HTTP Basic
 * in `realm` (RFC 6749 §5.2: "MUST include the WWW-Authenticate response header field"), unless the route set its own.
 */
export function createOAuthErrorHandler(realm: string) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const e = err instanceof OAuthError ? err : toOAuthError(err);
    if (e.status === 401 && e.error === 'invalid_client' && !res.get('WWW-Authenticate')) res.set('WWW-Authenticate', `Basic realm="${realm}"`);
    res.status(e.status).set('Cache-Control', 'no-store').json(e.body());
  };
}

/** The Keycloak realm's error handler: its challenges name realm `moh_applications`. */
export const oauthErrorHandler = createOAuthErrorHandler(REALM);

function toOAuthError(err: unknown): OAuthError {
  const e = err as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.too.large') return new OAuthError(413, 'invalid_request', 'the request body is too large');
  if (e.status && e.status < 500) return new OAuthError(e.status, 'invalid_request', e.message ?? 'bad request');
  return new OAuthError(500, 'server_error', 'the token endpoint failed; see the sandbox log');
}
