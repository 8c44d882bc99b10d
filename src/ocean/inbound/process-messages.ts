// POST /svc/fhir/v1/$process-messages: parse, locate, enforce the receiver's role, apply, echo to everyone.
import { businessRule, codeInvalid, conflict, isFhirBoom } from '../../fhir/errors.js';
import { operationOutcome, type IssueInput } from '../../fhir/outcome.js';
import { LENIENT_CORRELATION } from '../../journal/index.js';
import type { FhirRequest, FhirResult } from '../../fhir/routes.js';
import { siteOf } from '../auth/guard.js';
import { FOLDERS, INBOUND_EVENTS, OUT, OUTBOUND_ONLY_EVENTS, type InboundAction } from '../codes.js';
import type { OceanContext } from '../context.js';
import type { ReferralEvent } from '../model.js';
import { logEvent } from '../referrals/event-log.js';
import { notifyForward, notifyParties, type NotifyPlan } from '../referrals/notify.js';
import { applyAppointment } from './actions/appointment.js';
import { communicationAction } from './actions/communication.js';
import { dataCorrectionAction } from './actions/data-correction.js';
import { taskStatusAction } from './actions/task-status.js';
import type { InboundActionHandler } from './actions/types.js';
import { actingSite, assertCurrentReceiver } from './enforce-role.js';
import { locateReferral } from './locate-referral.js';
import { parseMessage, type InboundMessage } from './parse-message.js';
import { own } from '../../validation/own.js';
import { pruneReferrals } from '../referrals/retention.js';

const ACTIONS: Record<InboundAction, InboundActionHandler> = {
  'task-status': taskStatusAction,
  appointment: applyAppointment,
  communication: communicationAction,
  'data-correction': dataCorrectionAction,
};

const BOTH: NotifyPlan = { receiver: OUT.update, sender: OUT.update };

/**
 * Who hears of an applied action. Both sides, the receiver's own change echoed back to it (PB: Ocean is "chatty"),
 * except a communication: "sending a Communication" is one of the actions that send no notify-update-service-request
 * (PB), so the receiver that wrote it gets no echo; the sending POS gets it, as it has no other event for it.
 * See: docs/ocean.md#event-codes.
 */
const NOTIFY: Record<InboundAction, NotifyPlan> = {
  'task-status': BOTH,
  appointment: BOTH,
  communication: { sender: OUT.update },
  'data-correction': BOTH,
};

/** The journal mark of a message the sandbox took leniently (LENIENT_CORRELATION), none when it took it as it is. */
const lenientMark = (reasons: readonly string[]): Record<string, string> => (reasons.length ? { [LENIENT_CORRELATION]: reasons.join('; ') } : {});

/**
 * The Event Log entry of the message when it was processed already: its id is there with the same content. The same
 * id with other content is refused (409), not taken for a resend: a sender reusing an id would otherwise lose the
 * change without a word. An event logged before hashes were kept has none, and its id alone decides, as it did.
 * See: docs/ocean.md#repeated-messages.
 */
function repeatOf(ctx: OceanContext, ref: string, msg: InboundMessage): Readonly<ReferralEvent> | undefined {
  if (msg.messageId === undefined || msg.messageId === '') return undefined;
  const earlier = ctx.repo.events(ref).find((e) => e.messageId === msg.messageId);
  if (!earlier) return undefined;
  if (earlier.messageHash === undefined || earlier.messageHash === msg.hash) return earlier;
  throw conflict(
    `message ${msg.messageId} was already processed for referral ${ref} at ${earlier.at} with different content; a message id names one message: send a new change under a new ${msg.messageIdAt ?? 'MessageHeader.id'}, and a resend with the content first sent`,
    { expression: [msg.messageIdAt ?? 'MessageHeader.id'] },
  );
}

/**
 * Processes one inbound message Bundle. Success is 200 with an OperationOutcome (information, then a
 * warning per non-conformance); unusable messages get a 4xx OperationOutcome and change nothing.
 * See: docs/ocean.md#task-status-and-folders, #who-may-change-a-referral, #what-process-messages-answers.
 */
export function createProcessMessagesHandler(ctx: OceanContext) {
  return (req: FhirRequest): FhirResult => {
    const msg = parseMessage(req.body);
    const known = own(INBOUND_EVENTS, msg.event);
    if (!known) {
      const why = own(OUTBOUND_ONLY_EVENTS, msg.event);
      if (why) throw businessRule(`Ocean does not accept ${msg.event} on $process-messages: ${why}`, { expression: ['MessageHeader.eventCoding.code'] });
      throw codeInvalid(`unknown event "${msg.event}"; Ocean processes ${Object.keys(INBOUND_EVENTS).join(', ')}`, { expression: ['MessageHeader.eventCoding.code'] });
    }
    if (known.legacy) msg.warnings.push(`${msg.event} is a legacy event code; use ${known.canonical}`);
    const referral = locateReferral(ctx, msg);
    const correlation = { referral: referral.ref, event: msg.event, ...(msg.messageId ? { message: msg.messageId } : {}) };
    try {
      const site = actingSite(referral, msg, siteOf(req));
      assertCurrentReceiver(ctx, referral, site);
      // A resend is answered as the first send was, whatever happened since (a POS retrying after a lost answer
      // finds the referral cancelled meanwhile): only a new message is refused for the cancel.
      const repeat = repeatOf(ctx, referral.ref, msg);
      if (repeat) {
        // Marked as the first send was: an exchange the sandbox took leniently decides no row, sent once or twice.
        const marks = lenientMark([...new Set([...(repeat.lenient ?? []), ...msg.lenient])]);
        return { resource: operationOutcome({ severity: 'information', code: 'informational', diagnostics: `message ${msg.messageId} was already processed; nothing changed` }), correlation: { ...correlation, ...marks } };
      }
      if (referral.state === 'cancelled') throw businessRule(`referral ${referral.ref} was cancelled by its sender; it can no longer be changed`);
      const result = ACTIONS[known.action](ctx, referral, msg);
      referral.updatedAt = ctx.deps.clock.iso();
      ctx.repo.putReferral(referral);
      logEvent(ctx, referral, { kind: msg.event, actor: site, text: result.summary, warnings: msg.warnings.length ? [...msg.warnings] : undefined, messageId: msg.messageId, messageHash: msg.hash, lenient: msg.lenient.length ? [...msg.lenient] : undefined });
      if (result.forwardedFrom) notifyForward(ctx, referral, result.forwardedFrom);
      else notifyParties(ctx, referral, NOTIFY[known.action]);
      pruneReferrals(ctx, referral.ref);
      const issues: IssueInput[] = [
        { severity: 'information', code: 'informational', diagnostics: `${msg.event} processed for referral ${referral.ref}: ${result.summary}. Folder: ${FOLDERS[referral.state].received}` },
        ...msg.warnings.map((w) => ({ severity: 'warning' as const, code: 'invalid' as const, diagnostics: w })),
      ];
      const marks = { ...(msg.warnings.length ? { warnings: String(msg.warnings.length) } : {}), ...lenientMark(msg.lenient) };
      return { resource: operationOutcome(...issues), correlation: { ...correlation, ...marks } };
    } catch (err) {
      // A refused message is journaled under the referral it was about, as an accepted one is.
      if (isFhirBoom(err)) err.data!.correlation = { ...err.data!.correlation, ...correlation };
      throw err;
    }
  };
}
