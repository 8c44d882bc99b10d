// Discovery: `{iss}/.well-known/openid-configuration`, falling back to `.well-known/smart-configuration`.
import type { AppDeps } from '../../app-deps.js';
import { checkSmartConfiguration, type Finding } from './conformance.js';
import { LaunchError } from './launch-error.js';
import { callEhr, excerpt } from './outbound.js';

/** What Ocean needs to know about the EHR's authorization server. */
export interface Discovered {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** PKCE S256 advertised. */
  s256: boolean;
  /** How Ocean authenticates at the token endpoint. */
  tokenAuth: 'client_secret_basic' | 'client_secret_post';
  findings: Finding[];
}

/**
 * Ocean discovers like openid-client's `Issuer.discover(iss)`; SMART 2.x adds smart-configuration.
 * See: https://openid.net/specs/openid-connect-discovery-1_0.html, docs/smart-launch.md#what-ocean-does-on-launch
 */
export async function discover(deps: AppDeps, iss: string, correlation: Record<string, string>): Promise<Discovered> {
  const get = async (name: string) => {
    const res = await callEhr(deps, { step: 'discovery', url: `${iss}/.well-known/${name}`, correlation });
    const ok = res.status === 200 && res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json);
    return { ok, res, doc: ok ? (res.json as Record<string, unknown>) : undefined };
  };
  const oidc = await get('openid-configuration');
  const smart = await get('smart-configuration');
  const findings: Finding[] = [];
  if (!oidc.ok) findings.push({ step: 'discovery', level: 'warn', text: `openid-configuration answered HTTP ${oidc.res.status} ${excerpt(oidc.res.text)}; using smart-configuration (Ocean requires OpenID Connect discovery)` });
  findings.push(...checkSmartConfiguration(smart.doc));
  const doc = oidc.doc ?? smart.doc;
  if (!doc) {
    throw new LaunchError('discovery', `Neither ${iss}/.well-known/openid-configuration (HTTP ${oidc.res.status}) nor ${iss}/.well-known/smart-configuration (HTTP ${smart.res.status}) returned a JSON document. Serve OpenID Connect metadata under the FHIR base given as iss.`);
  }
  const str = (k: string) => (typeof doc[k] === 'string' && URL.canParse(doc[k] as string) ? (doc[k] as string) : typeof smart.doc?.[k] === 'string' ? (smart.doc[k] as string) : undefined);
  const missing = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'].filter((k) => !str(k));
  if (missing.length) throw new LaunchError('discovery', `The discovery document of ${iss} lacks ${missing.join(', ')} (absolute URLs). Ocean needs all three: it signs users in with OpenID Connect and verifies the id_token against jwks_uri.`);
  const issuer = typeof doc.issuer === 'string' ? doc.issuer : iss;
  const methods = [...arr(oidc.doc?.code_challenge_methods_supported), ...arr(smart.doc?.code_challenge_methods_supported)];
  const auths = [...arr(oidc.doc?.token_endpoint_auth_methods_supported), ...arr(smart.doc?.token_endpoint_auth_methods_supported)];
  if (auths.length && !auths.includes('client_secret_basic') && !auths.includes('client_secret_post')) {
    findings.push({ step: 'discovery', level: 'warn', text: `token_endpoint_auth_methods_supported (${auths.join(', ')}) offers no client-secret method; Ocean tries client_secret_basic` });
  }
  return {
    issuer,
    authorizationEndpoint: str('authorization_endpoint')!,
    tokenEndpoint: str('token_endpoint')!,
    jwksUri: str('jwks_uri')!,
    s256: methods.includes('S256'),
    tokenAuth: auths.includes('client_secret_basic') || !auths.includes('client_secret_post') ? 'client_secret_basic' : 'client_secret_post',
    findings,
  };
}

function arr(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
