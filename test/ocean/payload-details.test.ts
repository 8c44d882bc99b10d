// Details of Ocean's outbound payloads: the PHN as PHN, local timestamps, and a Task that agrees with the folder.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { localTimeIn } from '../../src/ocean/messages/local-time.js';
import { createOceanWorld, inbound, post, receivedEvents, sendReferral, sentReferral, task, type OceanWorld } from './support/ocean-sandbox.js';

const resources = (b: fhir.Bundle) => b.entry!.map((e) => e.resource!);
const ofType = <T extends fhir.FhirResource>(b: fhir.Bundle, type: T['resourceType']) => resources(b).filter((r) => r.resourceType === type) as T[];
const addMessage = (world: OceanWorld) => receivedEvents(world.receiver).find((m) => m.event === 'add-service-request')!.bundle;

describe('the Patient in add-service-request', () => {
  let world: OceanWorld;
  beforeEach(async () => void (world = await createOceanWorld()));
  afterEach(() => world.close());

  it('carries the PHN as the JHN identifier and no MRN when the referral was sent by PHN (as `ocean refer` does)', async () => {
    await sendReferral(world);
    const phn = world.sandbox.deps.population.fixtures.ordinaryPatientPhn;
    const patient = ofType<fhir.Patient>(addMessage(world), 'Patient')[0]!;
    const jhn = patient.identifier!.filter((i) => i.type?.coding?.[0]?.code === 'JHN');
    expect(jhn.map((i) => i.value)).toEqual([phn]);
    expect(patient.identifier!.filter((i) => i.type?.coding?.[0]?.code === 'MR')).toEqual([]);
    expect(patient.identifier!.filter((i) => i.value === phn)).toHaveLength(1);
  });
});

describe('timestamps', () => {
  it('are local to America/Vancouver by default, with the offset, to the millisecond or the second as Ocean writes each', async () => {
    const world = await createOceanWorld();
    try {
      await sendReferral(world);
      const add = addMessage(world);
      // The test clock starts at 2026-03-02T09:00:00Z: 01:00 in Vancouver (PST, -08:00).
      expect(add.timestamp).toMatch(/^2026-03-02T01:00:00\.\d{3}-08:00$/);
      expect(add.meta!.lastUpdated).toBe(add.timestamp);
      const sr = ofType<fhir.ServiceRequest>(add, 'ServiceRequest')[0]!;
      expect(sr.authoredOn).toBe('2026-03-02T01:00:00-08:00');
      expect(sr.note![0]!.time).toBe('2026-03-02T01:00:00-08:00');
      const letter = ofType<fhir.DocumentReference>(add, 'DocumentReference')[0]!;
      expect(letter.date).toMatch(/^2026-03-02T01:00:00\.\d{3}-08:00$/);
      expect(letter.content[0]!.attachment.creation).toBe('2026-03-02T01:00:00-08:00');
    } finally {
      await world.close();
    }
  });

  it('follow the configured time zone', async () => {
    const world = await createOceanWorld({ config: { timeZone: 'America/Toronto' } });
    try {
      await sendReferral(world);
      expect(ofType<fhir.ServiceRequest>(addMessage(world), 'ServiceRequest')[0]!.authoredOn).toBe('2026-03-02T04:00:00-05:00');
    } finally {
      await world.close();
    }
  });

  it('switch offset with daylight saving time and keep the local date across midnight', () => {
    const vancouver = localTimeIn('America/Vancouver');
    expect(vancouver('2026-07-01T12:00:00.250Z', 'ms')).toBe('2026-07-01T05:00:00.250-07:00');
    expect(vancouver('2026-01-01T03:30:05.999Z', 's')).toBe('2025-12-31T19:30:05-08:00');
    expect(localTimeIn('Asia/Kolkata')('2026-01-01T00:00:00Z', 's')).toBe('2026-01-01T05:30:00+05:30');
  });
});

describe('an appointment after a decline', () => {
  let world: OceanWorld;
  let ref: string;
  let token: string;
  beforeEach(async () => void ({ world, ref, token } = await sentReferral()));
  afterEach(() => world.close());

  it('re-opens the referral into Booking Confirmed, with a warning, and the echoed Task agrees (accepted, no decline reason)', async () => {
    const declined = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'rejected', { statusReason: { text: 'Not indicated' } })]));
    expect(declined.status).toBe(200);
    expect(world.ctx.repo.referral(ref)!.state).toBe('declined');
    const appointment: fhir.Appointment = { resourceType: 'Appointment', id: crypto.randomUUID(), status: 'booked', start: '2026-03-10T16:00:00Z', basedOn: [{ reference: `ServiceRequest/${ref}` }], participant: [{ actor: { reference: 'Patient/p' }, status: 'accepted' }] };
    const booked = await post(world, token, inbound('notify-add-appointment', ref, [appointment]));
    expect(booked.status).toBe(200);
    expect(JSON.stringify(booked.body.issue)).toContain('re-opened');
    const referral = world.ctx.repo.referral(ref)!;
    expect(referral.state).toBe('booking-confirmed');
    expect(referral.task).toMatchObject({ status: 'accepted' });
    expect(referral.task!.statusReason).toBeUndefined();
    const echo = receivedEvents(world.receiver).filter((m) => m.event === 'notify-update-service-request').at(-1)!.bundle;
    const tasks = ofType<fhir.Task>(echo, 'Task');
    expect(tasks.map((t) => t.status)).toEqual(['accepted']);
    expect(ofType<fhir.Appointment>(echo, 'Appointment')).toHaveLength(1);
  });

  it('leaves the Task alone when the referral was not closed', async () => {
    await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'in-progress')]));
    const appointment: fhir.Appointment = { resourceType: 'Appointment', id: crypto.randomUUID(), status: 'booked', start: '2026-03-10T16:00:00Z', basedOn: [{ reference: `ServiceRequest/${ref}` }], participant: [{ actor: { reference: 'Patient/p' }, status: 'tentative' }] };
    const res = await post(world, token, inbound('notify-add-appointment', ref, [appointment]));
    expect(JSON.stringify(res.body.issue)).not.toContain('re-opened');
    expect(world.ctx.repo.referral(ref)!.task).toMatchObject({ status: 'in-progress' });
    expect(world.ctx.repo.referral(ref)!.state).toBe('booking-unconfirmed');
  });
});

