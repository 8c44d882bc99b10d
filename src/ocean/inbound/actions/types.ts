// The contract of an inbound action: change the referral in place, say what happened.
import type { OceanContext } from '../../context.js';
import type { Referral } from '../../model.js';
import type { InboundMessage } from '../parse-message.js';

export interface ActionResult {
  /** One line for the Event Log and the OperationOutcome. */
  summary: string;
  /** Set when the referral moved to another listing: the listing it left. */
  forwardedFrom?: string;
}

export type InboundActionHandler = (ctx: OceanContext, referral: Referral, msg: InboundMessage) => ActionResult;
