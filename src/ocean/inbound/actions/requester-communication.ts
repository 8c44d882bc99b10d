// send-communication-from-requester: the referrer's POS writes to the receiver ("needs review", attachment summaries).
import { FOLDERS, OUT } from '../../codes.js';
import { storeCommunication } from './communication.js';
import type { InboundActionHandler } from './types.js';

/**
 * Stores the Communication and has Ocean pass it to the receiver's integration as send-communication-from-requester,
 * as it does a message the referrer writes in the portal: no notify-update-service-request to anyone (PB), and the
 * folder stays, since Awaiting Reply / Awaiting Response follow messages from downstream only. See: docs/ocean.md#event-codes.
 */
export const requesterCommunicationAction: InboundActionHandler = (_ctx, referral, msg) => {
  const text = storeCommunication(referral, msg);
  return { summary: `Message from the referrer: "${text}"; referral stays in ${FOLDERS[referral.state].received}`, notify: { receiver: OUT.fromRequester } };
};
