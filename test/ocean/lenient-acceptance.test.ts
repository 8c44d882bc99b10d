// What $process-messages accepts though the real Ocean may refuse it is marked on the message's journal entry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { LENIENT_CORRELATION, type JournalEntry } from '../../src/journal/index.js';
import { EXT } from '../../src/ocean/codes.js';
import { communication, inbound, post, sentReferral, task, type OceanWorld } from './support/ocean-sandbox.js';

describe('lenient acceptance on $process-messages', () => {
  let world: OceanWorld;
  let ref: string;
  let token: string;
  beforeEach(async () => void ({ world, ref, token } = await sentReferral()));
  afterEach(() => world.close());

  /** The journal entry of the newest $process-messages call. */
  const lastEntry = (): JournalEntry => world.sandbox.deps.journal.query({ system: 'ocean', direction: 'inbound', limit: 1000 }).filter((e) => e.url.includes('$process-messages')).at(-1)!;

  it('leaves a conformant message unmarked, and one with a legacy event code (OceanMD\'s own clients post them)', async () => {
    expect((await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'accepted')]))).status).toBe(200);
    expect(Object.hasOwn(lastEntry().correlation, LENIENT_CORRELATION)).toBe(false);
    expect((await post(world, token, inbound('notify-update-status', ref, [task(ref, 'completed')]))).status).toBe(200);
    expect(Object.hasOwn(lastEntry().correlation, LENIENT_CORRELATION)).toBe(false);
  });

  it('marks a resend of a leniently taken message as the first send, what the action found lenient included', async () => {
    const bundle = inbound('notify-update-process-request', ref, [task(ref, 'accepted', { intent: undefined as never })], { source: undefined });
    expect((await post(world, token, bundle)).status).toBe(200);
    const first = lastEntry().correlation[LENIENT_CORRELATION]!;
    expect(first).toContain('Task.intent');
    const again = await post(world, token, bundle);
    expect(again.body.issue[0].diagnostics).toContain('already processed');
    expect(lastEntry().correlation[LENIENT_CORRELATION]).toBe(first);
  });

  it('marks an appointment none of whose participants has a status (FHIR R4 requires one)', async () => {
    const appt: fhir.Appointment = { resourceType: 'Appointment', id: crypto.randomUUID(), status: 'booked', start: '2026-03-10T16:00:00Z', basedOn: [{ reference: `ServiceRequest/${ref}` }], participant: [{ actor: { reference: 'Patient/p' } } as fhir.AppointmentParticipant] };
    expect((await post(world, token, inbound('notify-add-appointment', ref, [appt]))).status).toBe(200);
    expect(lastEntry().correlation[LENIENT_CORRELATION]).toContain('Appointment.participant.status');
  });

  it('marks a message without source.endpoint and with another event system, and says so in its warnings; a missing profile only warns', async () => {
    const bundle = inbound('notify-update-process-request', ref, [task(ref, 'accepted')], {
      source: undefined,
      meta: undefined,
      eventCoding: { system: 'http://ehealthontario.ca/fhir/CodeSystem/message-event-code', code: 'notify-update-process-request' },
    });
    const res = await post(world, token, bundle);
    expect(res.status).toBe(200);
    const mark = lastEntry().correlation[LENIENT_CORRELATION]!;
    for (const element of ['MessageHeader.source.endpoint', 'MessageHeader.eventCoding.system']) expect(mark).toContain(element);
    expect(mark).not.toContain('meta.profile');
    const warnings = (res.body.issue as fhir.OperationOutcomeIssue[]).filter((i) => i.severity === 'warning').map((i) => i.diagnostics!);
    expect(warnings.filter((w) => w.includes('Ocean may refuse'))).toHaveLength(2);
    expect(warnings.some((w) => w.includes('meta.profile'))).toBe(true);
  });

  it('marks a message whose referral ref is only in Task.basedOn, not in the header', async () => {
    const bundle = inbound('notify-update-process-request', ref, [task(ref, 'accepted')]);
    const header = bundle.entry![0]!.resource as fhir.MessageHeader;
    header.extension = header.extension!.filter((x) => x.url !== EXT.referralIdentifier);
    expect((await post(world, token, bundle)).status).toBe(200);
    expect(lastEntry().correlation[LENIENT_CORRELATION]).toContain('MessageHeader.extension');
  });

  it('marks R4-required elements an action went without: Task.intent, Communication.status', async () => {
    expect((await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'accepted', { intent: undefined as never })]))).status).toBe(200);
    expect(lastEntry().correlation[LENIENT_CORRELATION]).toContain('Task.intent');
    const comm = { ...communication(ref, 'Please send the latest labs'), status: undefined as never };
    expect((await post(world, token, inbound('send-communication-from-provider', ref, [comm]))).status).toBe(200);
    expect(lastEntry().correlation[LENIENT_CORRELATION]).toContain('Communication.status');
  });
});
