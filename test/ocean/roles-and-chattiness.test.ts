// Who may change a referral (only the current receiver), sender-only cancellation, and Ocean's chattiness.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import type { Receiver } from '../support/receiver.js';
import { communication, createOceanWorld, fhirSchemaErrors, inbound, type OceanWorld, post, receivedEvents, registerIntegration, sendReferral, siteToken, startWebhook, task } from './support/ocean-sandbox.js';

describe('role enforcement and chattiness', () => {
  let world: OceanWorld;
  let senderHook: Receiver;
  let ref: string;
  beforeEach(async () => {
    world = await createOceanWorld();
    senderHook = await startWebhook();
    await registerIntegration(world.sandbox, { siteNum: world.senderSite, url: `${senderHook.url}/sender`, name: 'Sender POS' });
    ref = (await sendReferral(world)).ref;
  });
  afterEach(async () => {
    await world.close();
    await senderHook.close();
  });

  it('sends add-service-request to the receiver and notify-add-service-request to the sender', () => {
    expect(receivedEvents(world.receiver).map((e) => e.event)).toEqual(['add-service-request']);
    expect(receivedEvents(senderHook).map((e) => e.event)).toEqual(['notify-add-service-request']);
  });

  it('refuses a status change from the sending site with a 403 and does not modify the referral', async () => {
    const res = await post(world, await siteToken(world, world.senderSite), inbound('notify-update-process-request', ref, [task(ref, 'completed')]));
    expect(res.status).toBe(403);
    expect(res.body.issue[0].code).toBe('forbidden');
    expect(res.body.issue[0].diagnostics).toContain('current receiver');
    expect(world.ctx.repo.referral(ref)!.state).toBe('new');
    expect(receivedEvents(world.receiver)).toHaveLength(1);
  });

  it('refuses a change from a site with no role on the referral', async () => {
    const outsider = world.ctx.repo.sites().find((s) => s.siteNum !== world.senderSite && s.siteNum !== world.receiverSite)!;
    const res = await post(world, await siteToken(world, outsider.siteNum), inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(res.status).toBe(403);
    expect(res.body.issue[0].diagnostics).toContain('no role');
  });

  it('refuses a request without a token with a 401 and a PLR token with a 401', async () => {
    const none = await request(world.sandbox.app).post('/ocean/svc/fhir/v1/$process-messages').send(inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(none.status).toBe(401);
    const plr = await world.sandbox.deps.issuer.issue({ sub: 'x', azp: 'demo-pos', aud: ['plr', 'hcim'] }, 60);
    const res = await post(world, plr, inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(res.status).toBe(401);
    expect(res.body.issue[0].diagnostics).toContain('audience');
  });

  it('echoes the receiver\'s own change to the receiver and sends it to the sender as notify-update-service-request', async () => {
    await post(world, await siteToken(world, world.receiverSite), inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(receivedEvents(world.receiver).map((e) => e.event)).toEqual(['add-service-request', 'notify-update-service-request']);
    expect(receivedEvents(senderHook).map((e) => e.event)).toEqual(['notify-add-service-request', 'notify-update-service-request']);
  });

  it('lets only the sender cancel: revoke-service-request goes to the receiver, the referral is Cancelled and then frozen', async () => {
    const res = await request(world.sandbox.app).post(`/admin/ocean/referrals/${ref}/cancel`).send({ reason: 'Patient moved' });
    expect(res.status).toBe(200);
    expect(res.body.folders).toMatchObject({ sent: 'Cancelled', received: 'Cancelled' });
    await world.sandbox.deps.delivery.idle();
    const revoke = receivedEvents(world.receiver).find((e) => e.event === 'revoke-service-request')!;
    const sr = revoke.bundle.entry!.map((e) => e.resource!).find((r) => r.resourceType === 'ServiceRequest') as fhir.ServiceRequest;
    expect(sr.status).toBe('revoked');
    // PB: cancelling is one of the actions that send no notify-update-service-request; the sender made the cancel itself.
    expect(receivedEvents(senderHook).map((e) => e.event)).toEqual(['notify-add-service-request']);
    expect(receivedEvents(world.receiver).map((e) => e.event)).toEqual(['add-service-request', 'revoke-service-request']);
    const after = await post(world, await siteToken(world, world.receiverSite), inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(after.status).toBe(422);
    expect(after.body.issue[0].diagnostics).toContain('cancelled');
  });

  it('sends the referrer\'s portal message as send-communication-from-requester focused on the Communication, with no update', async () => {
    const res = await request(world.sandbox.app).post(`/admin/ocean/referrals/${ref}/messages`).send({ text: 'Patient prefers mornings' });
    expect(res.status).toBe(201);
    await world.sandbox.deps.delivery.idle();
    const msg = receivedEvents(world.receiver).at(-1)!;
    expect(msg.event).toBe('send-communication-from-requester');
    const mh = msg.bundle.entry![0]!.resource as fhir.MessageHeader;
    const focus = msg.bundle.entry!.find((e) => e.fullUrl === mh.focus![0]!.reference)!.resource as fhir.Communication;
    expect(focus.payload![0]!.contentString).toBe('Patient prefers mornings');
    expect(fhirSchemaErrors(msg.bundle)).toEqual([]);
    expect(receivedEvents(senderHook).map((e) => e.event)).toEqual(['notify-add-service-request']);
    expect(world.ctx.repo.referral(ref)!.state).toBe('new');
  });

  it('keeps a per-referral Event Log of creation, deliveries and changes', async () => {
    await post(world, await siteToken(world, world.receiverSite), inbound('notify-update-process-request', ref, [task(ref, 'rejected', { statusReason: { text: 'Wrong service' } })]));
    const res = await request(world.sandbox.app).get(`/admin/ocean/referrals/${ref}/events`);
    expect(res.status).toBe(200);
    const kinds = (res.body as Array<{ kind: string; text: string }>).map((e) => e.kind);
    expect(kinds).toEqual(['created', 'notified', 'notify-update-process-request', 'notified']);
    expect(res.body[2].text).toContain('Wrong service');
    expect(res.body[2].actor).toBe(world.receiverSite);
  });

  // send-communication-from-requester posted to Ocean: PHSA's DRO guide lists it among the codes Ocean sends to the
  // receiving POS, and says "Ocean does not currently support receiving event messages from the Sending POS".
  it.each([
    ['the referral\'s sending site', () => world.senderSite],
    ['the current receiver', () => world.receiverSite],
  ])('refuses send-communication-from-requester from %s with a 422 that says Ocean sends it and takes no event from the sending POS, and changes nothing', async (_who, site) => {
    const res = await post(world, await siteToken(world, site()), inbound('send-communication-from-requester', ref, [communication(ref, 'Needs review: new MRI attached')]));
    expect(res.status).toBe(422);
    expect(res.body.issue[0].code).toBe('business-rule');
    expect(res.body.issue[0].diagnostics).toContain('does not currently support receiving event messages from the Sending POS');
    expect(res.body.issue[0].diagnostics).toContain('send-communication-from-provider');
    expect(world.ctx.repo.referral(ref)!.communications).toEqual([]);
    expect(world.ctx.repo.events(ref).some((e) => e.kind === 'send-communication-from-requester')).toBe(false);
    expect(receivedEvents(world.receiver).map((e) => e.event)).toEqual(['add-service-request']);
    expect(receivedEvents(senderHook).map((e) => e.event)).toEqual(['notify-add-service-request']);
  });

  it('does not echo the receiver\'s own communication back to it; the sender\'s POS gets it in a notify-update-service-request', async () => {
    const res = await post(world, await siteToken(world, world.receiverSite), inbound('send-communication-from-provider', ref, [communication(ref, 'Please send the latest labs')]));
    expect(res.status).toBe(200);
    expect(receivedEvents(world.receiver).map((e) => e.event)).toEqual(['add-service-request']);
    const toSender = receivedEvents(senderHook).at(-1)!;
    expect(toSender.event).toBe('notify-update-service-request');
    const comms = toSender.bundle.entry!.map((e) => e.resource!).filter((r): r is fhir.Communication => r.resourceType === 'Communication');
    expect(comms.map((c) => c.payload![0]!.contentString)).toEqual(['Please send the latest labs']);
  });

  it('still lets only the receiver send send-communication-from-provider', async () => {
    const res = await post(world, await siteToken(world, world.senderSite), inbound('send-communication-from-provider', ref, [communication(ref, 'Hello')]));
    expect(res.status).toBe(403);
    expect(res.body.issue[0].diagnostics).toContain('current receiver');
  });
});

describe('role enforcement with auth off (--no-auth)', () => {
  let world: OceanWorld;
  beforeEach(async () => {
    world = await createOceanWorld({ config: { auth: false } });
  });
  afterEach(() => world.close());

  it('takes the acting site from the sender PractitionerRole\'s id-site-number and refuses the referral\'s sender', async () => {
    const { ref } = await sendReferral(world);
    const role: fhir.PractitionerRole = { resourceType: 'PractitionerRole', id: 'me', identifier: [{ system: `${world.ctx.fhirBase}/NamingSystem/id-site-number`, value: world.senderSite }] };
    const refused = await post(world, '', inbound('notify-update-process-request', ref, [task(ref, 'accepted'), role], { sender: { reference: 'PractitionerRole/me' } }));
    expect(refused.status).toBe(403);
    const accepted = await post(world, '', inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(accepted.status).toBe(200);
  });

  it('refuses a send-communication-from-requester with no site on its header too', async () => {
    const { ref } = await sendReferral(world);
    const res = await post(world, '', inbound('send-communication-from-requester', ref, [communication(ref, 'Attachment summary: 2 files')]));
    expect(res.status).toBe(422);
    expect(world.ctx.repo.referral(ref)!.communications).toEqual([]);
  });
});
