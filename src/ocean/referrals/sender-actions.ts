// What the sender (or Ocean support) does in the portal: cancel a referral, resend it as new or as updated.
import { businessRule, notFound } from '../../fhir/errors.js';
import { OUT } from '../codes.js';
import type { OceanContext } from '../context.js';
import type { Referral } from '../model.js';
import { logEvent } from './event-log.js';
import { notifyParties, receiverIntegration, sendTo } from './notify.js';
import { pruneReferrals } from './retention.js';

function load(ctx: OceanContext, ref: string): Referral {
  const referral = ctx.repo.referral(ref);
  if (!referral) throw notFound(`referral ${ref} does not exist`);
  return referral;
}

/**
 * Cancels as the sender: Cancelled folder, ServiceRequest revoked, `revoke-service-request` to the receiver. The
 * sender's integrations get nothing: cancelling is one of the actions that send no notify-update-service-request
 * (PB, docs/ocean.md#event-codes), and the sender made it. "Referrals can only be cancelled by the referral sender"
 * (docs/use-cases.md#statuses).
 */
export function cancelReferral(ctx: OceanContext, ref: string, reason?: string): Referral {
  const referral = load(ctx, ref);
  if (referral.state === 'cancelled') throw businessRule(`referral ${ref} is already cancelled`);
  referral.state = 'cancelled';
  referral.serviceRequestStatus = 'revoked';
  referral.updatedAt = ctx.deps.clock.iso();
  ctx.repo.putReferral(referral);
  logEvent(ctx, referral, { kind: 'cancelled', actor: referral.senderSiteNum, text: `Cancelled by the sender${reason ? `: ${reason}` : ''}` });
  notifyParties(ctx, referral, { receiver: OUT.revoke });
  return referral;
}

export type ResendMode = 'new' | 'updated';

/**
 * Manual resend to the current receiver's integration, as Ocean support does from a CSV of refs:
 * "Send as a new referral" (add-service-request) or "as an updated referral" (notify-update-service-request);
 * an event is added to the referral's Event Log. See: docs/ocean.md#delivery-and-retry (RESEND).
 */
export function resendReferral(ctx: OceanContext, ref: string, mode: ResendMode): { referral: Referral; deliveryId: string } {
  const referral = load(ctx, ref);
  const integration = receiverIntegration(ctx, referral);
  if (!integration) throw businessRule(`referral ${ref}: the receiving listing is not linked to an integration, so there is nowhere to resend it`);
  const event = mode === 'new' ? OUT.add : OUT.update;
  const deliveryId = sendTo(ctx, referral, integration, event, 'receiver', mode === 'new' ? 'Initial' : undefined);
  logEvent(ctx, referral, { kind: 'resent', actor: 'ocean', text: `Resent to ${integration.name} as ${mode === 'new' ? 'a new' : 'an updated'} referral (${event})`, deliveryIds: [deliveryId] });
  return { referral, deliveryId };
}

/**
 * A message the referrer writes in the Ocean portal: stored as a Communication and sent to the receiver as
 * `send-communication-from-requester`, which does not produce notify-update-service-request (docs/ocean.md#event-codes).
 */
export function messageFromSender(ctx: OceanContext, ref: string, text: string): Referral {
  const referral = load(ctx, ref);
  if (referral.state === 'cancelled') throw businessRule(`referral ${ref} is cancelled`);
  const now = ctx.deps.clock.iso();
  referral.communications.push({ resourceType: 'Communication', status: 'completed', sent: now, payload: [{ contentString: text }] } as Referral['communications'][number]);
  referral.updatedAt = now;
  ctx.repo.putReferral(referral);
  logEvent(ctx, referral, { kind: 'message', actor: referral.senderSiteNum, text: `Message from the referrer: "${text.length > 80 ? `${text.slice(0, 77)}...` : text}"` });
  notifyParties(ctx, referral, { receiver: OUT.fromRequester });
  pruneReferrals(ctx, referral.ref);
  return referral;
}
