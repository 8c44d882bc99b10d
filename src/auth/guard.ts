// Bearer-token guards: the same check answered in each surface's dialect.
import { unauthorized } from '../fhir/errors.js';
import type { TokenClaims, TokenIssuer } from './token-issuer.js';

export interface Principal {
  partner?: string;
  claims?: TokenClaims;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: string };

/** The Keycloak realm's token endpoint, where PLR and HCIM callers get their tokens. */
export const realmTokenEndpoint = (issuer: TokenIssuer): string => `${issuer.issuer}/protocol/openid-connect/token`;

/**
 * Reads `Authorization: Bearer ...` and verifies it for `audience`. With auth off, everyone passes. A refusal names
 * `tokenEndpoint`, where this surface's tokens come from (the realm's unless the surface issues its own, as Ocean does).
 */
export async function authenticate(
  authorization: string | undefined,
  issuer: TokenIssuer,
  audience: string,
  enabled: boolean,
  tokenEndpoint: string = realmTokenEndpoint(issuer),
): Promise<AuthResult> {
  if (!enabled) return { ok: true, principal: {} };
  if (!authorization) return { ok: false, reason: `no access token: send "Authorization: Bearer <token>" with a token from ${tokenEndpoint}` };
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m) return { ok: false, reason: 'the Authorization header must be "Bearer <token>"' };
  const result = await issuer.verify(m[1]!, audience);
  if (!result.ok) return result;
  const partner = typeof result.claims.partner === 'string' ? result.claims.partner : undefined;
  return { ok: true, principal: { partner, claims: result.claims } };
}

/** The FHIR dialect: a 401 OperationOutcome with a WWW-Authenticate challenge. */
export async function requireBearer(
  authorization: string | undefined,
  issuer: TokenIssuer,
  audience: string,
  enabled: boolean,
  tokenEndpoint: string = realmTokenEndpoint(issuer),
): Promise<Principal> {
  const result = await authenticate(authorization, issuer, audience, enabled, tokenEndpoint);
  if (!result.ok) throw unauthorized(result.reason, `Bearer realm="${audience}", error="invalid_token"`);
  return result.principal;
}
