// The reference EMR's SMART server against an independent client: fhirclient completes an EHR launch, reads, refreshes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import type { RunningSandbox } from '../../src/main.js';
import { createPosSystem } from '../../src/pos/index.js';
import { emrChart, emrPatientId } from '../../src/pos/emr/patient-view.js';
import { emrUrls } from '../../src/pos/emr/smart-configuration.js';
import { follow, type CookieJar } from './support/browserless.js';
import { startFhirclientApp, type FhirclientApp } from './support/fhirclient-app.js';
import { startTestSandboxOnSocket } from '../support/sandbox.js';

const CLIENT = { clientId: 'fhirclient-test', clientSecret: 'fc-secret', scope: 'launch openid fhirUser patient/*.read online_access' };

const PUBLIC = { clientId: 'fhirclient-public', scope: 'launch openid fhirUser patient/*.read online_access' };

let running: RunningSandbox;
let app: FhirclientApp;
let publicApp: FhirclientApp;

beforeAll(async () => {
  running = await startTestSandboxOnSocket([createPosSystem]);
  app = await startFhirclientApp(CLIENT);
  const reg = await fetch(`${running.url}/admin/pos/emr/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUris: [`${app.url}/app`], launchUrl: `${app.url}/launch`, name: 'fhirclient app' }),
  });
  expect(reg.status).toBe(201);
  publicApp = await startFhirclientApp(PUBLIC);
  const pub = await fetch(`${running.url}/admin/pos/emr/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: PUBLIC.clientId, redirectUris: [`${publicApp.url}/app`], launchUrl: `${publicApp.url}/launch`, name: 'public fhirclient app' }),
  });
  expect(pub.status).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await publicApp?.close();
  await running?.stop();
});

describe('fhirclient (an independent SMART client) against the reference EMR', () => {
  it('completes an EHR launch from the chart, reads the launch patient and an un-paged $everything, and refreshes with online_access', async () => {
    const { deps } = running.sandbox;
    const pop = deps.population;
    const index = pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!.index;
    const id = emrPatientId(index);
    const fhirBase = emrUrls(running.url).fhirBase;

    const chart = await fetch(`${running.url}/pos/emr/patients/${id}`);
    const markup = await chart.text();
    expect(markup).toContain(`value="${CLIENT.clientId}">Launch fhirclient app</button>`);
    // The launch form is redirected to the app: the CSP must let the browser follow it there.
    expect(chart.headers.get('content-security-policy')).toContain(`form-action 'self' ${new URL(running.url).origin} ${app.url}`);

    const jar: CookieJar = new Map();
    const hops = await follow(`${running.url}/pos/emr/patients/${id}/launch`, { app: CLIENT.clientId }, jar);
    expect(app.error).toBeUndefined();
    expect(hops.map((h) => new URL(h.url).pathname)).toEqual([`/pos/emr/patients/${id}/launch`, '/launch', '/pos/emr/auth/authorize', '/app']);
    expect(new URL(hops[1]!.url).searchParams.get('iss')).toBe(fhirBase);
    const authorize = new URL(hops[2]!.url).searchParams;
    expect(authorize.get('aud')).toBe(fhirBase);
    expect(authorize.get('code_challenge_method')).toBe('S256');
    expect(hops.at(-1)!.status).toBe(200);

    const r = app.result!;
    expect(r.client.patient.id).toBe(id);
    expect(r.client.state.serverUrl).toBe(fhirBase);
    expect(r.client.getFhirUser()).toBe(`Practitioner/${pop.fixtures.familyPhysicianIpc}`);
    expect(r.client.getIdToken()?.fhirUser).toBe(`${fhirBase}/Practitioner/${pop.fixtures.familyPhysicianIpc}`);
    expect(r.client.getUserType()).toBe('Practitioner');
    expect(r.client.getState('tokenResponse.scope')).toContain('launch');
    expect((r.patient as unknown as fhir.Patient).identifier?.some((i) => i.value === pop.fixtures.ordinaryPatientPhn)).toBe(true);

    const bundle = r.everything as unknown as fhir.Bundle;
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('searchset');
    expect(bundle.link?.some((l) => l.relation === 'next')).toBeFalsy();
    expect(bundle.entry?.[0]?.resource).toMatchObject({ resourceType: 'Patient', id });
    expect(bundle.entry).toHaveLength(1 + emrChart(pop, index).length);
    const types = new Set(bundle.entry!.map((e) => e.resource!.resourceType));
    for (const t of ['Condition', 'MedicationStatement', 'AllergyIntolerance', 'Observation']) expect(types).toContain(t);

    expect(r.refreshedAccessToken).toEqual(expect.any(String));
    expect(r.refreshedAccessToken).not.toBe(r.accessToken);
    expect(r.patientAfterRefresh).toMatchObject({ resourceType: 'Patient', id });
  });

  it('lets a public client (PKCE, no secret) refresh without client_id, as SMART App Launch 2.x allows and fhirclient sends it', async () => {
    const pop = running.sandbox.deps.population;
    const id = emrPatientId(pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!.index);
    const jar: CookieJar = new Map();
    const hops = await follow(`${running.url}/pos/emr/patients/${id}/launch`, { app: PUBLIC.clientId }, jar);
    expect(new URL(hops[2]!.url).searchParams.get('code_challenge_method')).toBe('S256');
    expect(publicApp.error).toBeUndefined();
    const r = publicApp.result!;
    expect(r.client.state.clientSecret).toBeUndefined();
    expect(r.refreshedAccessToken).toEqual(expect.any(String));
    expect(r.refreshedAccessToken).not.toBe(r.accessToken);
    expect(r.patientAfterRefresh).toMatchObject({ resourceType: 'Patient', id });
  });

  it('gets no code when the launch was issued for another app', async () => {
    const pop = running.sandbox.deps.population;
    const id = emrPatientId(pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!.index);
    const launch = await fetch(`${running.url}/pos/emr/patients/${id}/launch`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=viewMap' });
    const oceanLaunch = new URL(launch.headers.get('location')!).searchParams.get('launch')!;
    const jar: CookieJar = new Map();
    const hops = await follow(`${app.url}/launch?iss=${encodeURIComponent(emrUrls(running.url).fhirBase)}&launch=${encodeURIComponent(oceanLaunch)}`, undefined, jar);
    const back = new URL(hops.find((h) => new URL(h.url).pathname === '/pos/emr/auth/authorize')!.location!);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toContain('was issued for client "ocean-smart"');
  });
});
