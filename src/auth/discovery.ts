// What a Keycloak realm publishes about itself: OIDC discovery and the realm info JSON.
import { REALM } from './token-issuer.js';

export const OIDC = '/protocol/openid-connect';

/** The realm's endpoint URLs, Keycloak's paths. */
export function realmUrls(issuer: string) {
  const oidc = `${issuer}${OIDC}`;
  return {
    authorization: `${oidc}/auth`,
    token: `${oidc}/token`,
    introspection: `${oidc}/token/introspect`,
    userinfo: `${oidc}/userinfo`,
    endSession: `${oidc}/logout`,
    jwks: `${oidc}/certs`,
  };
}

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];
const SIGNING = ['RS256'];

/**
 * `{realm}/.well-known/openid-configuration` with Keycloak's keys. Only endpoints this sandbox serves are
 * advertised (no registration, revocation, device, CIBA or PAR endpoints); the rest are Keycloak's values.
 * See: https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata and a Keycloak realm's own document.
 */
export function openidConfiguration(issuer: string): Record<string, unknown> {
  const u = realmUrls(issuer);
  return {
    issuer,
    authorization_endpoint: u.authorization,
    token_endpoint: u.token,
    introspection_endpoint: u.introspection,
    userinfo_endpoint: u.userinfo,
    end_session_endpoint: u.endSession,
    frontchannel_logout_session_supported: true,
    frontchannel_logout_supported: true,
    jwks_uri: u.jwks,
    grant_types_supported: ['authorization_code', 'refresh_token', 'password', 'client_credentials'],
    acr_values_supported: ['0', '1'],
    response_types_supported: ['code', 'none', 'id_token', 'token', 'id_token token', 'code id_token', 'code token', 'code id_token token'],
    subject_types_supported: ['public', 'pairwise'],
    prompt_values_supported: ['none', 'login', 'consent'],
    id_token_signing_alg_values_supported: SIGNING,
    userinfo_signing_alg_values_supported: [...SIGNING, 'none'],
    request_object_signing_alg_values_supported: [...SIGNING, 'none'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    token_endpoint_auth_signing_alg_values_supported: SIGNING,
    introspection_endpoint_auth_methods_supported: AUTH_METHODS,
    introspection_endpoint_auth_signing_alg_values_supported: SIGNING,
    authorization_signing_alg_values_supported: SIGNING,
    claims_supported: ['aud', 'sub', 'iss', 'auth_time', 'name', 'given_name', 'family_name', 'preferred_username', 'email', 'acr', 'azp', 'scope'],
    claim_types_supported: ['normal'],
    claims_parameter_supported: true,
    scopes_supported: ['openid', 'profile', 'email', 'roles', 'web-origins', 'acr', 'basic'],
    request_parameter_supported: true,
    request_uri_parameter_supported: true,
    require_request_uri_registration: true,
    code_challenge_methods_supported: ['plain', 'S256'],
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    require_pushed_authorization_requests: false,
    authorization_response_iss_parameter_supported: true,
  };
}

/** `GET /auth/realms/{realm}`: Keycloak's realm info (public key, token and account service URLs). */
export function realmInfo(issuer: string, publicKeyBase64: string): Record<string, unknown> {
  return {
    realm: REALM,
    public_key: publicKeyBase64,
    'token-service': `${issuer}${OIDC}`,
    'account-service': `${issuer}/account`,
    'tokens-not-before': 0,
  };
}
