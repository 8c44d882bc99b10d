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

/** Checks signature, issuer, audience (the FHIR base) and expiry on the simulated clock. */
export async function verifyAccessToken(token: string, keys: EmrKeys, fhirBase: string, clock: Clock): Promise<AccessCheck> {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, { issuer: fhirBase, audience: fhirBase, currentDate: new Date(clock.now()), algorithms: ['RS256'] });
    if (typeof payload.scope !== 'string' || typeof payload.client_id !== 'string') return { ok: false, reason: 'the access token is not one of this EMR\'s SMART tokens' };
    return { ok: true, claims: payload as unknown as AccessClaims };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'the access token has expired; use the refresh token or launch again' };
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return { ok: false, reason: `the access token was not issued for ${fhirBase}` };
    return { ok: false, reason: 'the access token was not issued by this EMR (bad signature or not a JWT)' };
  }
}
