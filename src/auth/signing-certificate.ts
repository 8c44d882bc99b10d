// A self-signed X.509 certificate for the realm's signing key, as Keycloak publishes one (x5c, x5t) in its JWKS.
import { createHash, createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import type { JWK } from 'jose';
import { issueCertificate, pemToDerBase64 } from '../tls/x509.js';

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** DER (base64) of a self-signed certificate, `CN={realm}`, valid ten years from `now` (as Keycloak's generated realm key). */
export function selfSignedCertificate(privateJwk: JWK, realm: string, now: number): string {
  const signingKey = createPrivateKey({ key: privateJwk as JsonWebKey, format: 'jwk' });
  const pem = issueCertificate({ subject: realm, issuer: realm, publicKey: createPublicKey(signingKey), signingKey, notBefore: now, notAfter: now + TEN_YEARS_MS });
  return pemToDerBase64(pem);
}

/** The JWK certificate members: x5c (the chain), x5t (SHA-1) and x5t#S256 (SHA-256) thumbprints, base64url. */
export function certificateMembers(derBase64: string): Pick<JWK, 'x5c' | 'x5t'> & { 'x5t#S256': string } {
  const der = Buffer.from(derBase64, 'base64');
  return {
    x5c: [derBase64],
    x5t: createHash('sha1').update(der).digest('base64url'),
    'x5t#S256': createHash('sha256').update(der).digest('base64url'),
  };
}
