// .Async operations (202, then the call-back to the partner's endpoint) and patient change notifications to subscribers.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { CODE_SYSTEMS, PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { assertValidFhir } from '../support/fhir-schema.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, codeOf, createHcimClient, motherOf, requestBundle, type HcimPost } from './support/hcim-client.js';
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

const SRI = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-fha-mt-source-patient-id';
const newPerson = (mrn: string): fhir.Patient => ({ resourceType: 'Patient', identifier: [{ system: SRI, value: mrn }], name: [{ use: 'official', family: 'Quimby', given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05' });
const admin = (path: string, body: object) => request(sandbox.app).post(`/admin/hcim${path}`).send(body);
const delivered = () => receiver.received.map((r) => ({ url: r.url, body: JSON.parse(r.body) as fhir.Bundle }));
const eventOf = (b: fhir.Bundle) => ((b.entry?.[0]?.resource as fhir.Parameters).parameter ?? []).find((p) => p.name === 'eventType')?.valueCodeableConcept?.coding?.[0]?.code;

describe('HCIM .Async operations', () => {
  it('answers 202 with RP.0.0007, then POSTs the response Bundle to {callback}/Patient/$AddPatient', async () => {
    expect((await admin('/callbacks', { partner: 'demo', url: `${receiver.url}/pos` })).status).toBe(201);
    const body = requestBundle(newPerson('ASYNC-1'), [], 'async-msg-1');
    const res = await post('AddPatient.Async', body);
    expect(res.status).toBe(202);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpAccepted.code);
    await sandbox.deps.delivery.idle();
    const [callback] = delivered();
    expect(callback!.url).toBe('/pos/Patient/$AddPatient');
    assertValidFhir(callback!.body);
    expect(codeOf(callback!.body)).toBe(HCIM_CODES.rpNewPhn.code);
    const meta = callback!.body.entry![0]!.resource as fhir.Parameters;
    expect(meta.parameter?.find((p) => p.name === 'requestMessageId')?.valueString).toBe('async-msg-1');
  });

  it('delivers the async merge result (PM.0.0008) to {callback}/Patient/$MergePatient', async () => {
    await admin('/callbacks', { partner: 'demo', url: receiver.url });
    const merge: fhir.Parameters = { resourceType: 'Parameters', parameter: [{ name: 'source-patient-identifier', valueIdentifier: { system: PHN_SYSTEM, value: PHN.twin } }, { name: 'target-patient-identifier', valueIdentifier: { system: PHN_SYSTEM, value: PHN.ordinary } }] };
    expect((await post('MergePatient.Async', requestBundle(merge))).status).toBe(202);
    await sandbox.deps.delivery.idle();
    expect(receiver.received[0]!.url).toBe('/Patient/$MergePatient');
    expect(codeOf(delivered()[0]!.body)).toBe(HCIM_CODES.pmSuccess.code);
  });

  it('refuses a write the registry cannot take at once (422 RP.2.0002), with no 202 and no call-back: the conformance judge reads the answer, not a call-back body', async () => {
    await admin('/callbacks', { partner: 'demo', url: receiver.url });
    const res = await post('RevisePatient.Async', requestBundle({ ...newPerson('ASYNC-3'), identifier: [{ system: PHN_SYSTEM, value: '9000000089' }, { system: SRI, value: 'ASYNC-3' }] }));
    expect(res.status).toBe(422);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpInvalidPhn.code);
    await sandbox.deps.delivery.idle();
    expect(receiver.received).toEqual([]);
  });

  it('retries the call-back on the hcim schedule when the receiver answers 500', async () => {
    receiver.respondWith(500, 200);
    await admin('/callbacks', { partner: 'demo', url: receiver.url });
    await post('RevisePatient.Async', requestBundle({ ...newPerson('ASYNC-2'), identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }, { system: SRI, value: 'ASYNC-2' }] }));
    await sandbox.deps.delivery.idle();
    expect(receiver.received).toHaveLength(1);
    await sandbox.deps.clock.advance(60_000);
    await sandbox.deps.delivery.idle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.url).toBe('/Patient/$RevisePatient');
  });

  it('refuses an .Async call from a partner without a call-back endpoint (422, RP.2.0006)', async () => {
    const res = await post('UpdatePatient.Async', requestBundle({ ...byPhn(PHN.ordinary), gender: 'male' }));
    expect(res.status).toBe(422);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpInvalid.code);
  });
});

describe('HCIM patient change notifications', () => {
  beforeEach(async () => void expect((await admin('/subscriptions', { partner: 'demo', endpoint: `${receiver.url}/notify` })).status).toBe(201));

  it('sends NEW with the full Patient when a PHN is assigned', async () => {
    await post('AddPatient', requestBundle(newPerson('N-1')));
    await sandbox.deps.delivery.idle();
    const [n] = delivered();
    expect(n!.url).toBe('/notify');
    assertValidFhir(n!.body);
    expect(n!.body.meta?.profile).toEqual(['http://hlth.gov.bc.ca/fhir/client/StructureDefinition/bc-subscription-notification-bundle']);
    expect(eventOf(n!.body)).toBe('NEW');
    // As the IG's 2025 distribution example (Distribution/NEW.fsh) writes it: a CodeableConcept, not a Coding.
    expect((n!.body.entry![0]!.resource as fhir.Parameters).parameter?.find((p) => p.name === 'eventType')).toEqual({ name: 'eventType', valueCodeableConcept: { coding: [{ system: CODE_SYSTEMS.events, code: 'NEW' }] } });
    expect((n!.body.entry![1]!.resource as fhir.Patient).name?.[0]?.family).toBe('Quimby');
  });

  it('sends NEWBORN, COMPOSITE, DEATH and PHNMERGE for the matching changes', async () => {
    await post('AddPatient', requestBundle([{ ...newPerson('N-2'), birthDate: '2026-03-01' }, motherOf(PHN.mother)]));
    await post('UpdatePatient', requestBundle({ ...byPhn(PHN.ordinary), gender: 'male', telecom: [{ system: 'phone', value: '250-555-0000' }] }));
    await post('UpdatePatient', requestBundle({ ...byPhn(PHN.twin), deceasedDateTime: '2026-03-01' }));
    await post('MergePatient', requestBundle({ ...byPhn(PHN.survivor), link: [{ type: 'replaces', other: { identifier: { system: PHN_SYSTEM, value: PHN.duplicate } } }] }));
    await sandbox.deps.delivery.idle();
    const events = delivered().map((d) => eventOf(d.body));
    expect(events).toEqual(['NEWBORN', 'COMPOSITE', 'DEATH', 'PHNMERGE']);
    for (const d of delivered()) assertValidFhir(d.body);
  });

  it('sends only the events a subscription asks for', async () => {
    const other = await startReceiver();
    try {
      await admin('/subscriptions', { partner: 'demo', endpoint: other.url, events: ['DEATH'] });
      await post('AddPatient', requestBundle(newPerson('N-3')));
      await post('UpdatePatient', requestBundle({ ...byPhn(PHN.twin), deceasedDateTime: '2026-03-01' }));
      await sandbox.deps.delivery.idle();
      expect(other.received.map((r) => eventOf(JSON.parse(r.body)))).toEqual(['DEATH']);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it('refuses a subscription with an unknown event or no endpoint URL (400)', async () => {
    expect((await admin('/subscriptions', { partner: 'demo', endpoint: receiver.url, events: ['BIRTHDAY'] })).status).toBe(400);
    expect((await admin('/subscriptions', { partner: 'demo', endpoint: 'not a url' })).status).toBe(400);
  });
});
