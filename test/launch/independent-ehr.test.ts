// Ocean launched by an EHR unlike the reference EMR: public PKCE client under an issuer prefix, no banner, EHR style, an encounter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startSandbox, type RunningSandbox } from '../../src/main.js';
import type { LaunchSession } from '../../src/ocean/launch/launch-store.js';
import { emrPatientId } from '../../src/pos/emr/patient-view.js';
import { DEFAULT_SYSTEMS } from '../../src/systems.js';
import { TEST_SIZES } from '../support/sandbox.js';
import { follow } from './support/browserless.js';
import { startIndependentEhr, type IndependentEhr } from './support/independent-ehr.js';

const CLIENT_ID = 'ocean-public';
let running: RunningSandbox;
let ehr: IndependentEhr;

beforeAll(async () => {
  // --no-auth: the EHR proxies FHIR reads to the sandbox's EMR without a token.
  running = await startSandbox(loadConfig({}, { port: 0, dataFile: undefined, clock: { kind: 'manual' }, storeFlushMs: 5, sizes: TEST_SIZES, auth: false }), createLogger('silent'), DEFAULT_SYSTEMS);
  ehr = await startIndependentEhr({ clientId: CLIENT_ID, upstreamFhir: `${running.url}/pos/emr/fhir` });
  const reg = await fetch(`${running.url}/admin/ocean/smart-issuers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iss: `${ehr.url}/v/r4/sim`, prefix: true, clientId: CLIENT_ID, label: 'launcher' }) });
  expect(reg.status).toBe(201);
});
afterAll(async () => {
  await ehr?.close();
  await running?.stop();
});

describe('an independent EHR launching Ocean', () => {
  it('serves the EMR\'s FHIR reads without a token under --no-auth, Encounters included', async () => {
    const pop = running.sandbox.deps.population;
    const id = emrPatientId(pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!.index);
    const res = await fetch(`${running.url}/pos/emr/fhir/Encounter?patient=${id}`);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as fhir.Bundle;
    expect(bundle.entry!.length).toBeGreaterThan(0);
    const encounter = bundle.entry![0]!.resource as fhir.Encounter;
    expect(encounter).toMatchObject({ resourceType: 'Encounter', status: 'finished', subject: { reference: `Patient/${id}` }, class: { code: 'AMB' } });
    expect((await fetch(`${running.url}/pos/emr/fhir/Encounter/${encounter.id}`)).status).toBe(200);
  });

  it('launches with PKCE and no client secret, under a per-launch iss the prefix allows, and honours the banner flag, the style and the encounter', async () => {
    const pop = running.sandbox.deps.population;
    const patient = emrPatientId(pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!.index);
    // The launcher auto-selects the patient's latest encounter, as launchers do.
    const encounters = (await (await fetch(`${ehr.issFor('abc123')}/Encounter?patient=${patient}`)).json()) as fhir.Bundle;
    const encounter = encounters.entry![0]!.resource!.id!;
    Object.assign(ehr.context, { patient, encounter, fhirUser: `Practitioner/${pop.fixtures.familyPhysicianIpc}` });
    Object.assign(ehr.style, { color_background: '#edeae3', color_highlight: '#69b40f', font_family_body: 'Georgia, serif', dim_border_radius: '6px', color_text: 'url(x)' });

    const iss = ehr.issFor('abc123');
    const hops = await follow(`${running.url}/ocean/sso/smart/auth?iss=${encodeURIComponent(iss)}&launch=sim-launch&action=referDirect&siteNum=${pop.oceanSites()[0]!.siteNum}`);
    const page = hops.at(-1)!;
    expect(page.status, page.body.slice(0, 400)).toBe(200);
    expect(ehr.seen.authorize!.get('aud')).toBe(iss);
    expect(ehr.seen.authorize!.get('code_challenge_method')).toBe('S256');
    expect(ehr.seen.token!.authorization).toBeUndefined();
    expect(ehr.seen.token!.body.get('client_secret')).toBeNull();
    expect(ehr.seen.token!.body.get('client_id')).toBe(CLIENT_ID);

    expect(page.body).not.toContain('id="patient-banner"');
    expect(page.body).toContain('Reason for referral');
    const sessionPath = new URL(page.url).pathname;
    expect(page.body).toContain(`href="${running.url}${sessionPath}/style.css"`);
    const css = await (await fetch(`${running.url}${sessionPath}/style.css`)).text();
    expect(css).toContain('background:#edeae3');
    expect(css).toContain('#69b40f');
    expect(css).not.toContain('url(');
    expect(page.body).toContain('ignored values Ocean cannot use for color_text');
    const session = running.sandbox.deps.store.get<LaunchSession>('ocean.smart-sessions', sessionPath.split('/').at(-1)!)!;
    expect(session).toMatchObject({ iss, patientId: patient, encounterId: encounter, needPatientBanner: false });
    expect(session.user.name).toBeTruthy();
  });

  it('refuses an iss outside the registered prefix', async () => {
    const res = await fetch(`${running.url}/ocean/sso/smart/auth?iss=${encodeURIComponent(`${ehr.url}/v/r4/simulated/fhir`)}&launch=x`, { redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('not on this Ocean');
  });
});
