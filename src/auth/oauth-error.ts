// The OAuth 2.0 error dialect: {error, error_description} with the status RFC 6749 §5.2 gives.

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
  body() {
    return { error: this.error, error_description: this.description };
  }
}

export const invalidRequest = (d: string) => new OAuthError(400, 'invalid_request', d);
export const invalidClient = (d: string) => new OAuthError(401, 'invalid_client', d);
export const invalidGrant = (d: string) => new OAuthError(400, 'invalid_grant', d);
/**
 * Keycloak answers a password grant's wrong user credentials 401, not RFC 6749's 400, with no challenge
 * (https://github.com/keycloak/keycloak/issues/45812): clients written against it test for that status.
 */
export const invalidUserCredentials = () => new OAuthError(401, 'invalid_grant', 'Invalid user credentials');
export const unsupportedGrantType = (d: string) => new OAuthError(400, 'unsupported_grant_type', d);
export const invalidScope = (d: string) => new OAuthError(400, 'invalid_scope', d);

/** Client credentials from `Authorization: Basic` (any case) or the form body (client_id, client_secret). */
export function clientCredentials(authorization: string | undefined, form: Record<string, unknown>): { clientId?: string; clientSecret?: string } {
  const m = authorization ? /^basic\s+(\S+)$/i.exec(authorization.trim()) : null;
  if (m) {
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) throw invalidClient('the Basic credentials must be base64(client_id:client_secret)');
    return { clientId: formDecode(decoded.slice(0, i)), clientSecret: formDecode(decoded.slice(i + 1)) };
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { clientId: str(form.client_id), clientSecret: str(form.client_secret) };
}

/** RFC 6749 §2.3.1 form-encodes Basic credentials; many clients do not, so a stray `%` is taken as is (never a 500). */
function formDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
