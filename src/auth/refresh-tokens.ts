// The realm's refresh tokens, as Keycloak gives them to a user's login: a signed JWT (typ `Refresh`, audience the
// realm) naming the login's session (`sid`). The sandbox keeps no sessions, only the ones a client logged out of:
// a refresh token of an ended session is refused from then on ("Session not active"), as Keycloak refuses it. The
// logouts are kept in the store (a logout is acknowledged), each only until its session's refresh tokens expire.
// Keycloak's wording: https://github.com/keycloak/keycloak/blob/main/services/src/main/java/org/keycloak/protocol/oidc/TokenManager.java
import type { Clock } from '../clock/index.js';
import type { Store } from '../store/index.js';
import { invalidGrant, invalidRequest } from './oauth-error.js';
import type { TokenIssuer, VerifyResult } from './token-issuer.js';

/** How long a refresh token lasts: Keycloak's default SSO Session Idle, 30 minutes. */
export const REFRESH_LIFETIME_SECONDS = 1800;

/** Most logouts remembered at once; past it the expired go first, then the one whose tokens expire soonest. */
export const MAX_ENDED_SESSIONS = 10_000;

const COLLECTION = 'auth-ended-sessions';

type RefreshClaims = Extract<VerifyResult, { ok: true }>['claims'] & { sid: string };

export interface RefreshTokens {
  /**
   * The claims of a refresh token `clientId` presents (the form's `refresh_token`), or the OAuth error Keycloak
   * answers: a missing parameter, a token that is not this realm's refresh token, expired, another client's, or of
   * a session that was logged out.
   */
  presented(form: Record<string, unknown>, clientId: string): Promise<RefreshClaims>;
  /** Logs the token's session out. */
  end(claims: RefreshClaims): void;
  /** Whether the session `sid` names is still logged in (introspection and userinfo ask, as Keycloak's do). */
  active(sid: string): boolean;
}

export function createRefreshTokens(issuer: TokenIssuer, store: Store, clock: Clock, max = MAX_ENDED_SESSIONS): RefreshTokens {
  const makeRoom = () => {
    const now = clock.now() / 1000;
    const live: Array<[string, Readonly<{ exp: number }>]> = [];
    for (const [sid, v] of [...store.entries<{ exp: number }>(COLLECTION)]) {
      if (v.exp > now) live.push([sid, v]);
      else store.remove(COLLECTION, sid);
    }
    if (live.length < max) return;
    const soonest = live.sort((a, b) => a[1].exp - b[1].exp)[0];
    if (soonest) store.remove(COLLECTION, soonest[0]);
  };
  return {
    async presented(form, clientId) {
      const token = form.refresh_token;
      if (typeof token !== 'string' || !token) throw invalidRequest('Missing parameter: refresh_token');
      const check = await issuer.verify(token, undefined, 'Refresh');
      if (!check.ok) throw invalidGrant(check.expired ? 'Token is not active' : 'Invalid refresh token');
      const claims = check.claims;
      if (claims.azp !== clientId) throw invalidGrant("Invalid refresh token. Token client and authorized client don't match");
      if (typeof claims.sid !== 'string' || store.has(COLLECTION, claims.sid)) throw invalidGrant('Session not active');
      return claims as RefreshClaims;
    },
    end(claims) {
      if (!store.has(COLLECTION, claims.sid) && store.count(COLLECTION) >= max) makeRoom();
      store.put(COLLECTION, claims.sid, { exp: claims.exp });
    },
    active: (sid) => !store.has(COLLECTION, sid),
  };
}
