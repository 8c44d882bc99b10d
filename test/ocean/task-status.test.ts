// Task.status -> folder transitions of the DRO guide's statuses table, through $process-messages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { inbound, post, receivedEvents, sentReferral, task, type OceanWorld } from './support/ocean-sandbox.js';

/** The DRO guide's "Statuses" (docs/use-cases.md#statuses): the value sent in Task.status and the Received folder it moves the referral to. */
const TABLE: Array<[string, string]> = [
  ['requested', 'New'],
  ['received', 'New'],
  ['accepted', 'Pending Booking'],
  ['in-progress', 'Pending Booking'],
  ['on-hold', 'Pending Booking'],
  ['ready', 'Pending Booking'],
  ['rejected', 'Declined'],
  ['cancelled', 'Declined'],
  ['completed', 'Completed'],
  ['failed', 'Completed'],
];
const SENT_FOR: Record<string, string> = { New: 'Sent (All)', 'Pending Booking': 'Pending Booking', Declined: 'Declined', Completed: 'Completed' };

describe('Task.status on $process-messages', () => {
  let world: OceanWorld;
  let ref: string;
  let token: string;
  beforeEach(async () => void ({ world, ref, token } = await sentReferral()));
  afterEach(() => world.close());

  const folders = () => world.ctx.repo.referral(ref)!;

  for (const [status, folder] of TABLE) {
    it(`moves the referral to ${folder} when the receiver sends Task.status ${status}`, async () => {
      const res = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, status)]));
      expect(res.status).toBe(200);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].severity).toBe('information');
      const { state } = folders();
      const { FOLDERS } = await import('../../src/ocean/codes.js');
      expect(FOLDERS[state].received).toBe(folder);
      expect(FOLDERS[state].sent).toBe(SENT_FOR[folder]);
    });
  }

  it('refuses a Task.status Ocean does not honour with a 422 and leaves the referral alone', async () => {
    const res = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'draft')]));
    expect(res.status).toBe(422);
    expect(res.body.issue[0].code).toBe('business-rule');
    expect(res.body.issue[0].diagnostics).toContain('draft');
    expect(folders().state).toBe('new');
  });

  it('refuses a Task without a status with a 400 OperationOutcome and leaves the referral alone', async () => {
    const res = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'accepted', { status: undefined as never })]));
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].severity).toBe('error');
    expect(folders().state).toBe('new');
    expect(receivedEvents(world.receiver).filter((e) => e.event === 'notify-update-service-request')).toEqual([]);
  });

  it('accepts notify-add-process-request and the legacy notify-update-status alias (with a warning)', async () => {
    let res = await post(world, token, inbound('notify-add-process-request', ref, [task(ref, 'accepted')]));
    expect(res.status).toBe(200);
    expect(folders().state).toBe('pending-booking');
    res = await post(world, token, inbound('notify-update-status', ref, [task(ref, 'completed')]));
    expect(res.status).toBe(200);
    expect(res.body.issue.some((i: fhir.OperationOutcomeIssue) => i.severity === 'warning' && i.diagnostics?.includes('legacy'))).toBe(true);
    expect(folders().state).toBe('completed');
  });

  it('re-opens a declined referral when the receiver sends another status', async () => {
    await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'rejected', { statusReason: { text: 'Out of catchment' } })]));
    expect(folders().state).toBe('declined');
    const res = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(res.body.issue[0].diagnostics).toContain('re-opened');
    expect(folders().state).toBe('pending-booking');
  });

  it('echoes every change back as notify-update-service-request to the receiver, carrying the Task', async () => {
    await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    const updates = receivedEvents(world.receiver).filter((e) => e.event === 'notify-update-service-request');
    expect(updates).toHaveLength(1);
    const t = updates[0]!.bundle.entry!.map((e) => e.resource!).find((r) => r.resourceType === 'Task') as fhir.Task;
    expect(t.status).toBe('accepted');
  });

  it('records a toggle to eConsult from the patient-needs-to-be-seen extension', async () => {
    const ext = [{ url: 'http://ehealthontario.ca/fhir/StructureDefinition/ca-on-eConsult-ext-patient-needs-to-be-seen', valueBoolean: false }];
    const res = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'in-progress', { extension: ext })]));
    expect(res.body.issue[0].diagnostics).toContain('eConsult');
    expect(folders().patientNeedsToBeSeen).toBe(false);
  });
});
