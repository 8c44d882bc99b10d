// The FHIR R4 message envelope on $process-messages: a Bundle of type message whose first entry is the MessageHeader.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inbound, post, receivedEvents, sentReferral, task, type OceanWorld } from './support/ocean-sandbox.js';

describe('the message envelope on $process-messages', () => {
  let world: OceanWorld;
  let ref: string;
  let token: string;
  beforeEach(async () => void ({ world, ref, token } = await sentReferral()));
  afterEach(() => world.close());

  /** Nothing changed: the referral is still New, no event was logged and Ocean sent nothing after the referral itself. */
  const expectUnchanged = () => {
    expect(world.ctx.repo.referral(ref)!.state).toBe('new');
    expect(world.ctx.repo.events(ref).some((e) => e.kind === 'notify-update-process-request')).toBe(false);
    expect(receivedEvents(world.receiver).map((e) => e.event)).toEqual(['add-service-request']);
  };

  it.each(['collection', 'transaction', 'batch', undefined])('refuses a Bundle of type %s with a 400 OperationOutcome on Bundle.type and changes nothing', async (type) => {
    // JSON.stringify leaves out a type that is undefined: the Bundle then has none.
    const bundle = { ...inbound('notify-update-process-request', ref, [task(ref, 'accepted')]), type };
    const res = await post(world, token, bundle);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].severity).toBe('error');
    expect(res.body.issue[0].expression).toEqual(['Bundle.type']);
    expect(res.body.issue[0].diagnostics).toContain('"message"');
    expectUnchanged();
  });

  it('refuses a message whose first entry is not the MessageHeader with a 400 OperationOutcome and changes nothing', async () => {
    const bundle = inbound('notify-update-process-request', ref, [task(ref, 'accepted')]);
    bundle.entry!.reverse();
    const res = await post(world, token, bundle);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual(['Bundle.entry[0].resource']);
    expect(res.body.issue[0].diagnostics).toContain('Task');
    expectUnchanged();
  });

  it('still takes a message of type message with the MessageHeader first', async () => {
    const res = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(res.status).toBe(200);
    expect(world.ctx.repo.referral(ref)!.state).toBe('pending-booking');
  });
});
