// Calls PLR and HCIM as a POS would: a client_credentials token from the sandbox's Keycloak, the UserId header.
import { get } from './api.js';
import type { Overview } from './types.js';

export interface FhirAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
  text: string;
}

interface Token {
  value: string;
  expires: number;
  user: string;
}

/** A tiny POS client for the registries, authenticating as the demo partner. */
export function createRegistryClient() {
  let token: Token | undefined;
  const ensureToken = async (): Promise<Token> => {
    if (token && token.expires > Date.now() + 5000) return token;
    const o = await get<Overview>('/ui/api/overview');
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: o.demoPartner.clientId, client_secret: o.demoPartner.clientSecret });
    const res = await fetch('/auth/realms/moh_applications/protocol/openid-connect/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; error_description?: string };
    if (!res.ok || !body.access_token) throw new Error(`token request failed: ${body.error_description ?? res.status}`);
    token = { value: body.access_token, expires: Date.now() + (body.expires_in ?? 60) * 1000, user: o.demoPartner.username };
    return token;
  };
  return {
    async call(method: 'GET' | 'POST', url: string, body?: unknown, accept = 'application/fhir+json'): Promise<FhirAnswer> {
      const t = await ensureToken();
      // Marked as the dashboard's own call: the demo partner's token does not make it the partner's evidence.
      const headers: Record<string, string> = { authorization: `Bearer ${t.value}`, userid: t.user, accept, 'x-hie-sandbox-ui': '1' }; // SANDBOX_UI_HEADER (src/journal)
      if (body !== undefined) headers['content-type'] = 'application/fhir+json';
      const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, text };
    },
  };
}

export type RegistryClient = ReturnType<typeof createRegistryClient>;
