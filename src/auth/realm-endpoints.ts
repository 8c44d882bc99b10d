// The realm's other OIDC endpoints, as Keycloak answers the sandbox's kind of clients: auth, introspect, userinfo, logout.
import express, { type NextFunction, type Request, type Response } from 'express';
import { html, PAGE_CSP } from '../html/safe-html.js';
import type { Partners } from '../partners/index.js';
import { authenticatePartner } from './client-auth.js';
import { OIDC } from './discovery.js';
import { invalidRequest, OAuthError } from './oauth-error.js';
import type { RefreshTokens } from './refresh-tokens.js';
import type { TokenClaims, TokenIssuer } from './token-issuer.js';

export interface RealmEndpointDeps {
  issuer: TokenIssuer;
  partners: Partners;
  refreshTokens: RefreshTokens;
}

/** A bare page (no assets: the realm is mounted whatever systems run). */
function page(res: Response, status: number, heading: string, message = ''): void {
  res.status(status).set({ 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store' }).type('html')
    .send(html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>moh_applications</title></head><body><main><h1>${heading}</h1><p>${message}</p></main></body></html>`.value);
}

/** Keycloak's error page (it never redirects to a redirect_uri it has not verified). */
const errorPage = (res: Response, status: number, message: string) => page(res, status, 'We are sorry...', message);

/** Keycloak's words when a token's session is gone (UserInfoEndpoint: USER_SESSION_NOT_FOUND). */
const SESSION_NOT_FOUND = "User session not found or doesn't have client attached on it";

const params = (req: Request): Record<string, unknown> => ((req.method === 'POST' ? req.body : req.query) ?? {}) as Record<string, unknown>;

/** Routes below the realm path (`/realms/moh_applications`). */
export function createRealmEndpoints(deps: RealmEndpointDeps): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  // A user's login names its session (`sid`); a service account's token names none and stands on its signature.
  const sessionEnded = (claims: TokenClaims) => typeof claims.sid === 'string' && !deps.refreshTokens.active(claims.sid);
  const safely = (fn: (req: Request, res: Response) => Promise<void> | void) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      await fn(req, res);
    } catch (err) {
      next(err);
    }
  };

  // Partner clients are confidential service clients: Keycloak refuses them a browser login ("standard flow").
  const authorize = (req: Request, res: Response) => {
    const clientId = params(req).client_id;
    if (typeof clientId !== 'string' || !clientId) return errorPage(res, 400, 'Missing parameter: client_id');
    if (!deps.partners.byClientId(clientId)) return errorPage(res, 400, 'Client not found.');
    errorPage(res, 400, 'Client is not allowed to initiate browser login with given response_type. Standard flow is disabled for the client.');
  };
  router.get(`${OIDC}/auth`, authorize);
  router.post(`${OIDC}/auth`, form, authorize);

  // RFC 7662: the caller authenticates as a client of the realm; any token of the realm can be inspected. A token of
  // a session that ended is inactive, as Keycloak's introspection checks the user session.
  router.post(`${OIDC}/token/introspect`, form, safely(async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    authenticatePartner(deps.partners, req.headers.authorization, body);
    if (typeof body.token !== 'string' || !body.token) throw invalidRequest('token is missing from the introspection request');
    // Keycloak introspects its refresh tokens too (token_type Refresh).
    let check = await deps.issuer.verify(body.token);
    if (!check.ok) check = await deps.issuer.verify(body.token, undefined, 'Refresh');
    const claims = check.ok && !sessionEnded(check.claims) ? check.claims : undefined;
    res.set('Cache-Control', 'no-store').json(claims ? { ...claims, client_id: claims.azp, username: claims.preferred_username, token_type: claims.typ, active: true } : { active: false });
  }));

  const userinfo = safely(async (req, res) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '');
    const check = m ? await deps.issuer.verify(m[1]!) : undefined;
    if (!check?.ok) {
      res.set('WWW-Authenticate', `Bearer realm="moh_applications", error="invalid_token", error_description="Token verification failed"`);
      throw new OAuthError(401, 'invalid_token', check ? check.reason : 'send the access token as "Authorization: Bearer <token>"');
    }
    if (sessionEnded(check.claims)) {
      res.set('WWW-Authenticate', `Bearer realm="moh_applications", error="invalid_request", error_description="${SESSION_NOT_FOUND}"`);
      throw new OAuthError(401, 'invalid_request', SESSION_NOT_FOUND);
    }
    if (!(check.claims.scope ?? '').split(' ').includes('openid')) throw new OAuthError(403, 'insufficient_scope', 'Missing openid scope');
    const { sub, preferred_username, azp } = check.claims;
    res.set('Cache-Control', 'no-store').json({ sub, preferred_username, ...(sub.startsWith('service-account-') ? { client_id: azp } : {}) });
  });
  router.get(`${OIDC}/userinfo`, userinfo);
  router.post(`${OIDC}/userinfo`, form, userinfo);

  // The sandbox keeps no browser sessions (its logins come from clients, by password grant): nothing to end here.
  router.get(`${OIDC}/logout`, (req, res) => {
    if (req.query.post_logout_redirect_uri !== undefined) return errorPage(res, 400, 'Invalid redirect uri');
    page(res, 200, 'You are logged out');
  });
  // A client's back-channel logout ends the session its refresh token names: 204, and the token refreshes no more.
  router.post(`${OIDC}/logout`, form, safely(async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const partner = authenticatePartner(deps.partners, req.headers.authorization, body);
    if (typeof body.refresh_token !== 'string') throw invalidRequest('No refresh token');
    deps.refreshTokens.end(await deps.refreshTokens.presented(body, partner.clientId));
    res.status(204).end();
  }));
  return router;
}
