// Discovery: `{iss}/.well-known/openid-configuration`, required; smart-configuration only for conformance findings.
import type { AppDeps } from '../../app-deps.js';
import { checkSmartConfiguration, type Finding } from './conformance.js';
import { LaunchError } from './launch-error.js';
import { callEhr, excerpt, type OutboundResponse } from './outbound.js';

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

type Metadata = Record<string, unknown>;

/** The endpoints Ocean reads from the OpenID Provider metadata, as absolute URLs. */
const ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;

/**
 * Ocean discovers like openid-client's `Issuer.discover(iss)`: OpenID Provider metadata at
 * `{iss}/.well-known/openid-configuration`, which Ocean's SMART overview makes mandatory. Without it the launch stops
 * here, as it would at Ocean. smart-configuration (SMART 2.x) is read only to flag what it lacks; with an S256 in
 * either document, Ocean adds PKCE.
 * See: https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig, docs/smart-launch.md#what-ocean-does-on-launch
 */
export async function discover(deps: AppDeps, iss: string, correlation: Record<string, string>): Promise<Discovered> {
  const get = (name: string) => callEhr(deps, { step: 'discovery', url: `${iss}/.well-known/${name}`, correlation });
  const oidcRes = await get('openid-configuration');
  const smartRes = await get('smart-configuration');
  const oidc = jsonObject(oidcRes);
  const smart = jsonObject(smartRes);
  if (!oidc) throw noOpenIdConfiguration(iss, oidcRes, smart);

  const url = (k: string) => (typeof oidc[k] === 'string' && URL.canParse(oidc[k]) ? oidc[k] : undefined);
  const missing = ENDPOINTS.filter((k) => !url(k));
  if (missing.length) {
    throw new LaunchError('discovery', `${iss}/.well-known/openid-configuration lacks ${missing.join(', ')} (absolute URLs). Ocean needs all three from it: it signs users in with OpenID Connect and verifies the id_token against jwks_uri.`);
  }
  // OpenID Connect Discovery makes issuer REQUIRED, and the id_token's iss must equal it: without one, openid-client
  // refuses every id_token ("unexpected iss"), so the launch would fail at Ocean after the user signed in.
  if (typeof oidc.issuer !== 'string' || !oidc.issuer) {
    throw new LaunchError('discovery', `${iss}/.well-known/openid-configuration has no issuer (REQUIRED by OpenID Connect Discovery): Ocean checks the id_token's iss against it. Serve "issuer": the exact iss your id_tokens carry.`);
  }
  const findings: Finding[] = checkSmartConfiguration(smart);
  const methods = [...strings(oidc.code_challenge_methods_supported), ...strings(smart?.code_challenge_methods_supported)];
  const auths = [...strings(oidc.token_endpoint_auth_methods_supported), ...strings(smart?.token_endpoint_auth_methods_supported)];
  if (auths.length && !auths.includes('client_secret_basic') && !auths.includes('client_secret_post')) {
    findings.push({ step: 'discovery', level: 'warn', text: `token_endpoint_auth_methods_supported (${auths.join(', ')}) offers no client-secret method; Ocean tries client_secret_basic` });
  }
  return {
    issuer: oidc.issuer,
    authorizationEndpoint: url('authorization_endpoint')!,
    tokenEndpoint: url('token_endpoint')!,
    jwksUri: url('jwks_uri')!,
    s256: methods.includes('S256'),
    tokenAuth: auths.includes('client_secret_basic') || !auths.includes('client_secret_post') ? 'client_secret_basic' : 'client_secret_post',
    findings,
  };
}

/** The answer's body when it is a 200 with a JSON object, else undefined. */
function jsonObject(res: OutboundResponse): Metadata | undefined {
  const ok = res.status === 200 && res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json);
  return ok ? (res.json as Metadata) : undefined;
}

/** The stop for a missing openid-configuration; its fix is the document to serve, from the smart-configuration's endpoints when it has them. */
function noOpenIdConfiguration(iss: string, res: OutboundResponse, smart: Metadata | undefined): LaunchError {
  const url = `${iss}/.well-known/openid-configuration`;
  const answered = res.status === 200 ? `answered HTTP 200 but not with a JSON object (${excerpt(res.text)})` : `answered HTTP ${res.status} ${excerpt(res.text)}`;
  const from = (k: string, example: string) => (typeof smart?.[k] === 'string' ? (smart[k] as string) : example);
  const example = {
    issuer: iss,
    authorization_endpoint: from('authorization_endpoint', 'https://<your EHR>/authorize'),
    token_endpoint: from('token_endpoint', 'https://<your EHR>/token'),
    jwks_uri: from('jwks_uri', 'https://<your EHR>/jwks'),
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
  };
  return new LaunchError(
    'discovery',
    `GET ${url} ${answered}. Ocean discovers the launching EHR with OpenID Connect Discovery, as openid-client's Issuer.discover(iss) does, and does not fall back to smart-configuration${smart ? ' (yours is there, but Ocean does not discover with it)' : ''}. Serve your OpenID Provider metadata at that URL as a JSON object (application/json), with issuer, authorization_endpoint, token_endpoint and jwks_uri.`,
    502,
    `# GET ${url} -> 200, Content-Type: application/json\n${JSON.stringify(example, null, 2)}`,
  );
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
