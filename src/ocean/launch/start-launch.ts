// Step 1 of the EHR launch: check the request and the issuer, discover, then redirect to the EHR's authorize endpoint.
import { createHash } from 'node:crypto';
import type { AppDeps } from '../../app-deps.js';
import { discover } from './discovery.js';
import { normalizeIss, type IssuerRegistry } from './issuers.js';
import { LaunchError } from './launch-error.js';
import { randomToken, type LaunchStore } from './launch-store.js';

/** Ocean's scope list. See: docs/smart-launch.md#what-ocean-does-on-launch step 2. */
export const OCEAN_SCOPES = 'launch launch/patient online_access openid profile fhirUser patient/Patient.read patient/Observation.read patient/$everything user/*.* user/Practitioner.read';

/** The `action` values Ocean accepts; `viewMap` is the default. See: docs/smart-launch.md#the-launch-url. */
export const OCEAN_ACTIONS = ['viewMap', 'viewHealthServices', 'viewReferralFacourite', 'searchHealthMap', 'referDirect', 'portal', 'sendMessage', 'addForm'] as const;

const PENDING_SECONDS = 600;

export interface StartDeps {
  app: AppDeps;
  issuers: IssuerRegistry;
  launches: LaunchStore;
  /** Ocean's redirect URI: `{baseUrl}/ocean/sso/smart/callback`. */
  redirectUri: string;
}

/**
 * `GET /ocean/sso/smart/auth?iss=&launch=&action=&siteNum=` → the authorize URL to redirect to.
 * See: https://hl7.org/fhir/smart-app-launch/STU2.2/app-launch.html#launch-app-ehr-launch
 */
export async function startLaunch(query: Record<string, unknown>, deps: StartDeps): Promise<string> {
  const param = (k: string) => (typeof query[k] === 'string' && query[k] ? (query[k] as string) : undefined);
  const issParam = param('iss');
  const launch = param('launch');
  if (!issParam) throw new LaunchError('request', 'The launch URL has no iss parameter: the EHR must pass its FHIR base URL as iss.', 400);
  if (!URL.canParse(issParam)) throw new LaunchError('request', `iss "${issParam}" is not an absolute URL.`, 400);
  if (!launch) throw new LaunchError('request', 'The launch URL has no launch parameter: an EHR launch passes an opaque launch id.', 400);
  const action = param('action') ?? 'viewMap';
  if (!(OCEAN_ACTIONS as readonly string[]).includes(action)) throw new LaunchError('request', `action "${action}" is not an Ocean launch action (use one of ${OCEAN_ACTIONS.join(', ')}).`, 400);
  const siteNum = param('siteNum');
  if (siteNum && !/^\d+$/.test(siteNum)) throw new LaunchError('request', `siteNum "${siteNum}" is not an Ocean site number (digits).`, 400);

  const iss = normalizeIss(issParam);
  const allowed = deps.issuers.find(iss);
  if (!allowed) {
    throw new LaunchError(
      'issuer',
      `The issuer ${iss} is not on this Ocean's allow-list. Register it here, and register Ocean at your EHR with redirect URI ${deps.redirectUri}.`,
      403,
      `hie-sandbox ocean issuer add ${iss} --client-id <Ocean's client id at your EHR> --client-secret <secret>\n# or: POST /admin/ocean/smart-issuers {"iss": "${iss}", "clientId": "...", "clientSecret": "..."}`,
    );
  }
  const state = randomToken();
  const discovered = await discover(deps.app, iss, { launchState: state.slice(0, 12) });
  if (!param('action')) {
    // OTI's client requires action, yet names viewMap its default: launched anyway, flagged for the EHR to fix.
    discovered.findings.push({ step: 'request', level: 'warn', text: `the launch URL has no action: OceanMD's reference client requires one (${OCEAN_ACTIONS.join(', ')}); Ocean here opened viewMap` });
  }
  if (!allowed.clientSecret && !discovered.s256) {
    throw new LaunchError('discovery', `Ocean is registered at ${iss} as a public client, which needs PKCE, but the EHR does not advertise code_challenge_methods_supported ["S256"].`, 502);
  }
  const codeVerifier = discovered.s256 ? randomToken() : undefined;
  const nonce = randomToken();
  const now = deps.app.clock.now();
  deps.launches.putPending({ state, iss, launch, action, siteNum, codeVerifier, nonce, discovered, expiresAt: now + PENDING_SECONDS * 1000 }, now);

  const url = new URL(discovered.authorizationEndpoint);
  const params: Record<string, string> = { response_type: 'code', client_id: allowed.clientId, redirect_uri: deps.redirectUri, scope: OCEAN_SCOPES, state, aud: iss, launch, nonce };
  if (codeVerifier) Object.assign(params, { code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'), code_challenge_method: 'S256' });
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
