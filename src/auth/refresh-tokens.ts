// The realm's refresh tokens, as Keycloak gives them to a user's login: a signed JWT (typ `Refresh`, audience the
// realm) naming the login's session (`sid`). A refresh token is good only while its session is live (see
// realm-sessions.ts): a logged-out, evicted or reset session's tokens are refused ("Session not active"), as Keycloak
// refuses them. Keycloak's wording: https://github.com/keycloak/keycloak/blob/main/services/src/main/java/org/keycloak/protocol/oidc/TokenManager.java
import { invalidGrant, invalidRequest } from './oauth-error.js';
import type { RealmSession, RealmSessions } from './realm-sessions.js';
import type { TokenIssuer, VerifyResult } from './token-issuer.js';

type RefreshClaims = Extract<VerifyResult, { ok: true }>['claims'] & { sid: string };

export interface RefreshTokens {
  /**
   * The claims of a refresh token `clientId` presents (the form's `refresh_token`), or the OAuth error Keycloak
   * answers: a missing parameter, a token that is not this realm's refresh token, expired, another client's, or of
   * a session that is not live.
   */
  presented(form: Record<string, unknown>, clientId: string): Promise<RefreshClaims>;
  /** Logs the token's session out. */
  end(claims: RefreshClaims): void;
  /** Whether the session `sid` names is still logged in (introspection and userinfo ask, as Keycloak's do). */
  active(sid: string): boolean;
}

export function createRefreshTokens(issuer: TokenIssuer, sessions: RealmSessions): RefreshTokens {
  const live = (sid: unknown): Readonly<RealmSession> | undefined => (typeof sid === 'string' ? sessions.live(sid) : undefined);
  return {
    async presented(form, clientId) {
      const token = form.refresh_token;
      if (typeof token !== 'string' || !token) throw invalidRequest('Missing parameter: refresh_token');
      const check = await issuer.verify(token, undefined, 'Refresh');
      if (!check.ok) throw invalidGrant(check.expired ? 'Token is not active' : 'Invalid refresh token');
      const claims = check.claims;
      if (claims.azp !== clientId) throw invalidGrant("Invalid refresh token. Token client and authorized client don't match");
      if (!live(claims.sid)) throw invalidGrant('Session not active');
      return claims as RefreshClaims;
    },
    end(claims) {
      sessions.end(claims.sid);
    },
    active: (sid) => live(sid) !== undefined,
  };
}
