// Builds Ocean's outbound referral messages (add-service-request and the rest) in the real payload's shape.
import { randomUUID } from 'node:crypto';
import type * as fhir from '../../fhir/types.js';
import { EVENT_SYSTEM, EXT, HTEST, profileOf, type PayloadVersion } from '../codes.js';
import type { OceanContext } from '../context.js';
import { currentReceiver, type Referral } from '../model.js';
import { entry, oceanBundle, refTo, type Entry } from './envelope.js';
import { listingRoleEntry, locationEntry, lookupParties, practitionerEntry, requesterRoleEntry } from './parties.js';
import { displayName, healthCardVersionOf, patientEntry } from './patient.js';
import { documentEntries, letterTitle, questionnaireResponseEntry, serviceRequestEntry } from './referral-resources.js';
import { localTimeIn } from './local-time.js';
import { toV010 } from './v010.js';
import { workflowEntries } from './workflow-resources.js';

export interface MessageTarget {
  event: string;
  /** Webhook URL of the integration the message goes to. */
  endpoint: string;
  version: PayloadVersion;
  /** `receiver`: the current receiving listing; `sender`: the referring site's copy. */
  audience: 'receiver' | 'sender';
  /** MessageHeader.reason.text: `Initial` for a new referral. */
  reason?: string;
  /** Focus the newest Communication instead of the ServiceRequest (communication events). */
  focusCommunication?: boolean;
}

/**
 * Entry order as in the real payload: MessageHeader, Patient, PractitionerRole (listing), PractitionerRole
 * (requester), Practitioner, Location (requester), Location (listing), DocumentReference(s), ServiceRequest,
 * QuestionnaireResponse; then Task, Appointments and Communications once the referral has them.
 * See: test/ocean/fixtures/ocean-outbound-add-service-request-v0.11.json; docs/ocean.md#outbound-add-service-request.
 */
export function buildReferralMessage(ctx: OceanContext, referral: Referral, target: MessageTarget): fhir.Bundle {
  const { repo, deps } = ctx;
  const v = target.version;
  const site = repo.site(referral.senderSiteNum)!;
  const hop = currentReceiver(referral);
  const listing = repo.listing(hop.listingRef)!;
  const { provider, senderFacility, listingFacility } = lookupParties(ctx, site, listing, referral.requesterIpc);
  if (!provider) throw new Error(`requester ${referral.requesterIpc} of referral ${referral.ref} is not in the population`);

  const patient = patientEntry(ctx, v, referral.patient);
  const requesterLocation = locationEntry(v, senderFacility);
  const listingLocation = locationEntry(v, listingFacility, listing.position);
  const listingRole = listingRoleEntry(ctx, v, listing, listingLocation);
  const practitioner = practitionerEntry(ctx, v, provider);
  const requesterRole = requesterRoleEntry(v, provider, practitioner, requesterLocation);
  // Ocean's timestamps are local to the configured zone, with its offset (the real payload's precision per element).
  const local = localTimeIn(deps.config.timeZone);
  const documents = documentEntries(ctx, v, referral, letterTitle(displayName(referral.patient), site.name, local(referral.createdAt, 's')), local);
  const qr = questionnaireResponseEntry(ctx, v, referral.form, patient, practitioner);
  const sr = serviceRequestEntry(ctx, v, referral, { patient, requester: requesterRole, performer: listingRole, practitioner, supportingInfo: [...documents, qr] }, local);
  const workflow = workflowEntries(v, referral, { patient, serviceRequest: sr });

  const focus = (target.focusCommunication ? workflow.filter((e) => e.resource.resourceType === 'Communication').at(-1) : undefined) ?? sr;
  const header = headerOf(ctx, referral, target, { receiver: target.audience === 'receiver' ? listingRole : requesterRole, requester: requesterRole, focus }, target.audience === 'receiver' ? listing.title : site.name);
  const entries: Entry[] = [patient, listingRole, requesterRole, practitioner, requesterLocation, listingLocation, ...documents, sr, qr, ...workflow];
  const bundle = oceanBundle(header, entries, local(deps.clock.iso(), 'ms'));
  return v === 'v0.10' ? toV010(bundle, { externalServiceId: listing.externalServiceId, healthCardVersion: healthCardVersionOf(referral.patient) }) : bundle;
}

function headerOf(
  ctx: OceanContext,
  referral: Referral,
  target: MessageTarget,
  refs: { receiver: Entry; requester: Entry; focus: Entry },
  destinationName: string,
): fhir.MessageHeader & { id: string } {
  const id = randomUUID();
  const extension: fhir.Extension[] =
    target.version === 'v0.10'
      ? [{ url: EXT.messageHeaderId, valueString: referral.ref }]
      : [{ url: EXT.referralIdentifier, valueIdentifier: { system: ctx.namingSystem('id-ereferral-reference'), value: referral.ref } }];
  const header: fhir.MessageHeader & { id: string } = {
    resourceType: 'MessageHeader',
    id,
    meta: { profile: [profileOf('MessageHeader', target.version)], security: [{ ...HTEST }] },
    extension,
    eventCoding: { system: EVENT_SYSTEM, code: target.event, display: target.event },
    destination: [{ name: destinationName, endpoint: target.endpoint, receiver: refTo(refs.receiver) }],
    sender: refTo(refs.requester),
    author: refTo(refs.requester),
    source: { name: 'Ocean', endpoint: `${ctx.fhirBase}/$process-messages` },
    focus: [refTo(refs.focus)],
  };
  if (target.reason) {
    const { focus, ...rest } = header;
    return { ...rest, reason: { text: target.reason }, focus } as fhir.MessageHeader & { id: string };
  }
  return header;
}
