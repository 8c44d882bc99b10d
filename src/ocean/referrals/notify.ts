// Sends a referral's messages to the integrations that should hear of it, through the delivery engine.
import { OUT } from '../codes.js';
import type { OceanContext } from '../context.js';
import { buildReferralMessage } from '../messages/build-referral-message.js';
import { currentReceiver, type OceanIntegration, type Referral } from '../model.js';
import { logEvent } from './event-log.js';

export interface NotifyPlan {
  /** Event for the current receiver's integration (the listing's, by External Service ID). */
  receiver?: string;
  /** Event for the sending site's integrations. */
  sender?: string;
  reason?: string;
}

/** The integration the current receiving listing is linked to, if any. */
export function receiverIntegration(ctx: OceanContext, referral: Referral, listingRef = currentReceiver(referral).listingRef): OceanIntegration | undefined {
  const listing = ctx.repo.listing(listingRef);
  if (!listing?.externalServiceId) return undefined;
  return ctx.repo.integrations(listing.siteNum).find((i) => i.externalServiceId === listing.externalServiceId);
}

/** Integrations of the sending site subscribed to `event` (Ocean's copies and updates for the sender's POS). */
export function senderIntegrations(ctx: OceanContext, referral: Referral, event: string): OceanIntegration[] {
  return ctx.repo.integrations(referral.senderSiteNum).filter((i) => i.events.includes(event));
}

/** Builds and enqueues one message for one integration; returns the delivery id. */
export function sendTo(ctx: OceanContext, referral: Referral, integration: OceanIntegration, event: string, audience: 'receiver' | 'sender', reason?: string): string {
  const focusCommunication = event === OUT.fromRequester;
  const bundle = buildReferralMessage(ctx, referral, { event, endpoint: integration.url, version: integration.payloadVersion, audience, reason, focusCommunication });
  const site = ctx.repo.site(integration.siteNum);
  const message = ctx.deps.delivery.enqueue({
    channel: 'ocean',
    partner: site?.partner,
    url: integration.url,
    method: 'POST',
    body: JSON.stringify(bundle),
    contentType: 'application/fhir+json',
    correlation: { referral: referral.ref, message: bundle.id!, event, integration: integration.id },
    auth: integration.auth,
    id: bundle.id,
  });
  return message.id;
}

/**
 * Ocean's chattiness: the receiver's integration and the sender's integrations each get the event,
 * echoes of the receiver's own change included (docs/ocean.md#delivery-and-retry "chatty and verbose").
 */
export function notifyParties(ctx: OceanContext, referral: Referral, plan: NotifyPlan): string[] {
  const ids: string[] = [];
  const used = new Set<string>();
  const rx = plan.receiver ? receiverIntegration(ctx, referral) : undefined;
  if (plan.receiver && rx && rx.events.includes(plan.receiver)) {
    ids.push(sendTo(ctx, referral, rx, plan.receiver, 'receiver', plan.reason));
    used.add(rx.id);
  }
  if (plan.sender) {
    for (const i of senderIntegrations(ctx, referral, plan.sender).filter((x) => !used.has(x.id))) ids.push(sendTo(ctx, referral, i, plan.sender, 'sender', plan.reason));
  }
  const what = [plan.receiver, plan.sender].filter(Boolean).join(' / ');
  const text = ids.length ? `Sent ${what} to ${ids.length} integration endpoint(s)` : `No integration subscribed to ${what}; nothing sent`;
  logEvent(ctx, referral, { kind: 'notified', actor: 'ocean', text, deliveryIds: ids });
  return ids;
}

/** After a forward: the new receiver gets the referral as new, the sender and the forwarder an update. */
export function notifyForward(ctx: OceanContext, referral: Referral, fromListingRef: string): string[] {
  const ids = notifyParties(ctx, referral, { receiver: OUT.add, sender: OUT.update, reason: 'Forwarded' });
  const previous = receiverIntegration(ctx, referral, fromListingRef);
  const current = receiverIntegration(ctx, referral);
  if (previous && previous.id !== current?.id && previous.events.includes(OUT.update)) {
    const id = sendTo(ctx, referral, previous, OUT.update, 'receiver');
    logEvent(ctx, referral, { kind: 'notified', actor: 'ocean', text: `Sent ${OUT.update} to the forwarding listing's integration`, deliveryIds: [id] });
    ids.push(id);
  }
  return ids;
}

export const DEFAULT_EVENTS: readonly string[] = Object.values(OUT);
