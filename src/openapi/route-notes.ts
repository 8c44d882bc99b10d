// What a person needs to know of each plain (non-FHIR-table) route: a summary, the body it takes, an example.
// FHIR routes describe themselves from their route tables; a route listed here but not mounted fails a test.

/** How a request body is sent. */
export type BodyKind = 'json' | 'fhir' | 'form' | 'xml' | 'any';

export interface RouteNote {
  summary: string;
  description?: string;
  body?: BodyKind;
  example?: unknown;
  /** Media type of a successful answer when it is not JSON. */
  produces?: string;
  /** Answers without a token although its surface needs one. */
  open?: boolean;
  /** A query parameter the route needs to be what it is (`?wsdl`). */
  flag?: string;
}

const json = (summary: string, example?: unknown, description?: string): RouteNote => ({ summary, body: 'json', example, description });
const get = (summary: string, description?: string, produces?: string): RouteNote => ({ summary, description, produces });

const TOKEN_FORM = { grant_type: 'client_credentials', client_id: 'demo-pos', client_secret: 'demo-secret' };

/** Keyed by `METHOD /path` in OpenAPI template syntax. */
export const ROUTE_NOTES: Readonly<Record<string, RouteNote>> = {
  'GET /auth/realms/moh_applications/.well-known/openid-configuration': get('OIDC discovery of the Keycloak-shaped realm that issues PLR and HCIM tokens'),
  'GET /auth/realms/moh_applications/protocol/openid-connect/certs': get('JWKS: the public keys that sign PLR and HCIM tokens'),
  'POST /auth/realms/moh_applications/protocol/openid-connect/token': {
    summary: 'Token for PLR and HCIM (client_credentials, password or refresh_token grant; `audience=plr|hcim` narrows aud)',
    body: 'form',
    example: TOKEN_FORM,
  },

  'GET /auth/realms/moh_applications': get('Realm information (public key, token service and account URLs), as Keycloak serves it'),
  'GET /auth/realms/moh_applications/protocol/openid-connect/auth': get("Authorization endpoint: answers as Keycloak does for a service client without the browser flow", undefined, 'text/html'),
  'POST /auth/realms/moh_applications/protocol/openid-connect/auth': { summary: 'Authorization endpoint (form post), answered as for a service client without the browser flow', body: 'form', produces: 'text/html' },
  'POST /auth/realms/moh_applications/protocol/openid-connect/token/introspect': { summary: 'Token introspection (RFC 7662): is a token active, and its claims; needs client credentials', body: 'form', example: { token: '…', client_id: 'demo-pos', client_secret: 'demo-secret' } },
  'GET /auth/realms/moh_applications/protocol/openid-connect/userinfo': get('Userinfo for a token with the `openid` scope'),
  'POST /auth/realms/moh_applications/protocol/openid-connect/userinfo': { summary: 'Userinfo for a token with the `openid` scope (form post)', body: 'form' },
  'GET /auth/realms/moh_applications/protocol/openid-connect/logout': get('End-session endpoint (a logged-out page)', undefined, 'text/html'),
  'POST /auth/realms/moh_applications/protocol/openid-connect/logout': { summary: 'Back-channel logout: ends the session the form\'s refresh_token names (client credentials required)', body: 'form' },
  'GET /hcim/soap': { summary: 'WSDL 1.1 (document/literal) of the HCIM interactions, for SOAP client generators (`?wsdl`)', produces: 'text/xml', open: true, flag: 'wsdl' },
  'POST /hcim/soap': {
    summary: 'HL7v3 over SOAP 1.1: every HCIM interaction on one endpoint (HCIM_IN_GetDemographics, HCIM_IN_FindCandidates, HCIM_IN_PersonRevised)',
    description: 'An HL7v3 application error (a PersonRevised rejected with HCIM_IN_PersonRevisedNak, a query error code in acceptAckCode and queryAck) is an answer; a SOAP Fault is a failure of the exchange.',
    body: 'xml',
  },
  'POST /ocean/svc/oauth2/token': {
    summary: "Ocean site token (client_credentials with the site's API credentials, Basic header or form body)",
    description: 'Each seeded Ocean site has its own credentials: `npx hie-sandbox ocean sites` prints them.',
    body: 'form',
    example: { grant_type: 'client_credentials' },
  },
  'GET /ocean/sso/smart/auth': get('SMART launch URL your EHR opens (`iss`, `launch`, `action`, `siteNum`)', 'Ocean discovers the EHR, redirects to its authorize endpoint and, on return, reads Patient/$everything.', 'text/html'),
  'GET /ocean/sso/smart/callback': get('SMART redirect URI (the EHR sends the code here)', undefined, 'text/html'),
  'GET /ocean/sso/smart/session/{id}': get('The launched Ocean page (patient banner, Healthmap, referral form)', undefined, 'text/html'),
  'POST /ocean/sso/smart/session/{id}/send': { summary: 'Sends the referral drafted on the launched page', body: 'form', example: { listing: 'broadway_medical_ima-7310042', 'item.reason': 'MRI left knee' }, produces: 'text/html' },

  'POST /pos/receiver/$process-message': { summary: "The reference receiving POS: an Ocean webhook (answers Ocean's challenge, files referrals)", body: 'fhir', example: { challenge: 'a-random-challenge' } },
  'GET /pos/receiver/policy': get('How the reference receiver answers referrals (mode and delay)'),
  'PUT /pos/receiver/policy': json('Sets how the reference receiver answers referrals', { mode: 'accept', delay: 'PT5M' }),
  'GET /pos/receiver/wrong': get('The deliberate mistakes the reference receiver makes (for testing Ocean-side handling)'),
  'PUT /pos/receiver/wrong': json('Turns deliberate receiver mistakes on or off (`[]` to behave again)', { behaviours: ['skip-appointment'] }),
  'GET /pos/receiver/referrals': get('Referrals the reference receiver has filed'),
  'GET /pos/receiver/referrals/{ref}': get('One filed referral'),
  'POST /pos/receiver/referrals/{ref}/actions': json("The reference receiver acts on a referral (posted to Ocean's $process-messages)", { type: 'status', status: 'accepted' }),
  'PUT /pos/receiver/plr/distribution': { summary: 'Reference PLR distribution subscriber (transaction Bundle form)', body: 'fhir' },
  'POST /pos/receiver/plr/distribution': { summary: 'Reference PLR distribution subscriber ($distribution Parameters form)', body: 'fhir' },
  'PUT /pos/receiver/plr/distribution/{rest}': { summary: 'Reference PLR distribution subscriber, any path below it', body: 'fhir' },
  'POST /pos/receiver/plr/distribution/{rest}': { summary: 'Reference PLR distribution subscriber, any path below it', body: 'fhir' },
  'POST /pos/receiver/hcim/notification': { summary: 'Reference HCIM notification endpoint (PersonRevised and merges)', body: 'any' },
  'POST /pos/receiver/hcim/callback/Patient/{operation}': { summary: 'Reference HCIM async call-back endpoint ($AddPatient.Async and the other writes)', body: 'fhir' },
  'GET /pos/receiver/registry-messages': get('What the reference registry endpoints received, newest last'),

  'GET /pos/emr/auth/authorize': get('Reference EMR SMART authorize endpoint', undefined, 'text/html'),
  'POST /pos/emr/auth/authorize': { summary: 'Reference EMR SMART authorize endpoint (form post of the consent page)', body: 'form', produces: 'text/html' },
  'POST /pos/emr/auth/token': { summary: 'Reference EMR SMART token endpoint (authorization_code, refresh_token)', body: 'form', example: { grant_type: 'authorization_code', code: '…', redirect_uri: 'http://127.0.0.1:8900/ocean/sso/smart/callback', code_verifier: '…' } },
  'GET /pos/emr/auth/jwks': get("Reference EMR's JWKS (id_token keys)"),
  'POST /pos/emr/auth/introspect': { summary: 'Reference EMR token introspection (RFC 7662)', body: 'form', example: { token: '…' } },
  'GET /pos/emr/fhir/.well-known/smart-configuration': get('SMART configuration of the reference EMR'),
  'GET /pos/emr/fhir/.well-known/openid-configuration': get('OpenID configuration of the reference EMR'),
  'GET /pos/emr': get('Reference EMR: the patient list', undefined, 'text/html'),
  'GET /pos/emr/patients/{id}': get('Reference EMR: a chart with "Launch Ocean"', undefined, 'text/html'),
  'POST /pos/emr/patients/{id}/launch': { summary: 'Reference EMR: launches Ocean for the patient (redirects to the SMART launch URL)', body: 'form', produces: 'text/html' },

  'GET /admin': get('Index of the admin routes'),
  'GET /admin/login': get('Signs the dashboard in with the admin token (`?token=`; sets an HttpOnly cookie)', undefined, 'text/html'),
  'POST /admin/token/rotate': { summary: 'Issues a new admin token; the old one stops working at once' },
  'GET /admin/health': get('Version, uptime, clock and counts'),
  'GET /admin/clock': get('The simulated clock'),
  'POST /admin/clock/advance': json('Advances the simulated clock; every retry that falls due fires, in order', { duration: 'PT96H' }),
  'POST /admin/clock/set': json('Sets the simulated clock', { time: '2026-03-01T09:00:00Z' }),
  'GET /admin/snapshots': get('Named snapshots'),
  'POST /admin/snapshots': json('Takes a named snapshot of the whole state', { name: 'before-run' }),
  'POST /admin/snapshots/{name}/restore': { summary: 'Restores a named snapshot' },
  'DELETE /admin/snapshots/{name}': { summary: 'Deletes a named snapshot' },
  'POST /admin/reset': { summary: 'Returns the sandbox to its seeded state (named snapshots are kept)' },
  'GET /admin/scenario-runs': get('The scenario run holding this sandbox, if any (runs take turns)'),
  'POST /admin/scenario-runs': json('Takes the run lease for a scenario or conformance run (409 while another run holds it)', { partner: 'demo' }),
  'PUT /admin/scenario-runs/{id}': { summary: 'Renews a run lease (it lapses after 120 s without renewal)' },
  'DELETE /admin/scenario-runs/{id}': { summary: 'Releases a run lease (or clears one whose run died)' },
  'GET /admin/faults': get('Armed faults'),
  'GET /admin/faults/seams': get('The named seams a fault can be armed at'),
  'POST /admin/faults': json('Arms a fault at a seam', { seam: 'delivery.ocean', effect: { kind: 'status', status: 500 }, times: 3, partner: 'demo' }),
  'DELETE /admin/faults': { summary: 'Clears every fault' },
  'DELETE /admin/faults/{id}': { summary: 'Clears one fault' },
  'GET /admin/journal': get('Every inbound and outbound exchange (secrets masked), filtered by system, partner, correlation, direction, since, limit'),
  'GET /admin/journal/{id}': get('One journal entry'),
  'GET /admin/deliveries': get('The outbound queue: pending, delivered and dead deliveries'),
  'GET /admin/deliveries/{id}': get('One delivery with its attempts'),
  'POST /admin/deliveries/{id}/replay': { summary: 'Replays a delivery (a dead letter, or a delivered one again)' },
  'GET /admin/partners': get('Partners and their credentials'),
  'GET /admin/partners/{name}': get('One partner'),
  'POST /admin/partners': json('Adds a partner with generated client credentials and a user', { name: 'acme' }),

  'GET /admin/ocean/smart-issuers': get('EHRs allowed to launch Ocean (SMART issuers)'),
  'POST /admin/ocean/smart-issuers': json('Allows an EHR to launch Ocean', { iss: 'https://ehr.example/fhir', clientId: 'ocean', clientSecret: 'secret', label: 'My EHR' }),
  'DELETE /admin/ocean/smart-issuers': { summary: 'Removes an EHR from the allow-list (`?iss=`)' },
  'GET /admin/ocean/sites': get('Ocean sites'),
  'GET /admin/ocean/sites/{siteNum}': get('One Ocean site with its integrations and listings'),
  'POST /admin/ocean/sites/{siteNum}/credentials': json("Generates new API credentials for a site (needs the site's Shared Encryption Key)", { sharedEncryptionKey: '…' }),
  'PUT /admin/ocean/sites/{siteNum}/partner': json("Makes the site a partner's (sandbox-only): new API credentials, and its calls and webhook deliveries count as that partner's evidence", { partner: 'acme' }),
  'GET /admin/ocean/listings': get('Healthmap listings (`?site=`)'),
  'PATCH /admin/ocean/listings/{ref}': json('Changes a listing (its external service id, whether it accepts referrals)', { acceptsReferrals: true }),
  'GET /admin/ocean/integrations': get('Webhook integrations (`?site=`)'),
  'POST /admin/ocean/integrations': json("Registers a POS webhook for a site (Ocean first POSTs a challenge the endpoint must echo)", { siteNum: '1008', url: 'http://127.0.0.1:9000/ocean', payloadVersion: 'v0.11', listings: ['broadway_medical_ima-7310042'] }),
  'DELETE /admin/ocean/integrations/{id}': { summary: 'Removes a webhook integration' },
  'GET /admin/ocean/referrals': get('Referrals (`?site=`)'),
  'POST /admin/ocean/referrals': json('Ocean sends a referral (as the referrer) to a listing', { phn: '9876543218', listingRef: 'broadway_medical_ima-7310042' }),
  'GET /admin/ocean/referrals/{ref}': get("A referral: both sides' folders, receivers, documents"),
  'GET /admin/ocean/referrals/{ref}/events': get("A referral's Event Log"),
  'POST /admin/ocean/referrals/{ref}/cancel': json('The referrer cancels (revoke-service-request)', { reason: 'Patient moved' }),
  'POST /admin/ocean/referrals/{ref}/messages': json('The referrer writes to the receiver', { text: 'Please call the patient before booking.' }),
  'POST /admin/ocean/referrals/{ref}/resend': json('Sends the referral again', { mode: 'new' }),
  'GET /admin/plr/changes': get('Registry changes that were distributed'),
  'POST /admin/plr/changes': json('Changes a PLR entity as the registry would (then distributes it)', { id: 'IPC.00100001.BC.PRS', change: 'suspend' }),
  'GET /admin/plr/subscriptions': get('PLR distribution subscriptions'),
  'POST /admin/plr/subscriptions': json('Subscribes an endpoint to PLR distributions', { partner: 'demo', url: 'http://127.0.0.1:9000/plr', form: 'transaction' }),
  'DELETE /admin/plr/subscriptions/{id}': { summary: 'Removes a PLR subscription' },
  'GET /admin/hcim/subscriptions': get('HCIM notification subscriptions'),
  'POST /admin/hcim/subscriptions': json('Subscribes an endpoint to HCIM notifications', { partner: 'demo', endpoint: 'http://127.0.0.1:9000/hcim' }),
  'DELETE /admin/hcim/subscriptions/{id}': { summary: 'Removes an HCIM subscription' },
  'GET /admin/hcim/callbacks': get('Where each partner receives .Async results'),
  'POST /admin/hcim/callbacks': json('Sets where a partner receives .Async results', { partner: 'demo', url: 'http://127.0.0.1:9000/hcim-callbacks' }),
  'DELETE /admin/hcim/callbacks/{partner}': { summary: "Removes a partner's call-back URL" },
  'POST /admin/hcim/evaluate': json("Measures the matching's precision and recall on the seeded duplicates", { profile: 'full' }),
  'GET /admin/pos/emr/clients': get('SMART apps registered at the reference EMR'),
  'POST /admin/pos/emr/clients': json('Registers a SMART app at the reference EMR', { clientId: 'my-app', name: 'My app', redirectUris: ['http://127.0.0.1:9000/callback'] }),
};
