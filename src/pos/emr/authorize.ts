// The EMR's authorize endpoint logic: validate the SMART EHR-launch request, then redirect with a code.
import type { Clock } from '../../clock/index.js';
import type { Store } from '../../store/index.js';
import { opaque, type GrantStore } from './grants.js';
import { findClient, LIFETIMES } from './registration.js';
import { grantScopes } from './scopes.js';
import { emrUrls } from './smart-configuration.js';

export type AuthorizeParams = Partial<Record<'response_type' | 'client_id' | 'redirect_uri' | 'scope' | 'state' | 'aud' | 'launch' | 'code_challenge' | 'code_challenge_method' | 'nonce', string>>;

/** Either a redirect back to the app, or a page: OAuth never redirects to an unverified redirect_uri. */
export type AuthorizeOutcome = { kind: 'redirect'; location: string } | { kind: 'page'; status: number; message: string };

export interface AuthorizeDeps {
  store: Store;
  clock: Clock;
  grants: GrantStore;
  baseUrl: string;
  /** The signed-in EMR user (the seeded family physician). */
  userIpc: string;
}

/** Drops trailing slashes with a loop: `/\/+$/` is quadratic on a long run of slashes. */
const stripSlash = (u: string) => {
  let end = u.length;
  while (end > 0 && u[end - 1] === '/') end--;
  return u.slice(0, end);
};

/**
 * The user is already signed in to the EMR and launched the app, so consent is implicit.
 * See: https://hl7.org/fhir/smart-app-launch/STU2.2/app-launch.html#obtain-authorization-code
 */
export function authorize(p: AuthorizeParams, deps: AuthorizeDeps): AuthorizeOutcome {
  if (!p.client_id) return { kind: 'page', status: 400, message: 'client_id is missing from the authorize request' };
  const client = findClient(deps.store, deps.baseUrl, p.client_id);
  if (!client) return { kind: 'page', status: 400, message: `client_id "${p.client_id}" is not registered with this EMR` };
  if (!p.redirect_uri) return { kind: 'page', status: 400, message: 'redirect_uri is missing from the authorize request' };
  if (!client.redirectUris.includes(p.redirect_uri)) {
    return { kind: 'page', status: 400, message: `redirect_uri ${p.redirect_uri} is not registered for client "${client.clientId}" (registered: ${client.redirectUris.join(', ')})` };
  }
  const back = (params: Record<string, string | undefined>): AuthorizeOutcome => {
    const url = new URL(p.redirect_uri!);
    for (const [k, v] of Object.entries({ ...params, state: p.state })) if (v !== undefined) url.searchParams.set(k, v);
    return { kind: 'redirect', location: url.toString() };
  };
  const fail = (error: string, description: string) => back({ error, error_description: description });

  if (p.response_type !== 'code') return fail('unsupported_response_type', `response_type must be "code", not "${p.response_type ?? ''}"`);
  if (!p.state) return fail('invalid_request', 'state is required');
  const fhirBase = emrUrls(deps.baseUrl).fhirBase;
  if (!p.aud || stripSlash(p.aud) !== fhirBase) return fail('invalid_request', `aud must be the FHIR base URL ${fhirBase}, not "${p.aud ?? ''}"`);
  if (p.code_challenge_method && p.code_challenge_method !== 'S256') return fail('invalid_request', `code_challenge_method must be S256, not "${p.code_challenge_method}"`);
  if (p.code_challenge_method && !p.code_challenge) return fail('invalid_request', 'code_challenge is missing');
  if (!client.clientSecret && !p.code_challenge) return fail('invalid_request', 'a public client must use PKCE (code_challenge with S256)');
  const scopes = grantScopes(p.scope ?? '');
  if (scopes.length === 0) return fail('invalid_scope', `none of the requested scopes are supported: "${p.scope ?? ''}"`);

  let patientIndex: number | undefined;
  let siteNum: string | undefined;
  if (scopes.includes('launch')) {
    if (!p.launch) return fail('invalid_request', 'scope "launch" needs the launch parameter the EMR passed to the app');
    const ctx = deps.grants.launch(p.launch);
    if (!ctx || ctx.expiresAt < deps.clock.now()) return fail('invalid_request', 'the launch parameter is unknown or has expired; launch the app again from the chart');
    if (ctx.clientId !== client.clientId) return fail('invalid_request', `the launch parameter was issued for client "${ctx.clientId}", not "${client.clientId}"`);
    patientIndex = ctx.patientIndex;
    siteNum = ctx.siteNum;
  }
  const code = opaque();
  const now = deps.clock.now();
  deps.grants.putCode(code, {
    clientId: client.clientId,
    redirectUri: p.redirect_uri,
    scope: scopes.join(' '),
    patientIndex,
    siteNum,
    userIpc: deps.userIpc,
    codeChallenge: p.code_challenge,
    nonce: p.nonce,
    expiresAt: now + LIFETIMES.code * 1000,
  }, now);
  return back({ code });
}
