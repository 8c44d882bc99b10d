// Verifies the EHR's id_token against its jwks_uri (RS256 or ES256), as Ocean does to sign the user in.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../../clock/index.js';
import { LaunchError } from './launch-error.js';

export interface IdTokenExpectations {
  jwksUri: string;
  issuer: string;
  clientId: string;
  nonce: string;
}

/**
 * See: https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
 * The clock is the sandbox's, so a scenario that jumps hours ahead sees tokens expire.
 */
export async function verifyIdToken(token: unknown, expect: IdTokenExpectations, clock: Clock): Promise<JWTPayload> {
  if (typeof token !== 'string' || !token) throw new LaunchError('id_token', 'The token response has no id_token. Ocean signs users in with OpenID Connect: grant the openid and fhirUser scopes and return an id_token.');
  try {
    const jwks = createRemoteJWKSet(new URL(expect.jwksUri), { timeoutDuration: 10_000 });
    const { payload } = await jwtVerify(token, jwks, { issuer: expect.issuer, audience: expect.clientId, algorithms: ['RS256', 'ES256'], currentDate: new Date(clock.now()) });
    if (typeof payload.sub !== 'string' || !payload.sub) throw new LaunchError('id_token', 'The id_token has no sub claim; Ocean links users by sub@iss.');
    if (payload.nonce !== undefined && payload.nonce !== expect.nonce) throw new LaunchError('id_token', 'The id_token nonce does not match the one Ocean sent to authorize.');
    return payload;
  } catch (err) {
    if (err instanceof LaunchError) throw err;
    throw new LaunchError('id_token', describe(err, expect));
  }
}

function describe(err: unknown, expect: IdTokenExpectations): string {
  const e = err as { code?: string; claim?: string; message?: string };
  switch (e.code) {
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return `The id_token is signed with an algorithm Ocean does not accept (${e.message}); sign it with RS256 or ES256.`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return `The id_token signature does not verify against the keys at ${expect.jwksUri}.`;
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return `No key at ${expect.jwksUri} matches the id_token's kid/alg; publish the signing key there.`;
    case 'ERR_JWKS_INVALID':
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return `The JWKS at ${expect.jwksUri} could not be used: ${e.message ?? 'unknown error'}.`;
    case 'ERR_JWT_EXPIRED':
      return 'The id_token has expired (check the EHR clock and exp).';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (e.claim === 'iss') return `The id_token iss is not ${expect.issuer} (the discovered issuer).`;
      if (e.claim === 'aud') return `The id_token aud is not Ocean's client id ${expect.clientId}.`;
      return `The id_token claim "${e.claim}" is not valid: ${e.message}.`;
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'The id_token is not a well-formed signed JWT.';
    default:
      return `The id_token could not be verified: ${e.message ?? String(err)}.`;
  }
}
