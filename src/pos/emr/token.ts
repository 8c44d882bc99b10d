// The EMR's token endpoint logic: authorization_code (with PKCE) and refresh_token grants for SMART clients.
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { invalidGrant, invalidRequest, invalidScope, unsupportedGrantType } from '../../auth/index.js';
import type { Clock } from '../../clock/index.js';
import type { Population } from '../../population/types.js';
import type { Store } from '../../store/index.js';
import { opaque, type Grant, type GrantStore } from './grants.js';
import type { EmrKeys } from './keys.js';
import { emrPatientId } from './patient-view.js';
import { authenticateClient } from './client-auth.js';
import { LIFETIMES } from './registration.js';
import { emrUrls } from './smart-configuration.js';

export interface TokenDeps {
  store: Store;
  clock: Clock;
  grants: GrantStore;
  population: Population;
  baseUrl: string;
  keys: () => Promise<EmrKeys>;
}

/**
 * Exchanges a code or refresh token. Throws OAuthError (rendered as `{error, error_description}`).
 * See: https://hl7.org/fhir/smart-app-launch/STU2.2/app-launch.html#obtain-access-token
 */
export async function exchangeToken(form: Record<string, unknown>, authorization: string | undefined, deps: TokenDeps): Promise<Record<string, unknown>> {
  // A public client's refresh may omit client_id (SMART App Launch 2.x, as fhirclient sends it): the token names its client.
  const refreshClient = () => {
    if (form.grant_type !== 'refresh_token' || typeof form.refresh_token !== 'string') return undefined;
    const owner = deps.grants.peekRefresh(form.refresh_token)?.clientId;
    if (!owner) throw invalidGrant('the refresh token is unknown, expired or already used');
    return owner;
  };
  const { clientId } = authenticateClient(form, authorization, deps.store, deps.baseUrl, refreshClient);
  const now = deps.clock.now();

  let grant: Grant;
  let nonce: string | undefined;
  if (form.grant_type === 'authorization_code') {
    if (typeof form.code !== 'string' || !form.code) throw invalidRequest('code is missing');
    const code = deps.grants.takeCode(form.code);
    if (!code || code.expiresAt < now) throw invalidGrant('the authorization code is unknown, already used or expired (codes last 60 seconds)');
    if (code.clientId !== clientId) throw invalidGrant('the authorization code was issued to another client');
    if (form.redirect_uri !== code.redirectUri) throw invalidGrant(`redirect_uri must be the one sent to authorize (${code.redirectUri})`);
    if (code.codeChallenge) {
      if (typeof form.code_verifier !== 'string') throw invalidGrant('code_verifier is missing: the authorize request used PKCE');
      if (createHash('sha256').update(form.code_verifier).digest('base64url') !== code.codeChallenge) throw invalidGrant('code_verifier does not match the code_challenge');
    }
    grant = code;
    nonce = code.nonce;
  } else if (form.grant_type === 'refresh_token') {
    if (typeof form.refresh_token !== 'string') throw invalidRequest('refresh_token is missing');
    const old = deps.grants.takeRefresh(form.refresh_token);
    if (!old || old.expiresAt < now || old.clientId !== clientId) throw invalidGrant('the refresh token is unknown, expired or was issued to another client');
    grant = old;
    if (typeof form.scope === 'string' && form.scope) {
      const asked = form.scope.split(/\s+/);
      const had = old.scope.split(' ');
      const extra = asked.filter((s) => !had.includes(s));
      if (extra.length) throw invalidScope(`a refresh cannot widen the grant: ${extra.join(' ')} was not granted`);
      grant = { ...old, scope: asked.join(' ') };
    }
  } else {
    throw unsupportedGrantType(`grant_type must be authorization_code or refresh_token, not "${String(form.grant_type ?? '')}"`);
  }
  return issueTokens(grant, nonce, deps);
}

async function issueTokens(grant: Grant, nonce: string | undefined, deps: TokenDeps): Promise<Record<string, unknown>> {
  const u = emrUrls(deps.baseUrl);
  const keys = await deps.keys();
  const scopes = grant.scope.split(' ');
  const iat = Math.floor(deps.clock.now() / 1000);
  const patient = grant.patientIndex === undefined ? undefined : emrPatientId(grant.patientIndex);
  const fhirUser = `${u.fhirBase}/Practitioner/${grant.userIpc}`;
  const sign = (claims: Record<string, unknown>, aud: string, sub: string) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keys.kid }).setIssuer(u.issuer).setAudience(aud).setSubject(sub).setIssuedAt(iat).setExpirationTime(iat + LIFETIMES.access).sign(keys.privateKey);

  const body: Record<string, unknown> = {
    access_token: await sign({ scope: grant.scope, client_id: grant.clientId, patient, fhirUser, jti: opaque() }, u.fhirBase, grant.userIpc),
    token_type: 'Bearer',
    expires_in: LIFETIMES.access,
    scope: grant.scope,
  };
  if (patient) Object.assign(body, { patient, need_patient_banner: true });
  if (scopes.includes('openid') && (scopes.includes('fhirUser') || scopes.includes('profile'))) {
    const sub = createHash('sha256').update(fhirUser).digest('hex');
    body.id_token = await sign({ fhirUser, profile: fhirUser, ...(nonce ? { nonce } : {}) }, grant.clientId, sub);
  }
  const online = scopes.includes('online_access');
  if (online || scopes.includes('offline_access')) {
    const refresh = opaque();
    const life = online ? LIFETIMES.refresh : 30 * 24 * 3600;
    const now = deps.clock.now();
    deps.grants.putRefresh(refresh, { ...grant, expiresAt: now + life * 1000 }, now);
    body.refresh_token = refresh;
  }
  const site = grant.siteNum ? deps.population.oceanSites().find((s) => s.siteNum === grant.siteNum) : undefined;
  if (site) body.oceanSharedEncryptionKey = site.sharedEncryptionKey;
  return body;
}
