// Verifies the EMR's access tokens for its FHIR server and introspection endpoint.
import { jwtVerify } from 'jose';
import type { Clock } from '../../clock/index.js';
import type { EmrKeys } from './keys.js';

export interface AccessClaims {
  sub: string;
  scope: string;
  client_id: string;
  patient?: string;
  fhirUser?: string;
  exp: number;
}

export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: string };

const EXPIRED: AccessCheck = { ok: false, reason: 'the access token has expired; use the refresh token or launch again' };

/** Checks signature, issuer, audience (the FHIR base) and expiry on the simulated clock. */
export async function verifyAccessToken(token: string, keys: EmrKeys, fhirBase: string, clock: Clock): Promise<AccessCheck> {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, { issuer: fhirBase, audience: fhirBase, currentDate: new Date(clock.now()), algorithms: ['RS256'] });
    if (typeof payload.scope !== 'string' || typeof payload.client_id !== 'string') return { ok: false, reason: 'the access token is not one of this EMR\'s SMART tokens' };
    return { ok: true, claims: payload as unknown as AccessClaims };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') return EXPIRED;
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return { ok: false, reason: `the access token was not issued for ${fhirBase}` };
    return { ok: false, reason: 'the access token was not issued by this EMR (bad signature or not a JWT)' };
  }
}

/**
 * `verifyAccessToken` remembering the tokens it accepted (at most `capacity`, the oldest forgotten first): the
 * RS256 signature, issuer and audience are checked once per token and key; expiry and not-before are judged on
 * every call, on the simulated clock, as jose judges them.
 */
export function createAccessTokenCheck(capacity = 4096) {
  const known = new Map<string, { keys: EmrKeys; fhirBase: string; claims: AccessClaims }>();
  return async (token: string, keys: EmrKeys, fhirBase: string, clock: Clock): Promise<AccessCheck> => {
    const hit = known.get(token);
    if (hit && hit.keys === keys && hit.fhirBase === fhirBase) {
      const now = Math.floor(clock.now() / 1000);
      if (hit.claims.exp <= now) {
        known.delete(token);
        return EXPIRED;
      }
      const nbf = (hit.claims as { nbf?: unknown }).nbf;
      if (typeof nbf === 'number' && nbf > now) return { ok: false, reason: `the access token was not issued for ${fhirBase}` };
      return { ok: true, claims: hit.claims };
    }
    const check = await verifyAccessToken(token, keys, fhirBase, clock);
    // Only a token with an expiry is remembered (jose accepts one without; then every call verifies it).
    if (check.ok && typeof check.claims.exp === 'number') {
      if (known.size >= capacity) known.delete(known.keys().next().value!);
      known.set(token, { keys, fhirBase, claims: check.claims });
    }
    return check;
  };
}
