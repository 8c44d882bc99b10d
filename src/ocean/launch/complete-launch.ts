// Step 2 of the EHR launch: the EHR redirected back; exchange the code, sign the user in, read the patient and chart.
import type { AppDeps } from '../../app-deps.js';
import type * as fhir from '../../fhir/types.js';
import { chartAttachments } from './attachments.js';
import { checkEverything, checkTokenResponse, type Finding } from './conformance.js';
import { verifyIdToken } from './id-token.js';
import type { IssuerRegistry } from './issuers.js';
import { LaunchError } from './launch-error.js';
import { randomToken, type LaunchSession, type LaunchStore } from './launch-store.js';
import { mapKeywords } from './keywords.js';
import { callEhr, excerpt } from './outbound.js';
import { fetchSmartStyle } from './smart-style.js';

export interface CompleteDeps {
  app: AppDeps;
  issuers: IssuerRegistry;
  launches: LaunchStore;
  redirectUri: string;
}

/** `GET /ocean/sso/smart/callback?code=&state=` (or `error=`) → the launched session. */
export async function completeLaunch(query: Record<string, unknown>, deps: CompleteDeps): Promise<LaunchSession> {
  const str = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : undefined);
  const state = str('state');
  if (!state) throw new LaunchError('authorize', 'The EHR redirected back without state; SMART requires it to be returned unchanged.', 400);
  const pending = deps.launches.takePending(state);
  if (!pending) throw new LaunchError('authorize', 'The state returned by the EHR is unknown or was already used. Launch Ocean again from the chart.', 400);
  if (pending.expiresAt < deps.app.clock.now()) throw new LaunchError('authorize', 'The launch took too long (over 10 minutes). Launch Ocean again from the chart.', 400);
  const error = str('error');
  if (error) throw new LaunchError('authorize', `The EHR refused the authorization: ${error}${str('error_description') ? ` (${str('error_description')})` : ''}.`, 400);
  const code = str('code');
  if (!code) throw new LaunchError('authorize', 'The EHR redirected back without a code.', 400);
  const allowed = deps.issuers.find(pending.iss);
  if (!allowed) throw new LaunchError('issuer', `The issuer ${pending.iss} was removed from the allow-list during the launch.`, 403);
  const d = pending.discovered;
  const correlation = { launchState: state.slice(0, 12) };
  const findings: Finding[] = [...d.findings];

  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: deps.redirectUri });
  if (pending.codeVerifier) form.set('code_verifier', pending.codeVerifier);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  // A public client (registered without a secret) identifies itself with client_id alone; PKCE proves the rest.
  if (!allowed.clientSecret) form.set('client_id', allowed.clientId);
  else if (d.tokenAuth === 'client_secret_basic') headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(allowed.clientId)}:${encodeURIComponent(allowed.clientSecret)}`).toString('base64')}`;
  else {
    form.set('client_id', allowed.clientId);
    form.set('client_secret', allowed.clientSecret);
  }
  const tokenRes = await callEhr(deps.app, { step: 'token', url: d.tokenEndpoint, method: 'POST', headers, body: form.toString(), correlation });
  const token = tokenRes.json as Record<string, unknown> | undefined;
  if (tokenRes.status !== 200) {
    const detail = token && typeof token.error === 'string' ? `${token.error}${token.error_description ? `: ${String(token.error_description)}` : ''}` : excerpt(tokenRes.text);
    throw new LaunchError('token', `The token endpoint ${d.tokenEndpoint} answered HTTP ${tokenRes.status} (${detail}).`);
  }
  if (!token || typeof token !== 'object' || Array.isArray(token)) throw new LaunchError('token', `The token endpoint answered 200 but not with a JSON object: ${excerpt(tokenRes.text)}`);
  if (typeof token.access_token !== 'string' || !token.access_token) throw new LaunchError('token', 'The token response has no access_token.');
  findings.push(...checkTokenResponse(token, tokenRes.headers));

  const claims = await verifyIdToken(token.id_token, { jwksUri: d.jwksUri, issuer: d.issuer, clientId: allowed.clientId, nonce: pending.nonce }, deps.app.clock);
  const sek = typeof token.oceanSharedEncryptionKey === 'string' ? token.oceanSharedEncryptionKey : typeof claims.oceanSharedEncryptionKey === 'string' ? claims.oceanSharedEncryptionKey : undefined;
  const session: LaunchSession = {
    id: randomToken(),
    iss: pending.iss,
    action: pending.action,
    siteNum: pending.siteNum,
    user: { sub: claims.sub!, fhirUser: typeof claims.fhirUser === 'string' ? claims.fhirUser : undefined, key: `${claims.sub}@${d.issuer}` },
    sharedEncryptionKey: sek,
    keywords: {},
    attachments: [],
    findings,
    accessToken: token.access_token,
    createdAt: deps.app.clock.iso(),
    sent: [],
    ...launchContext(token),
  };
  if (session.styleUrl) {
    const { style, finding } = await fetchSmartStyle(deps.app, session.styleUrl, correlation);
    if (style) session.style = style;
    if (finding) session.findings.push(finding);
  }
  await readUser(deps.app, session, correlation);
  // The chart is read for the site launched into: journaled as its partner's, so another partner's run never counts it.
  const partner = pending.siteNum === undefined ? undefined : deps.app.store.view<{ partner?: string }>('ocean.sites', pending.siteNum)?.partner;
  if (typeof token.patient === 'string' && token.patient) await readChart(deps.app, session, token.patient, correlation, partner);
  deps.launches.putSession(session);
  for (const f of session.findings) deps.app.journal.record({ time: deps.app.clock.iso(), system: 'ocean', direction: 'inbound', method: 'CONFORMANCE', url: pending.iss, durationMs: 0, request: { headers: {}, body: `${f.level === 'stop' ? 'STOP' : 'WARN'} [${f.step}] ${f.text}` }, correlation: { ...correlation, conformance: f.step } });
  return session;
}

