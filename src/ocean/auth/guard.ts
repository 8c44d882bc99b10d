// The bearer check on Ocean's FHIR API: a token for audience `ocean`, scoped to one site.
import { requireBearer } from '../../auth/index.js';
import type { FhirRequest, RouteDef } from '../../fhir/index.js';
import type { OceanContext } from '../context.js';
import { OCEAN_AUDIENCE } from './token-router.js';

/** Routes that answer without a token (the CapabilityStatement). */
const OPEN_ROUTES = new Set(['capabilities']);

/** Verifies the bearer token (when auth is on) and sets `req.partner` and `req.claims` (with `site`). */
export function createOceanGuard(ctx: OceanContext) {
  return async (req: FhirRequest, route: RouteDef): Promise<void> => {
    if (OPEN_ROUTES.has(route.name)) return;
    const { deps } = ctx;
    const principal = await requireBearer(req.headers.authorization, deps.issuer, OCEAN_AUDIENCE, deps.config.auth);
    req.partner = principal.partner;
    if (principal.claims) req.claims = principal.claims;
  };
}

/** The site number the caller's token is scoped to, if any. */
export function siteOf(req: FhirRequest): string | undefined {
  const site = req.claims?.site;
  return typeof site === 'string' ? site : undefined;
}
