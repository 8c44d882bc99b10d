// A referral's Event Log (as Ocean's referral page shows it), also mirrored to the sandbox log.
import type { OceanContext } from '../context.js';
import type { Referral, ReferralEvent } from '../model.js';

/** An event as the code that logs it gives it: the log adds the id, ref, sequence number and time. */
export type EventInput = Omit<ReferralEvent, 'id' | 'ref' | 'seq' | 'at'>;

/** Appends an event to the referral's log at the simulated time. */
export function logEvent(ctx: OceanContext, referral: Pick<Referral, 'ref'>, input: EventInput): ReferralEvent {
  const event = ctx.repo.addEvent({ ref: referral.ref, at: ctx.deps.clock.iso(), ...input });
  ctx.deps.log.info(`ocean referral ${referral.ref}: ${input.text}`, { kind: input.kind, actor: input.actor });
  return event;
}
