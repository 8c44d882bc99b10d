// Every message Ocean sends over a referral's life validates against the FHIR R4 JSON schema.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import type { Receiver } from '../support/receiver.js';
import { createOceanWorld, fhirSchemaErrors, inbound, post, receivedEvents, registerIntegration, sendReferral, siteToken, startWebhook, task, type OceanWorld } from './support/ocean-sandbox.js';

describe('outbound message validity over a referral lifecycle', () => {
  let world: OceanWorld;
  let senderHook: Receiver;
  beforeEach(async () => {
    world = await createOceanWorld();
    senderHook = await startWebhook();
    await registerIntegration(world.sandbox, { siteNum: world.senderSite, url: senderHook.url, payloadVersion: 'v0.10' });
  });
  afterEach(async () => {
    await world.close();
    await senderHook.close();
  });

  it('sends only schema-valid bundles for create, accept, book, message, correct and cancel', async () => {
    const { ref } = await sendReferral(world, { attachments: [{ title: 'note.txt', contentType: 'text/plain', data: Buffer.from('hello').toString('base64') }] });
    const token = await siteToken(world, world.receiverSite);
    const appt: fhir.Appointment = { resourceType: 'Appointment', id: 'a1', status: 'booked', start: '2026-03-12T17:00:00Z', end: '2026-03-12T17:30:00Z', participant: [{ actor: { reference: 'Patient/x' }, status: 'accepted' }, { actor: { reference: 'Practitioner/y' }, status: 'accepted' }] };
    const comm: fhir.Communication = { resourceType: 'Communication', id: 'c1', status: 'completed', payload: [{ contentString: 'Please fast before the scan' }] };
    const steps = [
      inbound('notify-update-process-request', ref, [task(ref, 'accepted')]),
      inbound('notify-add-appointment', ref, [appt]),
      inbound('send-communication-from-provider', ref, [comm]),
      inbound('notify-data-correction', ref, [{ resourceType: 'Patient', id: 'p', gender: 'other' }]),
    ];
    for (const step of steps) expect((await post(world, token, step)).status).toBe(200);
    expect((await request(world.sandbox.app).post(`/admin/ocean/referrals/${ref}/cancel`).send({})).status).toBe(200);
    await world.sandbox.deps.delivery.idle();
    const all = [...receivedEvents(world.receiver), ...receivedEvents(senderHook)];
    expect(new Set(all.map((e) => e.event))).toEqual(new Set(['add-service-request', 'notify-add-service-request', 'notify-update-service-request', 'revoke-service-request']));
    // Each side: the referral (or its copy), then an update per accept, book and correction; the sender gets the message
    // too, the receiver that wrote it no echo; the cancel goes to the receiver alone.
    expect(all).toHaveLength(10);
    for (const { event, bundle } of all) expect(fhirSchemaErrors(bundle), event).toEqual([]);
    const last = receivedEvents(world.receiver).at(-2)!.bundle.entry!.map((e) => e.resource!.resourceType);
    expect(last).toEqual(expect.arrayContaining(['Task', 'Appointment', 'Communication']));
  });
});
