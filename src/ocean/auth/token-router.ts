// Ocean's OAuth2 token endpoint: client_credentials per site, credentials in a Basic header or the form body.
import express, { type NextFunction, type Request, type Response } from 'express';
import { clientCredentials, createOAuthErrorHandler, invalidClient, invalidRequest, unsupportedGrantType } from '../../auth/index.js';
import type { OceanContext } from '../context.js';
import type { OceanSite } from '../model.js';

/** The audience of Ocean site tokens. */
export const OCEAN_AUDIENCE = 'ocean';
/** Where Ocean's token endpoint is, below Ocean's host (docs/ocean.md#authentication). */
export const TOKEN_PATH = '/svc/oauth2/token';
/**
 * The realm of the Basic challenge on a 401. What Ocean itself sends is not published; the Keycloak realm's name
 * (`moh_applications`) would send a partner to the wrong place, so the challenge names Ocean.
 */
export const OCEAN_REALM = 'Ocean';
/** Lifetime of an Ocean API token (docs/ocean.md#authentication: `{access_token, token_type: "Bearer", expires_in: 3600}`). */
export const OCEAN_TOKEN_LIFETIME_SECONDS = 3600;

/** Issues a site-scoped token: `aud` ocean, `site` the site number. */
export function issueSiteToken(ctx: OceanContext, site: OceanSite): Promise<string> {
  return ctx.deps.issuer.issue(
    { sub: `site-${site.siteNum}`, azp: site.clientId, aud: OCEAN_AUDIENCE, site: site.siteNum, ...(site.partner ? { partner: site.partner } : {}) },
    OCEAN_TOKEN_LIFETIME_SECONDS,
  );
}

/**
 * Mounted at `/svc/oauth2`. OTI posts `?grant_type=client_credentials` with `Authorization: basic ...` and an
 * empty body; the autorouter posts everything in the form body. Both work. See: docs/ocean.md#authentication.
 */
export function createOceanTokenRouter(ctx: OceanContext): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  router.post('/token', form, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
      if (hasBody && !req.is('application/x-www-form-urlencoded')) throw invalidRequest('the token request must be application/x-www-form-urlencoded');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const grant = typeof body.grant_type === 'string' ? body.grant_type : typeof req.query.grant_type === 'string' ? req.query.grant_type : undefined;
      const { clientId, clientSecret } = clientCredentials(req.headers.authorization, body);
      if (!clientId) throw invalidClient('client_id is missing: send the site credentials from Portal > Admin > Credentials as Basic auth or in the form');
      const site = ctx.repo.siteByClientId(clientId);
      if (!site || site.clientSecret !== clientSecret) throw invalidClient(`invalid client credentials for client "${clientId}"`);
      res.locals.partner = site.partner;
      if (grant !== 'client_credentials') throw unsupportedGrantType(`grant_type must be client_credentials, not "${grant ?? ''}"`);
      const token = await issueSiteToken(ctx, site);
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({ access_token: token, token_type: 'Bearer', expires_in: OCEAN_TOKEN_LIFETIME_SECONDS });
    } catch (err) {
      next(err);
    }
  });
  router.all('/token', (req, _res, next) => next(invalidRequest(`${req.method} is not supported on the token endpoint; POST a form`)));
  router.use(createOAuthErrorHandler(OCEAN_REALM));
  return router;
}
