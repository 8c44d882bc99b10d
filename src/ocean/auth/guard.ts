// The bearer check on Ocean's FHIR API: a token for audience `ocean`, scoped to one site.
import { requireBearer } from '../../auth/index.js';
import { unauthorized } from '../../fhir/errors.js';
import type { FhirRequest, RouteDef } from '../../fhir/index.js';
import { FHIR_PATH, type OceanContext } from '../context.js';
import { OCEAN_AUDIENCE, TOKEN_PATH } from './token-router.js';

/** Routes that answer without a token: the CapabilityStatement and the OperationDefinitions it names. */
const OPEN_ROUTES = new Set(['capabilities', 'operation-definition']);

/** Verifies the bearer token (when auth is on) and sets `req.partner` and `req.claims` (with `site`). */
export function createOceanGuard(ctx: OceanContext) {
  return async (req: FhirRequest, route: RouteDef): Promise<void> => {
    if (OPEN_ROUTES.has(route.name)) return;
    const { deps } = ctx;
    const principal = await requireBearer(req.headers.authorization, deps.issuer, OCEAN_AUDIENCE, deps.config.auth, tokenEndpointFor(ctx, req));
    if (principal.claims) assertCurrentCredentials(ctx, principal.claims);
    req.partner = principal.partner;
    if (principal.claims) req.claims = principal.claims;
  };
}

/**
 * A site token stands for the site's API credentials as they were when it was issued: once they are replaced (new
 * credentials, or the site handed to another partner) or the site is gone, its tokens are refused, so nobody calls as
 * the site, or as its earlier owner, on an old token.
 */
function assertCurrentCredentials(ctx: OceanContext, claims: Record<string, unknown>): void {
  const siteNum = typeof claims.site === 'string' ? claims.site : undefined;
  if (siteNum === undefined) return;
  const site = ctx.repo.siteView(siteNum);
  const challenge = `Bearer realm="${OCEAN_AUDIENCE}", error="invalid_token"`;
  if (!site) throw unauthorized(`The token is for Ocean site ${siteNum}, which does not exist (any more).`, challenge);
  const partner = typeof claims.partner === 'string' ? claims.partner : undefined;
  if (claims.azp !== site.clientId || partner !== site.partner) {
    throw unauthorized(`The token was issued to site ${siteNum}'s earlier API credentials, which were replaced: get a new token with the site's current credentials.`, challenge);
  }
}

/**
 * Ocean's token endpoint beside the FHIR base this request came to (`{host}/svc/oauth2/token`, as AR derives it), on
 * the sandbox's base URL, so a 401 names Ocean's endpoint and not the Keycloak realm's, under whichever of the
 * sandbox's Ocean hosts the caller uses.
 */
export function tokenEndpointFor(ctx: OceanContext, req: FhirRequest): string {
  const path = pathOf(req.url);
  const at = path.indexOf(`${FHIR_PATH}/`);
  return at >= 0 ? `${ctx.deps.config.baseUrl}${path.slice(0, at)}${TOKEN_PATH}` : `${ctx.host}${TOKEN_PATH}`;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** The site number the caller's token is scoped to, if any. */
export function siteOf(req: FhirRequest): string | undefined {
  const site = req.claims?.site;
  return typeof site === 'string' ? site : undefined;
}
