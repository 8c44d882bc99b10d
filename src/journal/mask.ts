// Credential masking for journaled headers and bodies: the scheme and the last 4 characters of a secret survive.

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'sitekey', 'sitecredential']);
const SECRET_FIELDS = /((?:client_secret|password|refresh_token|access_token|code_verifier)=)[^&\s]*/g;
const SECRET_JSON = /("(?:client_secret|clientSecret|password|refresh_token|access_token|id_token|sharedEncryptionKey|oceanSharedEncryptionKey)"\s*:\s*")[^"]*/g;

/** Masks credentials in headers: keeps the scheme and the last 4 characters. */
export function maskHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : String(v);
    out[k.toLowerCase()] = SECRET_HEADERS.has(k.toLowerCase()) ? maskSecret(value) : value;
  }
  return out;
}

function maskSecret(value: string): string {
  const [scheme, ...rest] = value.split(' ');
  const secret = rest.length ? rest.join(' ') : scheme!;
  const tail = secret.length > 12 ? secret.slice(-4) : '';
  return rest.length ? `${scheme} ***${tail}` : `***${tail}`;
}

/**
 * Cuts a form or JSON body at `cap` characters, then masks secrets in what is kept: only the kept part is
 * copied and scanned. A secret cut at the end is still masked (its pattern runs to the end of the text).
 */
export function maskBody(body: string | undefined, cap: number): { body?: string; truncated?: boolean } {
  if (body === undefined || body === '') return {};
  const truncated = body.length > cap;
  const kept = (truncated ? body.slice(0, cap) : body).replace(SECRET_FIELDS, '$1***').replace(SECRET_JSON, '$1***');
  return truncated ? { body: kept, truncated: true } : { body: kept };
}
