// A bounded memo of tokens whose signature and issuer were verified: the RS256 check runs once per token string,
// while expiry, not-before and audience are still judged on every call, on the simulated clock.
import type { VerifyResult } from './token-issuer.js';

type Claims = Extract<VerifyResult, { ok: true }>['claims'];

export interface VerifiedTokens {
  /** The result for a token verified before, judged at `nowMs` for `audience`; undefined when not known. */
  judge(token: string, nowMs: number, audience?: string): VerifyResult | undefined;
  remember(token: string, claims: Claims): void;
  size(): number;
}

/** What jose answers for these cases, so a remembered token fails exactly as a fresh verification would. */
const EXPIRED = 'the access token has expired; request a new one from the token endpoint';
const claimInvalid = (claim: string) =>
  claim === 'aud' ? 'the access token was not issued for this system (wrong audience)' : `the access token's "${claim}" claim is not valid here`;

/**
 * At most `capacity` tokens and `maxChars` characters of them (the oldest forgotten first: a token's claims, such as
 * the scope a client asked for, make it up to Node's 16 KiB of headers long); an expired token is forgotten when next
 * presented.
 */
export function createVerifiedTokens(capacity = 4096, maxChars = 4 * 1024 * 1024): VerifiedTokens {
  const known = new Map<string, Claims>();
  let chars = 0;
  const forget = (token: string) => {
    if (known.delete(token)) chars -= token.length;
  };
  return {
    judge(token, nowMs, audience) {
      const claims = known.get(token);
      if (!claims) return undefined;
      const now = Math.floor(nowMs / 1000);
      // jose: expired when exp <= now; not yet valid when nbf > now (no clock tolerance configured).
      if (typeof claims.exp === 'number' && claims.exp <= now) {
        forget(token);
        return { ok: false, reason: EXPIRED, expired: true };
      }
      if (typeof claims.nbf === 'number' && claims.nbf > now) return { ok: false, reason: claimInvalid('nbf') };
      if (audience !== undefined && !(Array.isArray(claims.aud) ? claims.aud.includes(audience) : claims.aud === audience)) {
        return { ok: false, reason: claimInvalid('aud') };
      }
      return { ok: true, claims };
    },
    remember(token, claims) {
      if (token.length > maxChars) return;
      forget(token);
      while (known.size > 0 && (known.size >= capacity || chars + token.length > maxChars)) forget(known.keys().next().value!);
      known.set(token, claims);
      chars += token.length;
    },
    size: () => known.size,
  };
}
