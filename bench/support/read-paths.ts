// The read paths bench/reads.ts measures on a running sandbox, with the tokens each needs (PLR and HCIM from the
// Keycloak realm, Ocean per site, the reference EMR through a SMART EHR launch).
import { queryOf } from '../../src/hcim/evaluate.js';
import { PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import type * as fhir from '../../src/fhir/types.js';
import { DEMO_PARTNER } from '../../src/partners/index.js';
import { FHIR_PATH } from '../../src/plr/vocabulary.js';
import { NAMED_FIXTURES } from '../../src/population/index.js';
import { oceanClient } from '../../src/pos/emr/registration.js';
import type { LoadRequest } from './load.js';

/** HCIM refuses a messageId it has seen: numbered across calls, so that paths can be asked for again. */
let seq = 0;

/** Every read path, labelled, once the sandbox at `base` has built its HCIM match index. */
export async function readPaths(base: string): Promise<Array<[string, LoadRequest]>> {
  const form = (body: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
  const tokenOf = async (path: string, body: Record<string, string>) => ((await (await fetch(`${base}${path}`, form({ grant_type: 'client_credentials', ...body }))).json()) as { access_token: string }).access_token;
  const token = await tokenOf('/auth/realms/moh_applications/protocol/openid-connect/token', { client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret });
  // Listings mask secrets; a site's own record carries its credentials.
  const siteNum = ((await (await fetch(`${base}/admin/ocean/sites`)).json()) as Array<{ siteNum: string }>)[0]!.siteNum;
  const site = (await (await fetch(`${base}/admin/ocean/sites/${siteNum}`)).json()) as { clientId: string; clientSecret: string };
  const oceanToken = await tokenOf('/ocean/svc/oauth2/token', { client_id: site.clientId, client_secret: site.clientSecret });
  const hcimHeaders = { authorization: `Bearer ${token}`, userid: 'bench@IDIR', 'content-type': 'application/fhir+json' };
  const hcim = (resource: fhir.Patient) => () => JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:m', resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `bench-${process.pid}-${++seq}` }] } }, { fullUrl: 'urn:uuid:p', resource }] });
  const byPhn: fhir.Patient = { resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: NAMED_FIXTURES.ordinaryPatientPhn }] };
  const gd = (await (await fetch(`${base}/hcim/fhir/Patient/$GetDemographics`, { method: 'POST', headers: hcimHeaders, body: hcim(byPhn)() })).json()) as fhir.Bundle;
  const patient = gd.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as fhir.Patient | undefined;
  if (!patient) throw new Error(`$GetDemographics of the ordinary patient found no Patient: ${JSON.stringify(gd).slice(0, 600)}`);
  // The HCIM match index builds in slices after start; measure once searches no longer answer "temporarily unavailable".
  for (let i = 0; i < 600; i++) {
    const text = await (await fetch(`${base}/hcim/fhir/Patient/$FindCandidates`, { method: 'POST', headers: hcimHeaders, body: hcim(queryOf(patient, 'full'))() })).text();
    if (!text.includes('FC.2.0004')) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const emr = await emrToken(base);
  const plr = { authorization: `Bearer ${token}`, userid: 'bench@IDIR', accept: 'application/fhir+json;fhirVersion=4.0;BCPLRVersion=1' };
  return [
    ['GET /admin/health', { path: '/admin/health' }],
    ['HCIM $GetDemographics', { method: 'POST', path: '/hcim/fhir/Patient/$GetDemographics', headers: hcimHeaders, body: hcim(byPhn) }],
    ['HCIM $FindCandidates', { method: 'POST', path: '/hcim/fhir/Patient/$FindCandidates', headers: hcimHeaders, body: hcim(queryOf(patient, 'full')) }],
    ['Ocean NamingSystem/id-site-number', { path: '/ocean/svc/fhir/v1/NamingSystem/id-site-number', headers: { authorization: `Bearer ${oceanToken}` } }],
    ['Ocean metadata', { path: '/ocean/svc/fhir/v1/metadata' }],
    ['PLR $entityQuery?identifier=IPC…', { path: `/plr${FHIR_PATH}/Practitioner/$entityQuery?identifier=${NAMED_FIXTURES.familyPhysicianIpc}`, headers: plr }],
    ['PLR family=S* (20 hits)', { path: `/plr${FHIR_PATH}/Practitioner/$entityQuery?family=S*`, headers: plr }],
    ['EMR Patient/{id}', { path: `/pos/emr/fhir/Patient/${emr.patient}`, headers: { authorization: `Bearer ${emr.token}` } }],
    ['EMR Patient/{id}/$everything', { path: `/pos/emr/fhir/Patient/${emr.patient}/$everything`, headers: { authorization: `Bearer ${emr.token}` } }],
  ];
}

/**
 * A token of the reference EMR, the way Ocean gets one: "Launch Ocean" on a chart (an EHR launch), then the
 * authorization code grant as Ocean's confidential client. The token's patient is the chart's.
 */
async function emrToken(base: string): Promise<{ token: string; patient: string }> {
  const oidc = (await (await fetch(`${base}/pos/emr/fhir/.well-known/openid-configuration`)).json()) as { issuer: string; authorization_endpoint: string; token_endpoint: string };
  const ocean = oceanClient(oidc.issuer.replace(/\/pos\/emr\/fhir$/, ''));
  const launch = await fetch(`${base}/pos/emr/patients/pt-0/launch`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=viewMap' });
  const launchId = new URL(launch.headers.get('location')!).searchParams.get('launch')!;
  const q = new URLSearchParams({ response_type: 'code', client_id: ocean.clientId, redirect_uri: ocean.redirectUris[0]!, scope: 'launch openid fhirUser patient/*.read', state: 'bench', aud: oidc.issuer, launch: launchId });
  const authorize = await fetch(`${base}${new URL(oidc.authorization_endpoint).pathname}?${q}`, { redirect: 'manual' });
  const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
  const basic = `Basic ${Buffer.from(`${ocean.clientId}:${ocean.clientSecret}`).toString('base64')}`;
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! });
  const res = await fetch(`${base}${new URL(oidc.token_endpoint).pathname}`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  const body = (await res.json()) as { access_token?: string; patient?: string };
  if (!body.access_token || !body.patient) throw new Error(`no EMR token: ${JSON.stringify(body)}`);
  return { token: body.access_token, patient: body.patient };
}