/**
 * What else the token response says about the launch: the banner flag, the EHR's style sheet and the encounter.
 * See: https://hl7.org/fhir/smart-app-launch/STU2.2/scopes-and-launch-context.html#launch-context-arrives-with-your-access_token
 */
function launchContext(token: Record<string, unknown>): Pick<LaunchSession, 'needPatientBanner' | 'styleUrl' | 'encounterId'> {
  const out: Pick<LaunchSession, 'needPatientBanner' | 'styleUrl' | 'encounterId'> = {};
  if (token.need_patient_banner === false) out.needPatientBanner = false;
  if (typeof token.smart_style_url === 'string' && URL.canParse(token.smart_style_url) && /^https?:$/.test(new URL(token.smart_style_url).protocol)) out.styleUrl = token.smart_style_url;
  if (typeof token.encounter === 'string' && token.encounter) out.encounterId = token.encounter;
  return out;
}

/** The signed-in user's name, from `fhirUser` (Ocean asks for user/Practitioner.read). The token goes only to the issuer's own server. */
async function readUser(app: AppDeps, session: LaunchSession, correlation: Record<string, string>): Promise<void> {
  const ref = session.user.fhirUser;
  if (!ref) return void session.findings.push({ step: 'id_token', level: 'warn', text: 'the id_token has no fhirUser claim: Ocean cannot tell which practitioner launched it' });
  const url = URL.canParse(ref) ? ref : `${session.iss}/${ref}`;
  if (!url.startsWith(`${session.iss}/`)) return void session.findings.push({ step: 'id_token', level: 'warn', text: `fhirUser ${ref} is not under the FHIR base ${session.iss}; Ocean does not send the access token elsewhere` });
  const res = await callEhr(app, { step: 'fhir', url, headers: { authorization: `Bearer ${session.accessToken}`, accept: 'application/fhir+json' }, correlation });
  const who = res.json as fhir.Practitioner | undefined;
  const name = who?.name?.find((n) => n.use === 'official') ?? who?.name?.[0];
  if (res.status !== 200 || !name) return void session.findings.push({ step: 'fhir', level: 'warn', text: `GET ${url} (the fhirUser) answered HTTP ${res.status} without a named resource: ${excerpt(res.text)}` });
  session.user.name = name.text ?? [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ''].join(' ').trim();
}

async function readChart(app: AppDeps, session: LaunchSession, patientId: string, correlation: Record<string, string>, partner?: string): Promise<void> {
  const auth = { authorization: `Bearer ${session.accessToken}`, accept: 'application/fhir+json' };
  const base = session.iss;
  const p = await callEhr(app, { step: 'fhir', url: `${base}/Patient/${encodeURIComponent(patientId)}`, headers: auth, correlation, partner });
  const patient = p.json as fhir.Patient | undefined;
  if (p.status !== 200 || patient?.resourceType !== 'Patient') throw new LaunchError('fhir', `GET ${base}/Patient/${patientId} answered HTTP ${p.status} without a Patient: ${excerpt(p.text)}`);
  const e = await callEhr(app, { step: 'fhir', url: `${base}/Patient/${encodeURIComponent(patientId)}/$everything`, headers: auth, correlation, partner });
  const bundle = e.json as fhir.Bundle | undefined;
  session.patientId = patientId;
  session.patient = patient;
  if (e.status !== 200 || bundle?.resourceType !== 'Bundle') {
    // Ocean goes on with demographics only: the form is still usable.
    session.findings.push({ step: 'fhir', level: 'warn', text: `Patient/${patientId}/$everything answered HTTP ${e.status} without a Bundle (${excerpt(e.text)}); the form is pre-filled from demographics only` });
    session.keywords = mapKeywords(patient, { resourceType: 'Bundle', type: 'searchset', entry: [] });
    return;
  }
  session.findings.push(...checkEverything(bundle, patientId));
  session.keywords = mapKeywords(patient, bundle);
  const scan = chartAttachments(bundle);
  session.attachments = scan.attachments;
  for (const s of scan.skipped) session.findings.push({ step: 'fhir', level: 'warn', text: `attachment skipped: ${s}` });
}
