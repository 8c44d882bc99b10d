// The EMR's SMART authorization server on the wire: authorize (GET and POST), token, JWKS, introspection.
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { invalidRequest, OAuthError, oauthErrorHandler } from '../../auth/index.js';
import type { AppDeps } from '../../app-deps.js';
import { verifyAccessToken } from './access.js';
import { authorize, type AuthorizeParams } from './authorize.js';
import { authenticateIntrospection } from './client-auth.js';
import type { GrantStore } from './grants.js';
import { emrPage, html, PAGE_CSP } from './html.js';
import type { EmrKeys } from './keys.js';
import { emrUrls } from './smart-configuration.js';
import { exchangeToken } from './token.js';

export interface AuthRouterDeps {
  app: AppDeps;
  grants: GrantStore;
  keys: () => Promise<EmrKeys>;
}

/** Mounted at `/pos/emr/auth`. See: https://hl7.org/fhir/smart-app-launch/STU2.2/app-launch.html */
export function createAuthRouter(deps: AuthRouterDeps): express.Router {
  const { app } = deps;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const baseUrl = app.config.baseUrl;

  const authorizeHandler = (req: Request, res: Response) => {
    const source = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown>;
    const params: AuthorizeParams = {};
    for (const [k, v] of Object.entries(source ?? {})) if (typeof v === 'string') params[k as keyof AuthorizeParams] = v;
    const outcome = authorize(params, { store: app.store, clock: app.clock, grants: deps.grants, baseUrl, userIpc: app.population.fixtures.familyPhysicianIpc });
    if (outcome.kind === 'redirect') return void res.redirect(302, outcome.location);
    res.status(outcome.status).set('Content-Security-Policy', PAGE_CSP).type('html')
      .send(emrPage('Authorization failed', `${baseUrl}/pos/emr/assets`, html`<main><h1>Authorization failed</h1><p class="error">${outcome.message}</p></main>`));
  };
  router.get('/authorize', authorizeHandler);
  router.post('/authorize', form, authorizeHandler);

  router.post('/token', form, async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!req.is('application/x-www-form-urlencoded')) throw invalidRequest('the token request must be application/x-www-form-urlencoded');
      const body = await exchangeToken((req.body ?? {}) as Record<string, unknown>, req.headers.authorization, { ...deps, store: app.store, clock: app.clock, population: app.population, baseUrl });
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(body);
    } catch (err) {
      next(err);
    }
  });

  router.get('/jwks', async (_req, res) => {
    res.json((await deps.keys()).jwks);
  });

  router.post('/introspect', form, async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      authenticateIntrospection(body, req.headers.authorization, app.store, baseUrl);
      if (typeof body.token !== 'string' || !body.token) throw invalidRequest('token is missing from the introspection request');
      const check = await verifyAccessToken(body.token, await deps.keys(), emrUrls(baseUrl).fhirBase, app.clock);
      res.set('Cache-Control', 'no-store').json(check.ok ? { active: true, ...check.claims } : { active: false });
    } catch (err) {
      next(err);
    }
  });

  router.use((req, _res, next) => next(invalidRequest(`no such endpoint: ${req.method} ${req.originalUrl}`)));
  // The EMR's own realm in the challenge (the shared handler names the Keycloak one), and SMART's no-cache on errors too.
  const emrErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent || !(err instanceof OAuthError)) return oauthErrorHandler(err, req, res, next);
    if (err.status === 401) res.set('WWW-Authenticate', `Basic realm="${emrUrls(baseUrl).issuer}"`);
    res.status(err.status).set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(err.body());
  };
  router.use(emrErrors);
  return router;
}
