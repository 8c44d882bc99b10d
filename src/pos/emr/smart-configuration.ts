// Discovery documents of the EMR: SMART configuration (every REQUIRED field) and OpenID Connect metadata.
import { EMR_AUTH_PATH, EMR_FHIR_PATH } from './registration.js';

/** Scopes the EMR grants (v2 and the v1 forms Ocean still asks for). */
export const SCOPES_SUPPORTED = [
  'openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'online_access', 'offline_access',
  'patient/*.rs', 'patient/*.read', 'patient/Patient.read', 'patient/Patient.rs', 'patient/Observation.read', 'patient/$everything',
  'user/*.rs', 'user/*.read', 'user/*.*', 'user/Practitioner.read',
];

/** Where the EMR's endpoints are, from the sandbox base URL. */
export function emrUrls(baseUrl: string) {
  const auth = `${baseUrl}${EMR_AUTH_PATH}`;
  const fhirBase = `${baseUrl}${EMR_FHIR_PATH}`;
  return { fhirBase, issuer: fhirBase, authorize: `${auth}/authorize`, token: `${auth}/token`, jwks: `${auth}/jwks`, introspect: `${auth}/introspect` };
}

/**
 * `{fhirBase}/.well-known/smart-configuration`.
 * See: https://hl7.org/fhir/smart-app-launch/STU2.2/conformance.html#metadata
 */
export function smartConfiguration(baseUrl: string): Record<string, unknown> {
  const u = emrUrls(baseUrl);
  return {
    issuer: u.issuer,
    jwks_uri: u.jwks,
    authorization_endpoint: u.authorize,
    token_endpoint: u.token,
    introspection_endpoint: u.introspect,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: SCOPES_SUPPORTED,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-ehr', 'authorize-post', 'client-public', 'client-confidential-symmetric', 'sso-openid-connect',
      'context-ehr-patient', 'context-banner', 'permission-patient', 'permission-user',
      'permission-online', 'permission-offline', 'permission-v1', 'permission-v2',
    ],
  };
}

/**
 * `{fhirBase}/.well-known/openid-configuration`: the issuer is the FHIR base, as Ocean discovers it there.
 * See: https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
 */
export function openidConfiguration(baseUrl: string): Record<string, unknown> {
  const u = emrUrls(baseUrl);
  return {
    issuer: u.issuer,
    authorization_endpoint: u.authorize,
    token_endpoint: u.token,
    jwks_uri: u.jwks,
    introspection_endpoint: u.introspect,
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: SCOPES_SUPPORTED,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'nonce', 'fhirUser', 'profile', 'name'],
  };
}
