// A booking on a closed referral: Ocean re-opens it, and the Task it echoes must agree with the new folder.
import { FOLDERS, TASK_STATUS_FOLDER, type ReferralState } from '../codes.js';
import type { Referral } from '../model.js';

const CLOSED: ReadonlySet<ReferralState> = new Set(['declined', 'completed']);

/**
 * Moves a referral into a booking folder. Declined is "re-openable by sending another status" and the booking
 * folders are "driven by Appointment message with a valid date" (Ocean's playbook, Task.status lifecycle), so
 * an appointment re-opens a Declined or Completed referral (inferred: Ocean does not document the combination).
 * The stored Task then says `accepted`, the status whose folders the booking ones follow, without the old
 * reason, so the Task Ocean echoes never contradicts the folder. Returns a warning for the sender of the booking.
 */
export function bookInto(referral: Referral, target: ReferralState): string | undefined {
  const from = referral.state;
  referral.state = target;
  if (!CLOSED.has(from)) return undefined;
  if (referral.serviceRequestStatus === 'completed') referral.serviceRequestStatus = 'active';
  const task = referral.task;
  if (task && TASK_STATUS_FOLDER[task.status] === from) {
    const { statusReason: _reason, ...rest } = task;
    referral.task = { ...rest, status: 'accepted' };
  }
  return `the referral was in ${FOLDERS[from].received}; the appointment re-opened it into ${FOLDERS[target].received} and its Task now says "accepted" (send Task.status accepted before booking a referral you declined or completed)`;
}
