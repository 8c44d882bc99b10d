// Ocean's 2025 rule: only the current receiver (RMS Target) may change a referral.
import { forbidden } from '../../fhir/errors.js';
import type * as fhir from '../../fhir/types.js';
import type { OceanContext } from '../context.js';
import { currentReceiver, type Referral } from '../model.js';
import type { InboundMessage } from './parse-message.js';

/**
 * The site acting: the token's `site` claim; with auth off, an id-site-number on the header's sender
 * PractitionerRole; else the current receiver (nothing to enforce against).
 */
export function actingSite(referral: Referral, msg: InboundMessage, tokenSite: string | undefined): string {
  if (tokenSite) return tokenSite;
  const sender = msg.resolve(msg.header.sender) as fhir.PractitionerRole | undefined;
  const site = sender?.identifier?.find((i) => i.system?.endsWith('/id-site-number'))?.value;
  return site ?? currentReceiver(referral).siteNum;
}

/**
 * Refuses a change from anyone but the current receiver: "A change from an upstream system will result
 * in an error response and the referral will not be modified" (docs/ocean.md#who-may-change-a-referral, 5 June 2025 release).
 */
export function assertCurrentReceiver(ctx: OceanContext, referral: Referral, site: string): void {
  const receiver = currentReceiver(referral);
  if (site === receiver.siteNum) return;
  const listing = ctx.repo.listing(receiver.listingRef);
  const who =
    site === referral.senderSiteNum
      ? `site ${site} is the referral's sender; senders act in the Ocean portal, and cancelling is done there`
      : referral.receivers.some((h) => h.siteNum === site)
        ? `site ${site} was a previous receiver; the referral was forwarded`
        : `site ${site} has no role on this referral`;
  throw forbidden(`referral ${referral.ref} can only be changed by its current receiver, site ${receiver.siteNum} (${listing?.title ?? receiver.listingRef}): ${who}`, {
    expression: ['MessageHeader.sender'],
  });
}
