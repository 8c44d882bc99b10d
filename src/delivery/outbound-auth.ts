// How the sandbox authenticates to a partner's endpoint: none, Basic, a fixed bearer, or OAuth client credentials.
import type { Clock } from '../clock/index.js';

export type OutboundAuth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'oauth'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Resolves the Authorization header for an attempt, caching OAuth tokens on the simulated clock. */
export function createOutboundAuthorizer(clock: Clock, fetchImpl: typeof fetch = fetch) {
  const cache = new Map<string, CachedToken>();
  return async function authorization(auth: OutboundAuth | undefined): Promise<string | undefined> {
    if (!auth || auth.type === 'none') return undefined;
    if (auth.type === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (auth.type === 'bearer') return `Bearer ${auth.token}`;
    const key = `${auth.tokenUrl}|${auth.clientId}`;
    const hit = cache.get(key);
    if (hit && hit.expiresAt > clock.now()) return `Bearer ${hit.token}`;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret });
    if (auth.scope) form.set('scope', auth.scope);
    const res = await fetchImpl(auth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      // The client secret goes to the token URL registered and nowhere else: a redirect is a failed token request.
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status >= 300 && res.status < 400) throw new Error(`token request to ${auth.tokenUrl} answered HTTP ${res.status} (a redirect; redirects are not followed)`);
    const json = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!res.ok || !json.access_token) throw new Error(`token request to ${auth.tokenUrl} failed with HTTP ${res.status}`);
    const lifetime = (json.expires_in ?? 300) * 1000;
    cache.set(key, { token: json.access_token, expiresAt: clock.now() + lifetime - Math.min(30_000, lifetime / 10) });
    return `Bearer ${json.access_token}`;
  };
}
