// send-communication-from-requester: the referrer's POS writes to the receiver ("needs review", attachment summaries).
import { required } from '../../../fhir/errors.js';
import type * as fhir from '../../../fhir/types.js';
import { FOLDERS, OUT } from '../../codes.js';
import type { InboundActionHandler } from './types.js';

/**
 * Stores the Communication and has Ocean pass it to the receiver's integration as send-communication-from-requester,
 * as it does a message the referrer writes in the portal: no notify-update-service-request to anyone (PB), and the
 * folder stays, since Awaiting Reply / Awaiting Response follow messages from downstream only. See: docs/ocean.md#event-codes.
 */
export const requesterCommunicationAction: InboundActionHandler = (_ctx, referral, msg) => {
  const comm = msg.ofType<fhir.Communication>('Communication')[0];
  if (!comm) throw required(`${msg.event} needs a Communication resource`, { expression: ['Bundle.entry'] });
  const text = comm.payload?.map((p) => p.contentString ?? p.contentAttachment?.title).filter(Boolean).join(' ');
  if (!text) throw required('Communication.payload needs contentString (the message) or a contentAttachment', { expression: ['Communication.payload'] });
  if (!comm.status) msg.warnings.push('Communication.status is required by FHIR R4 (send "completed")');
  referral.communications.push(structuredClone(comm));
  return {
    summary: `Message from the referrer: "${text.length > 80 ? `${text.slice(0, 77)}...` : text}"; referral stays in ${FOLDERS[referral.state].received}`,
    notify: { receiver: OUT.fromRequester },
  };
};
