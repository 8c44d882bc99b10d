// Signs and verifies JWT access tokens with jose; the signing key is kept in the store across restarts.
import { createPublicKey, randomUUID, type JsonWebKey } from 'node:crypto';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, calculateJwkThumbprint, type JWK, type JSONWebKeySet } from 'jose';
import type { Clock } from '../clock/index.js';
import type { Store } from '../store/index.js';
import { certificateParses } from '../tls/x509.js';
import { certificateMembers, selfSignedCertificate } from './signing-certificate.js';
import type { KeyCache, StoredKey } from './key-cache.js';
import { createVerifiedTokens } from './verified-tokens.js';

export interface TokenClaims {
  sub: string;
  azp: string;
  aud: string | string[];
  scope?: string;
  preferred_username?: string;
  [claim: string]: unknown;
}

export type VerifyResult = { ok: true; claims: TokenClaims & { exp: number; iat: number; iss: string } } | { ok: false; reason: string; expired?: true };

/** Keycloak's token types (the `typ` claim): what a bearer presents, and what only the token endpoint takes back. */
export type TokenType = 'Bearer' | 'Refresh';

export interface TokenIssuer {
  /** The `iss` of every token: `{baseUrl}/auth/realms/moh_applications`. */
  readonly issuer: string;
  issue(claims: TokenClaims, lifetimeSeconds: number): Promise<string>;
  /**
   * Checks signature, issuer, expiry (on the simulated clock), the token type (`typ`, an access token unless `type`
   * says otherwise) and, when given, audience. A refresh token is never an access token.
   */
  verify(token: string, audience?: string, type?: TokenType): Promise<VerifyResult>;
  jwks(): JSONWebKeySet;
  /** The public key as Keycloak's realm info gives it: base64 SubjectPublicKeyInfo DER, no PEM armour. */
  publicKeyBase64(): string;
  /**
   * Puts the key it signs with back in the store when a reset or a snapshot restore took it away (or put back an
   * older one): a restart reads the key from the store, and every token issued must still verify after it.
   */
  keep(): void;
}


export const REALM = 'moh_applications';
export const REALM_PATH = `/auth/realms/${REALM}`;

/** Loads (or takes from `cache`, or creates) the RS256 signing key, stores it, and returns the issuer. */
export async function createTokenIssuer(store: Store, clock: Clock, baseUrl: string, cache?: KeyCache): Promise<TokenIssuer> {
  let stored = store.get<StoredKey>('keys', 'signing') ?? cache?.load();
  if (stored && !store.get<StoredKey>('keys', 'signing')) store.put('keys', 'signing', stored);
  if (!stored) {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    stored = { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' }, publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' } };
  }
  // A new key, or one stored before certificates were made (or with one OpenSSL cannot read: see serialNumberOf):
  // certify it once, then keep both.
  let certificate = stored.certificate;
  if (!certificate || !certificateParses(certificate)) {
    certificate = selfSignedCertificate(stored.privateJwk, REALM, clock.now());
    stored = { ...stored, certificate };
    store.put('keys', 'signing', stored);
    cache?.save(stored);
  }
  const privateKey = await importJWK(stored.privateJwk, 'RS256');
  const jwks: JSONWebKeySet = { keys: [{ ...stored.publicJwk, ...certificateMembers(certificate) }] };
  const spki = createPublicKey({ key: stored.publicJwk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'der' }).toString('base64');
  const keySet = createLocalJWKSet(jwks);
  const issuer = `${baseUrl}${REALM_PATH}`;
  const kid = stored.publicJwk.kid!;
  const verified = createVerifiedTokens();

  return {
    issuer,
    jwks: () => jwks,
    publicKeyBase64: () => spki,
    keep() {
      if (store.view<StoredKey>('keys', 'signing')?.publicJwk.kid !== kid) store.put('keys', 'signing', stored);
    },
    async issue(claims, lifetimeSeconds) {
      const now = Math.floor(clock.now() / 1000);
      return new SignJWT({ typ: 'Bearer', ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setIssuer(issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + lifetimeSeconds)
        .setJti(randomUUID())
        .sign(privateKey);
    },
    async verify(token, audience, type = 'Bearer') {
      const now = clock.now();
      let result = verified.judge(token, now, audience || undefined);
      if (!result) {
        try {
          const { payload } = await jwtVerify(token, keySet, { issuer, ...(audience ? { audience } : {}), currentDate: new Date(now), algorithms: ['RS256'] });
          const claims = Object.freeze(payload) as VerifyResult extends { ok: true; claims: infer C } ? C : never;
          verified.remember(token, claims);
          result = { ok: true, claims };
        } catch (err) {
          result = { ok: false, reason: describeJoseError(err), ...((err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? { expired: true as const } : {}) };
        }
      }
      if (result.ok && result.claims.typ !== type) return { ok: false, reason: `a ${String(result.claims.typ)} token is not ${type === 'Bearer' ? 'an access' : 'a refresh'} token` };
      return result;
    },
  };
}

function describeJoseError(err: unknown): string {
  const e = err as { code?: string; claim?: string; message?: string };
  switch (e.code) {
    case 'ERR_JWT_EXPIRED':
      return 'the access token has expired; request a new one from the token endpoint';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'the access token was not signed by this sandbox (forged or from another server)';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return e.claim === 'aud'
        ? 'the access token was not issued for this system (wrong audience)'
        : `the access token's "${e.claim}" claim is not valid here`;
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'the access token is not a well-formed JWT';
    default:
      return `the access token was rejected: ${e.message ?? 'unknown reason'}`;
  }
}
