// Forward/assign: a ServiceRequest that `replaces` the referral and names another listing as performer.
import { businessRule, invalid, notFound } from '../../../fhir/errors.js';
import type * as fhir from '../../../fhir/types.js';
import { currentReceiver, type Referral } from '../../model.js';
import type { OceanContext } from '../../context.js';
import type { InboundMessage } from '../parse-message.js';
import type { ActionResult } from './types.js';

/** The listing ref a PractitionerRole names (the autorouter sends the bare system string; accept any prefix). */
function listingRefOf(role: fhir.PractitionerRole | undefined): string | undefined {
  return role?.identifier?.find((i) => i.system?.endsWith('id-referral-target-reference'))?.value;
}

/**
 * Moves the referral to the listing the replacing ServiceRequest's performer names; the new receiver sees
 * it in New, the forwarder in Forwarded. Returns undefined when the message is not a forward.
 * See: docs/ocean.md#forward-and-assign.
 */
export function forwardIfReplaced(ctx: OceanContext, referral: Referral, msg: InboundMessage): ActionResult | undefined {
  const replacing = msg.ofType<fhir.ServiceRequest>('ServiceRequest').find((sr) => sr.replaces?.length);
  if (!replacing) return undefined;
  const role = replacing.performer?.map((p) => msg.resolve(p)).find((r): r is fhir.PractitionerRole => r?.resourceType === 'PractitionerRole');
  const target = listingRefOf(role) ?? replacing.performer?.find((p) => p.identifier?.system?.endsWith('id-referral-target-reference'))?.identifier?.value;
  if (!target) throw invalid('the replacing ServiceRequest.performer must be a PractitionerRole with an id-referral-target-reference identifier (the listing to forward to)', { expression: ['ServiceRequest.performer'] });
  const listing = ctx.repo.listing(target);
  if (!listing) throw notFound(`cannot forward to listing ${target}: it is not on the Healthmap`);
  if (!listing.acceptsReferrals) throw businessRule(`cannot forward to listing ${target}: it does not accept eReferrals`);
  const from = currentReceiver(referral);
  if (from.listingRef === target) throw businessRule(`the referral is already with listing ${target}`);
  const task = msg.ofType<fhir.Task>('Task')[0];
  referral.receivers.push({ listingRef: listing.ref, siteNum: listing.siteNum, at: ctx.deps.clock.iso() });
  referral.state = 'new';
  referral.task = task ? structuredClone(task) : undefined;
  referral.appointments = [];
  if (replacing.category?.length) referral.category = replacing.category[0];
  return { summary: `Forwarded from ${from.listingRef} to ${listing.title} (${listing.ref})`, forwardedFrom: from.listingRef };
}
