// Creating a referral: Ocean acting as the sender (SMART-launch form, portal, admin API, CLI).
import { providerByIpc } from '../../population/index.js';
import { randomUUID } from 'node:crypto';
import { invalid, notFound, businessRule } from '../../fhir/errors.js';
import type * as fhir from '../../fhir/types.js';
import { OUT } from '../codes.js';
import type { OceanContext } from '../context.js';
import type { Referral, ReferralForm } from '../model.js';
import { logEvent } from './event-log.js';
import { notifyParties } from './notify.js';
import { pruneReferrals } from './retention.js';

/**
 * Most items a referral's form carries: Ocean's longest eForms have a few hundred. A 5 MiB body held 150,000, each
 * copied, stored, sent in every message about the referral and laid out in its letter.
 */
export const MAX_FORM_ITEMS = 2_000;
/** Most attachments a referral carries (the letter lists and appends at most as many): a referral has a handful. */
export const MAX_ATTACHMENTS = 100;

/** Plain data a referral is created from. */
export interface CreateReferralInput {
  /** The sending Ocean site. */
  siteNum: string;
  /** The receiving directory listing (`slug-digits`). */
  listingRef: string;
  patient: fhir.Patient;
  /** The referring practitioner's PLR IPC; defaults to the population's family physician fixture. */
  requesterIpc?: string;
  form: ReferralForm;
  attachments?: Array<{ title: string; contentType: string; data: string }>;
  note?: string;
  priority?: Referral['priority'];
}

/**
 * Stores a new referral, sends `add-service-request` to the receiving listing's integration and
 * `notify-add-service-request` (the sender's copy) to the sending site's integrations, and returns it.
 * Throws a FhirBoom (4xx OperationOutcome) on unusable input.
 * See: docs/ocean.md#outbound-add-service-request; docs/ocean.md#event-codes ("Supported Event Codes").
 */
export function createReferral(ctx: OceanContext, input: CreateReferralInput): Referral {
  const { repo, deps } = ctx;
  const site = repo.site(input.siteNum);
  if (!site) throw notFound(`Ocean site ${input.siteNum} does not exist; list sites with GET /admin/ocean/sites`);
  const listing = repo.listing(input.listingRef);
  if (!listing) throw notFound(`listing ${input.listingRef} is not on the Healthmap; list listings with GET /admin/ocean/listings`);
  if (!listing.acceptsReferrals) throw businessRule(`listing ${listing.ref} does not accept eReferrals`);
  if (input.patient?.resourceType !== 'Patient') throw invalid('patient must be a FHIR Patient resource');
  const requesterIpc = input.requesterIpc ?? deps.population.fixtures.familyPhysicianIpc;
  if (!providerByIpc(deps.population, requesterIpc)) throw notFound(`practitioner ${requesterIpc} is not in the PLR population`);
  if (!input.form?.formRef || !Array.isArray(input.form.items)) throw invalid('form must have a formRef and an items array');
  if (input.form.items.length > MAX_FORM_ITEMS) throw invalid(`form.items has ${input.form.items.length} items; a referral's form takes at most ${MAX_FORM_ITEMS}`);
  if ((input.attachments?.length ?? 0) > MAX_ATTACHMENTS) throw invalid(`attachments has ${input.attachments!.length} files; a referral takes at most ${MAX_ATTACHMENTS}`);
  for (const item of input.form.items) if (typeof item?.linkId !== 'string' || !item.linkId) throw invalid('every form item needs a linkId');

  const now = deps.clock.iso();
  const ref = randomUUID();
  const attachments = (input.attachments ?? []).map((a, i) => {
    if (!a?.title || !a.contentType || typeof a.data !== 'string') throw invalid(`attachments[${i}] needs title, contentType and base64 data`);
    const bytes = Buffer.from(a.data, 'base64');
    if (bytes.length === 0) throw invalid(`attachments[${i}] (${a.title}) is empty or not base64`);
    const id = randomUUID();
    return { meta: { id, title: a.title, contentType: a.contentType, size: bytes.length }, data: bytes.toString('base64') };
  });
  const referral: Referral = {
    ref,
    createdAt: now,
    updatedAt: now,
    senderSiteNum: site.siteNum,
    requesterIpc,
    receivers: [{ listingRef: listing.ref, siteNum: listing.siteNum, at: now }],
    patient: structuredClone(input.patient),
    form: { formRef: input.form.formRef, items: input.form.items.map((i) => ({ ...i })) },
    note: input.note,
    attachments: attachments.map((a) => a.meta),
    state: 'new',
    serviceRequestStatus: 'active',
    category: { coding: [{ ...listing.specialty }] },
    priority: input.priority ?? 'routine',
    appointments: [],
    communications: [],
  };
  for (const a of attachments) repo.putAttachmentData(a.meta.id, a.data, ref);
  repo.putReferral(referral);
  logEvent(ctx, referral, { kind: 'created', actor: site.siteNum, text: `Referral sent by ${site.name} to ${listing.title}` });
  notifyParties(ctx, referral, { receiver: OUT.add, sender: OUT.senderCopy, reason: 'Initial' });
  pruneReferrals(ctx);
  return repo.referral(ref)!;
}
