// Inbound events other than Task status: appointments, communications, data corrections, forwards, and bad input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { communication, createOceanWorld, inbound, post, receivedEvents, sendReferral, sentReferral, siteToken, task, type OceanWorld } from './support/ocean-sandbox.js';

const appointment = (ref: string, extra: Partial<fhir.Appointment>): fhir.Appointment => ({
  resourceType: 'Appointment',
  id: crypto.randomUUID(),
  status: 'booked',
  basedOn: [{ reference: `ServiceRequest/${ref}` }],
  participant: [{ actor: { reference: 'Patient/p' }, status: 'accepted' }],
  ...extra,
});

describe('inbound events on $process-messages', () => {
  let world: OceanWorld;
  let ref: string;
  let token: string;
  beforeEach(async () => void ({ world, ref, token } = await sentReferral()));
  afterEach(() => world.close());
  const referral = () => world.ctx.repo.referral(ref)!;

  it('books Booking Unconfirmed for a tentative appointment and Booking Confirmed for an accepted one', async () => {
    const tentative = appointment(ref, { start: '2026-03-10T16:00:00Z', participant: [{ actor: { reference: 'Patient/p' }, status: 'tentative' }] });
    expect((await post(world, token, inbound('notify-add-appointment', ref, [tentative]))).status).toBe(200);
    expect(referral().state).toBe('booking-unconfirmed');
    const confirmed = { ...tentative, participant: [{ actor: { reference: 'Patient/p' }, status: 'accepted' as const }] };
    expect((await post(world, token, inbound('notify-update-appointment', ref, [confirmed]))).status).toBe(200);
    expect(referral().state).toBe('booking-confirmed');
    expect(referral().appointments).toHaveLength(1);
  });

  it('stores booking instructions from a proposed appointment without dates, leaving the folder', async () => {
    const proposed = appointment(ref, { status: 'proposed', patientInstruction: 'Call 604-555-0100 to book', participant: [{ actor: { reference: 'Patient/p' }, status: 'needs-action' }] });
    expect((await post(world, token, inbound('notify-add-appointment', ref, [proposed]))).status).toBe(200);
    expect(referral().bookingInstructions).toBe('Call 604-555-0100 to book');
    expect(referral().state).toBe('new');
  });

  it('refuses an appointment without a valid start date with a 400', async () => {
    const res = await post(world, token, inbound('notify-add-appointment', ref, [appointment(ref, { start: 'next tuesday' })]));
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['Appointment.start']);
  });

  it('moves the referral to Awaiting Reply on send-communication-from-provider and the send-communication alias', async () => {
    expect((await post(world, token, inbound('send-communication-from-provider', ref, [communication(ref, 'Please send the latest labs')]))).status).toBe(200);
    expect(referral().state).toBe('awaiting-reply');
    expect((await post(world, token, inbound('send-communication', ref, [communication(ref, 'Reminder')]))).status).toBe(200);
    expect(referral().communications.map((c) => c.payload![0]!.contentString)).toEqual(['Please send the latest labs', 'Reminder']);
  });

  it('keeps a referral\'s newest events, communications and appointments up to their bounds: each write stores the whole referral', async () => {
    const bounded = await createOceanWorld({ config: { bounds: { oceanReferralEvents: 5, oceanReferralItems: 3 } } });
    try {
      const r = (await sendReferral(bounded)).ref;
      const t = await siteToken(bounded, bounded.receiverSite);
      for (let i = 1; i <= 6; i++) expect((await post(bounded, t, inbound('send-communication-from-provider', r, [communication(r, `message ${i}`)]))).status).toBe(200);
      for (let i = 1; i <= 4; i++) expect((await post(bounded, t, inbound('notify-add-appointment', r, [appointment(r, { start: `2026-03-1${i}T16:00:00Z` })]))).status).toBe(200);
      const kept = bounded.ctx.repo.referral(r)!;
      expect(kept.communications.map((c) => c.payload![0]!.contentString)).toEqual(['message 4', 'message 5', 'message 6']);
      expect(kept.appointments.map((a) => a.start)).toEqual(['2026-03-12T16:00:00Z', '2026-03-13T16:00:00Z', '2026-03-14T16:00:00Z']);
      const events = bounded.ctx.repo.events(r);
      expect(events).toHaveLength(5);
      // Numbered without reuse: the newest five of every event the referral has had.
      const last = events.at(-1)!.seq;
      expect(last).toBeGreaterThan(10);
      expect(events.map((e) => e.seq)).toEqual([last - 4, last - 3, last - 2, last - 1, last]);
    } finally {
      await bounded.close();
    }
  });

  it('applies a data correction to the ServiceRequest coding and the patient demographics', async () => {
    const sr: fhir.ServiceRequest = { resourceType: 'ServiceRequest', id: 'sr', status: 'active', intent: 'order', subject: { reference: 'Patient/p' }, identifier: [{ system: 'id-ereferral-reference', value: ref }], category: [{ coding: [{ system: 'http://snomed.info/sct', code: '77477000', display: 'CT' }] }] };
    const patient: fhir.Patient = { resourceType: 'Patient', id: 'p', birthDate: '1990-01-02' };
    const res = await post(world, token, inbound('notify-data-correction', ref, [sr, patient]));
    expect(res.status).toBe(200);
    expect(referral().category!.coding![0]!.code).toBe('77477000');
    expect(referral().patient.birthDate).toBe('1990-01-02');
    const update = receivedEvents(world.receiver).find((e) => e.event === 'notify-update-service-request')!;
    const sent = update.bundle.entry!.map((e) => e.resource!).find((r) => r.resourceType === 'Patient') as fhir.Patient;
    expect(sent.birthDate).toBe('1990-01-02');
  });

  it('forwards to another listing named by a replacing ServiceRequest; the old receiver is then refused', async () => {
    const other = world.ctx.repo.listings().find((l) => l.ref !== world.listingRef && l.siteNum !== world.receiverSite)!;
    const role: fhir.PractitionerRole = { resourceType: 'PractitionerRole', id: 'target', identifier: [{ system: 'id-referral-target-reference', value: other.ref }] };
    const sr: fhir.ServiceRequest = { resourceType: 'ServiceRequest', id: 'new-sr', status: 'active', intent: 'order', subject: { reference: 'Patient/p' }, replaces: [{ reference: `ServiceRequest/${ref}` }], performer: [{ reference: 'PractitionerRole/target' }] };
    const res = await post(world, token, inbound('notify-update-process-request', ref, [sr, role, task(ref, 'requested', { basedOn: [{ reference: 'ServiceRequest/new-sr' }] })]));
    expect(res.status).toBe(200);
    expect(referral().receivers.map((h) => h.listingRef)).toEqual([world.listingRef, other.ref]);
    expect(referral().state).toBe('new');
    const again = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(again.status).toBe(403);
    expect(again.body.issue[0].diagnostics).toContain('previous receiver');
    // Refused, it is journaled under the referral it was about, as an accepted message is.
    const refused = world.sandbox.deps.journal.query({ system: 'ocean', direction: 'inbound', limit: 1000 }).filter((e) => e.status === 403);
    expect(refused.at(-1)?.correlation).toMatchObject({ referral: ref, event: 'notify-update-process-request' });
  });

  it('refuses events Ocean only sends with a 422, and unknown events with a 400 code-invalid', async () => {
    const revoke = await post(world, token, inbound('revoke-service-request', ref, [task(ref, 'cancelled')]));
    expect(revoke.status).toBe(422);
    expect(revoke.body.issue[0].diagnostics).toContain('only the referral sender can cancel');
    const unknown = await post(world, token, inbound('notify-something-else', ref, [task(ref, 'accepted')]));
    expect(unknown.status).toBe(400);
    expect(unknown.body.issue[0].code).toBe('code-invalid');
  });

  it('accepts a parseable but non-conformant message with warnings in the outcome and the Event Log', async () => {
    const bundle = inbound('notify-update-process-request', ref, [task(ref, 'accepted', { intent: undefined as never })], { meta: undefined, eventCoding: { system: 'http://ehealthontario.ca/fhir/CodeSystem/message-event-code', code: 'notify-update-process-request' } });
    const res = await post(world, token, bundle);
    expect(res.status).toBe(200);
    const warnings = (res.body.issue as fhir.OperationOutcomeIssue[]).filter((i) => i.severity === 'warning').map((i) => i.diagnostics);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringContaining('eventCoding.system'), expect.stringContaining('meta.profile'), expect.stringContaining('Task.intent')]));
    const event = world.ctx.repo.events(ref).find((e) => e.kind === 'notify-update-process-request')!;
    expect(event.warnings).toHaveLength(warnings.length);
  });

  it('answers unusable messages with a 4xx OperationOutcome and no change', async () => {
    const cases: Array<[unknown, number]> = [
      [{ resourceType: 'Patient' }, 400],
      [{ resourceType: 'Bundle', type: 'message', entry: [] }, 400],
      [{ resourceType: 'Bundle', type: 'message', entry: [{ resource: task(ref, 'accepted') }] }, 400],
      [inbound('notify-update-process-request', crypto.randomUUID(), [task(crypto.randomUUID(), 'accepted')]), 404],
      [inbound('notify-update-process-request', ref, []), 400],
    ];
    for (const [body, status] of cases) {
      const res = await post(world, token, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.body.resourceType).toBe('OperationOutcome');
    }
    expect(referral().state).toBe('new');
  });
});
