// The Keycloak-shaped issuer PLR and HCIM callers use: token, certs (JWKS) and OIDC discovery.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Partners } from '../partners/index.js';
import { authenticatePartner } from './client-auth.js';
import { OIDC, openidConfiguration, realmInfo } from './discovery.js';
import { invalidGrant, invalidRequest, OAuthError, unsupportedGrantType } from './oauth-error.js';
import { createRealmEndpoints } from './realm-endpoints.js';
import { REALM, REALM_PATH, type TokenIssuer } from './token-issuer.js';

export interface KeycloakDeps {
  issuer: TokenIssuer;
  partners: Partners;
  tokenLifetimeSeconds: number;
}

/** Mounted at `/auth`: discovery, realm info, certs, token and the realm endpoints. See: https://www.keycloak.org/docs/latest/securing_apps/#_oidc */
export function createKeycloakRouter(deps: KeycloakDeps): express.Router {
  const router = express.Router();
  const realm = REALM_PATH.replace(/^\/auth/, '');
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  router.get(`${realm}/.well-known/openid-configuration`, (_req, res) => void res.json(openidConfiguration(deps.issuer.issuer)));
  router.get(realm, (_req, res) => void res.json(realmInfo(deps.issuer.issuer, deps.issuer.publicKeyBase64())));
  router.use(realm, createRealmEndpoints(deps));

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
      if (grant === 'client_credentials') {
        subject = `service-account-${partner.clientId}`;
        username = subject;
      } else if (grant === 'password') {
        const user = partner.users.find((u) => u.username === body.username);
        if (!user || user.password !== body.password) throw invalidGrant('Invalid user credentials');
        subject = user.username;
        username = user.username;
      } else {
        throw unsupportedGrantType(`grant_type must be client_credentials or password, not "${String(grant ?? '')}"`);
      }
      const requested = typeof body.audience === 'string' ? body.audience.split(/[ ,]+/) : partner.audiences;
      const aud = requested.filter((a) => partner.audiences.includes(a));
      if (aud.length === 0) throw invalidRequest(`audience must be one of ${partner.audiences.join(', ')}`);
      const scope = typeof body.scope === 'string' && body.scope ? body.scope : 'openid profile';
      const token = await deps.issuer.issue(
        { sub: subject, azp: partner.clientId, aud, scope, preferred_username: username, partner: partner.name },
        deps.tokenLifetimeSeconds,
      );
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({
        access_token: token,
        expires_in: deps.tokenLifetimeSeconds,
        refresh_expires_in: 0,
        token_type: 'Bearer',
        'not-before-policy': 0,
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
 * Renders OAuthError (and body-parser failures) as OAuth error JSON; a 401 challenges for HTTP Basic in `realm`
 * (RFC 6749 §5.2: "MUST include the WWW-Authenticate response header field"), unless the route set its own.
 */
export function createOAuthErrorHandler(realm: string) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const e = err instanceof OAuthError ? err : toOAuthError(err);
    if (e.status === 401 && !res.get('WWW-Authenticate')) res.set('WWW-Authenticate', `Basic realm="${realm}"`);
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
