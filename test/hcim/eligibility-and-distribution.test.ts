// $GetDemographics.withEligibility (a Coverage next to the Patient) and the HL7v3 HCIM_IN_PersonRevisedDistribution notification.
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { OID } from '../../src/hcim/identifiers.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, codeOf, createHcimClient, requestBundle, type HcimPost } from './support/hcim-client.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';

let sandbox: Sandbox;
let receiver: Receiver;
let post: HcimPost;
beforeEach(async () => {
  sandbox = await createHcimSandbox();
  receiver = await startReceiver();
  post = createHcimClient(sandbox);
});
afterEach(async () => {
  await sandbox.close();
  await receiver.close();
});

const coverageOf = (b: fhir.Bundle) => b.entry?.find((e) => e.resource?.resourceType === 'Coverage')?.resource as fhir.Coverage | undefined;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });

describe('HCIM $GetDemographics.withEligibility', () => {
  it('answers the searchset with the Patient and an active MSP Coverage (MANDPOL, payor Health Insurance BC) for a living client', async () => {
    const res = await post('GetDemographics.withEligibility', requestBundle(byPhn(PHN.ordinary)));
    expect(res.status).toBe(200);
    expect(res.body.meta?.profile).toEqual(['http://hlth.gov.bc.ca/fhir/client/StructureDefinition/bc-search-withEligibility-response-bundle']);
    expect(codeOf(res.body)).toBe(HCIM_CODES.gdSuccess.code);
    expect(res.body.entry!.map((e) => e.resource!.resourceType)).toEqual(['Parameters', 'OperationOutcome', 'Patient', 'Coverage']);
    const coverage = coverageOf(res.body)!;
    expect(coverage).toMatchObject({ status: 'active', beneficiary: { reference: `Patient/${PHN.ordinary}` }, payor: [{ display: 'Health Insurance BC' }] });
    expect(coverage.type?.coding?.[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'MANDPOL' });
    expect(coverage.subscriberId).toBe(PHN.ordinary);
    expect(coverage.period?.end).toBeUndefined();
  });

  it('ends the Coverage at the date of death for a deceased client, and follows a merge to the survivor', async () => {
    const dead = coverageOf((await post('GetDemographics.withEligibility', requestBundle(byPhn(PHN.deceased)))).body)!;
    expect(dead.status).toBe('cancelled');
    expect(dead.period?.end).toBe('2025-11-02');
    const merged = await post('GetDemographics.withEligibility', requestBundle(byPhn(PHN.merged)));
    expect(codeOf(merged.body)).toBe(HCIM_CODES.gdMerged.code);
    expect(coverageOf(merged.body)!.beneficiary.reference).toBe(`Patient/${PHN.survivor}`);
  });

  it('answers an unknown PHN with GD.2.0018, no Patient and no Coverage, and plain $GetDemographics keeps no Coverage', async () => {
    const unknown = await post('GetDemographics.withEligibility', requestBundle(byPhn('9000000089')));
    expect(codeOf(unknown.body)).toBe(HCIM_CODES.gdNotFound.code);
    expect(coverageOf(unknown.body)).toBeUndefined();
    expect(coverageOf((await post('GetDemographics', requestBundle(byPhn(PHN.ordinary)))).body)).toBeUndefined();
  });
});

describe('HCIM_IN_PersonRevisedDistribution', () => {
  it('sends an HL7v3 subscriber a SOAP HCIM_IN_PersonRevisedDistribution with the revised person', async () => {
    const sub = await request(sandbox.app).post('/admin/hcim/subscriptions').send({ partner: 'demo', endpoint: receiver.url, format: 'hl7v3' });
    expect(sub.status).toBe(201);
    await post('UpdatePatient', requestBundle({ ...byPhn(PHN.twin), deceasedDateTime: '2026-03-01' }));
    await sandbox.deps.delivery.idle();
    expect(receiver.received).toHaveLength(1);
    const delivered = receiver.received[0]!;
    expect(delivered.headers['content-type']).toMatch(/^text\/xml/);
    expect(delivered.headers.soapaction).toBe('HCIM_IN_PersonRevisedDistribution');
    const msg = parser.parse(delivered.body).Envelope.Body.HCIM_IN_PersonRevisedDistribution;
    expect(msg.interactionId['@_extension']).toBe('HCIM_IN_PersonRevisedDistribution');
    expect(msg.versionCode['@_code']).toBe('V3PR1');
    expect(msg.receiver.device.asAgent.representedOrganization.id['@_extension']).toBe('demo');
    const control = msg.controlActProcess;
    const subject1 = control.subject.registrationEvent.subject1;
    expect(subject1.target).toBeUndefined();
    expect(subject1.identifiedPerson['@_classCode']).toBe('IDENT');
    const person = subject1.identifiedPerson.identifiedPerson;
    expect(person['@_classCode']).toBe('PSN');
    expect(person.id).toMatchObject({ '@_root': OID.phn, '@_extension': PHN.twin });
    expect(person.deceasedTime['@_value']).toBe('20260301');
  });

  it("writes the controlActProcess and registrationEvent the death-date ESB's PRPA_IN101002CA.MFMI_MT700788BC classes have: effectiveTime, dataEnterer, subject; statusCode active, subject1", async () => {
    await request(sandbox.app).post('/admin/hcim/subscriptions').send({ partner: 'demo', endpoint: receiver.url, format: 'hl7v3' });
    await post('UpdatePatient', requestBundle({ ...byPhn(PHN.twin), deceasedDateTime: '2026-03-01' }));
    await sandbox.deps.delivery.idle();
    const body = receiver.received[0]!.body;
    const control = parser.parse(body).Envelope.Body.HCIM_IN_PersonRevisedDistribution.controlActProcess;
    expect(Object.keys(control).filter((k) => !k.startsWith('@_'))).toEqual(['effectiveTime', 'dataEnterer', 'subject']);
    expect(control.effectiveTime['@_value']).toMatch(/^\d{14}$/);
    expect(control.dataEnterer.assignedPerson.id).toBeDefined();
    const event = control.subject.registrationEvent;
    expect(Object.keys(event).filter((k) => !k.startsWith('@_'))).toEqual(['statusCode', 'subject1']);
    expect(event.statusCode['@_code']).toBe('active');
  });

  it('keeps FHIR subscribers on the FHIR notification Bundle, and refuses an unknown format', async () => {
    await request(sandbox.app).post('/admin/hcim/subscriptions').send({ partner: 'demo', endpoint: receiver.url });
    await post('UpdatePatient', requestBundle({ ...byPhn(PHN.twin), deceasedDateTime: '2026-03-01' }));
    await sandbox.deps.delivery.idle();
    expect(JSON.parse(receiver.received[0]!.body).resourceType).toBe('Bundle');
    const bad = await request(sandbox.app).post('/admin/hcim/subscriptions').send({ partner: 'demo', endpoint: receiver.url, format: 'hl7v2' });
    expect(bad.status).toBe(400);
  });
});
