// PLR's request rules: a bearer token for audience `plr`, a UserId header, and a lenient Accept (PLR IG techdetails).
import type { AppDeps } from '../app-deps.js';
import { requireBearer } from '../auth/index.js';
import { fhirError, type FhirRequest, type RouteDef } from '../fhir/index.js';
import { plainIssue, plrFailure, plrIssue, plrOutcome } from './error-codes.js';

/** Routes a client may call without credentials (conformance resources). */
const PUBLIC_ROUTES = new Set(['metadata', 'operation-definition']);

const SUPPORTED = { fhirversion: ['4', '4.0', '4.0.1'], bcplrversion: ['1', '1.0'] } as const;

/** Reads `fhirVersion` / `BCPLRVersion` from Accept (any case, any spacing) and refuses other versions with a 406. */
export function assertAcceptVersions(accept: string | undefined): void {
  if (!accept) return;
  for (const part of accept.split(',')) {
    const params = part.split(';').slice(1);
    for (const param of params) {
      const [rawKey, rawValue] = param.split('=');
      const key = rawKey?.trim().toLowerCase() as keyof typeof SUPPORTED;
      const value = rawValue?.trim().replace(/^"|"$/g, '');
      if (!Object.hasOwn(SUPPORTED, key) || value === undefined) continue;
      if (!(SUPPORTED[key] as readonly string[]).includes(value)) {
        throw fhirError(
          406,
          plrOutcome(plainIssue('error', 'not-supported', `Accept ${rawKey!.trim()}=${value} is not supported: send Accept: application/fhir+json;fhirVersion=4.0;BCPLRVersion=1`)),
        );
      }
    }
  }
}

/** The guard for every PLR route. */
export function createPlrGuard(deps: AppDeps) {
  return async (req: FhirRequest, route: RouteDef): Promise<void> => {
    assertAcceptVersions(req.headers.accept);
    if (PUBLIC_ROUTES.has(route.name)) return;
    const principal = await requireBearer(req.headers.authorization, deps.issuer, 'plr', deps.config.auth);
    req.partner = principal.partner;
    req.claims = principal.claims as Record<string, unknown> | undefined;
    const userId = req.headers.userid?.trim();
    if (!userId) throw plrFailure(400, plrIssue('userIdMissing'));
  };
}
