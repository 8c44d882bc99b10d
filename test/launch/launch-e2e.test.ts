// End to end: "Launch Ocean" on the reference EMR, every redirect followed, to the add-service-request a receiver gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { searchsetBundle } from '../../src/fhir/index.js';
import type { RunningSandbox } from '../../src/main.js';
import { mapKeywords } from '../../src/ocean/launch/keywords.js';
import { prefill } from '../../src/ocean/launch/referral-form.js';
import { emrChart, emrPatient, emrPatientId } from '../../src/pos/emr/patient-view.js';
import { startOceanWebhook, type Receiver } from '../support/receiver.js';
import { follow, textareas } from './support/browserless.js';
import { startTestSandboxOnSocket } from '../support/sandbox.js';

let running: RunningSandbox;
let receiver: Receiver;

beforeAll(async () => {
  running = await startTestSandboxOnSocket();
  receiver = await startOceanWebhook();
});
afterAll(async () => {
  await running?.stop();
  await receiver?.close();
});

describe('Launch Ocean from the reference EMR', () => {
  it('follows every redirect to a sent referral whose add-service-request carries the patient, requester, listing and pre-filled form', async () => {
    const { deps } = running.sandbox;
    const pop = deps.population;
    const listing = pop.oceanListings().find((l) => l.ref === pop.fixtures.imagingListingRef)!;
    const reg = await fetch(`${running.url}/admin/ocean/integrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ siteNum: listing.siteNum, url: receiver.url, listings: [listing.ref] }) });
    expect(reg.status).toBe(201);
    const index = pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!.index;
    const id = emrPatientId(index);

    const chart = await follow(`${running.url}/pos/emr/patients/${id}`);
    expect(chart.at(-1)!.body).toContain('>Launch Ocean</button>');
    const site = pop.oceanSites()[0]!.siteNum;
    const hops = await follow(`${running.url}/pos/emr/patients/${id}/launch`, { action: 'referDirect', siteNum: site });
    expect(hops.map((h) => new URL(h.url).pathname)).toEqual(['/pos/emr/patients/' + id + '/launch', '/ocean/sso/smart/auth', '/pos/emr/auth/authorize', '/ocean/sso/smart/callback', expect.stringMatching(/^\/ocean\/sso\/smart\/session\//)]);
    const page = hops.at(-1)!;
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="patient-banner"');
    expect(page.body).toContain('The launching EHR did everything Ocean checks.');

    const expected = prefill(mapKeywords(emrPatient(pop, index, deps.config.baseUrl), searchsetBundle([emrPatient(pop, index, deps.config.baseUrl), ...emrChart(pop, index)] as fhir.FhirResource[])));
    const fields = textareas(page.body);
    for (const [linkId, answer] of Object.entries(expected)) expect(fields[`item.${linkId}`]).toBe(answer);

    // Ocean's form will not send without a reason: the form comes back with the message, and nothing is sent.
    expect(page.body).toMatch(/name="item\.reason"[^>]* required/);
    const empty = await follow(`${page.url.split('?')[0]}/send`, { ...fields, 'item.reason': '  ', listing: listing.ref });
    expect(empty[0]!.status).toBe(400);
    expect(empty[0]!.body).toContain('Reason for referral is required');
    await deps.delivery.idle();
    expect(receiver.received.filter((r) => r.body.includes('add-service-request'))).toHaveLength(0);

    const sent = await follow(`${page.url.split('?')[0]}/send`, { ...fields, 'item.reason': 'Knee pain for 3 months', listing: listing.ref });
    expect(sent[0]!.status).toBe(303);
    expect(sent.at(-1)!.body).toContain('sent.');
    await deps.delivery.idle();

    const delivered = receiver.received.map((r) => JSON.parse(r.body) as fhir.Bundle).filter((b) => b.resourceType === 'Bundle');
    const add = delivered.find((b) => (b.entry?.[0]?.resource as fhir.MessageHeader).eventCoding?.code === 'add-service-request')!;
    expect(add).toBeDefined();
    const resources = add.entry!.map((e) => e.resource!);
    const patient = resources.find((r) => r.resourceType === 'Patient') as fhir.Patient;
    expect(JSON.stringify(patient.identifier)).toContain(pop.fixtures.ordinaryPatientPhn);
    const roles = resources.filter((r) => r.resourceType === 'PractitionerRole') as fhir.PractitionerRole[];
    expect(JSON.stringify(roles)).toContain(listing.ref);
    const physician = pop.providers().find((p) => p.ipc === pop.fixtures.familyPhysicianIpc)!.practitioner;
    const practitioner = resources.find((r) => r.resourceType === 'Practitioner') as fhir.Practitioner;
    expect(practitioner.name?.[0]?.family).toBe(physician.name?.[0]?.family);
    const qr = resources.find((r) => r.resourceType === 'QuestionnaireResponse') as fhir.QuestionnaireResponse;
    const answers = Object.fromEntries((qr.item ?? []).map((i) => [i.linkId, i.answer?.[0]?.valueString ?? '']));
    expect(answers.reason).toBe('Knee pain for 3 months');
    for (const linkId of ['prob', 'pmhx', 'rx', 'allg', 'immu', 'labs']) expect(answers[linkId] ?? '').toBe(expected[linkId]);
  });
});
