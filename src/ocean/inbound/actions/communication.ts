// send-communication-from-provider (and send-communication): the receiver writes to the referrer.
import { required } from '../../../fhir/errors.js';
import type * as fhir from '../../../fhir/types.js';
import { FOLDERS } from '../../codes.js';
import type { Referral } from '../../model.js';
import type { InboundMessage } from '../parse-message.js';
import type { InboundActionHandler } from './types.js';

/**
 * Stores the Communication and moves the referral to Awaiting Reply (received) / Awaiting Response (sent):
 * "A referral is only moved into this folder if a send-Communication message event is sent from the
 * downstream system" (docs/ocean.md#event-codes).
 */
export const communicationAction: InboundActionHandler = (_ctx, referral, msg) => {
  const text = storeCommunication(referral, msg);
  referral.state = 'awaiting-reply';
  return { summary: `Message from the receiver: "${text}"; referral moved to ${FOLDERS['awaiting-reply'].received}` };
};

/**
 * Stores the message's Communication on the referral (either party's) and returns its text, cut for the Event Log;
 * a message without one, or without a text or attachment, is refused.
 */
export function storeCommunication(referral: Referral, msg: InboundMessage): string {
  const comm = msg.ofType<fhir.Communication>('Communication')[0];
  if (!comm) throw required(`${msg.event} needs a Communication resource`, { expression: ['Bundle.entry'] });
  const text = comm.payload?.map((p) => p.contentString ?? p.contentAttachment?.title).filter(Boolean).join(' ');
  if (!text) throw required('Communication.payload needs contentString (the message) or a contentAttachment', { expression: ['Communication.payload'] });
  if (!comm.status) msg.tolerate('Communication.status missing', 'Communication.status is required by FHIR R4 (send "completed")');
  referral.communications.push(structuredClone(comm));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
