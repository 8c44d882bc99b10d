// A bearer token for the partner under test, from the sandbox's Keycloak-shaped issuer (client credentials).
import { SandboxApiError } from '../sandbox-client.js';
import type { StepContext } from '../step-context.js';

const TOKEN_PATH = '/auth/realms/moh_applications/protocol/openid-connect/token';

/** Fetches (once per run) a client_credentials token with the partner's registered credentials. */
export async function partnerToken(ctx: StepContext): Promise<string> {
  const cached = ctx.state.tokens.get('partner');
  if (cached) return cached;
  const { sandbox, partner } = ctx.target;
  const p = await sandbox.admin<{ clientId: string; clientSecret: string }>('GET', `/partners/${encodeURIComponent(partner)}`);
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: p.clientId, client_secret: p.clientSecret }).toString();
  const res = await sandbox.request('POST', TOKEN_PATH, form, { 'content-type': 'application/x-www-form-urlencoded' });
  const token = (res.json as { access_token?: string } | undefined)?.access_token;
  if (!token) throw new SandboxApiError(`the token endpoint refused partner ${partner}: HTTP ${res.status} ${res.text.slice(0, 200)}`, res.status);
  ctx.state.tokens.set('partner', token);
  return token;
}
