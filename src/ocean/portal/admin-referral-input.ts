// Turns the admin API's referral request (PHN, listing, optional site/form) into createReferral's input.
import { invalid, notFound } from '../../fhir/errors.js';
import type * as fhir from '../../fhir/types.js';
import type { OceanContext } from '../context.js';
import type { CreateReferralInput } from '../referrals/create-referral.js';

/** Ocean's standard quick referral form, used when the admin request brings none (linkIds from docs/smart-launch.md#eform-keywords). */
export function quickReferralForm(reason: string): CreateReferralInput['form'] {
  return {
    formRef: 'quickReferral',
    items: [
      { linkId: 'mainSection', text: 'Referral' },
      { linkId: 'reason', text: 'Reason for referral:', answer: reason },
      { linkId: 'urgent', text: 'Urgent:', answer: 'N' },
    ],
  };
}

/**
 * `{listingRef, phn | patient, siteNum?, requesterIpc?, form?, attachments?, note?}`; the sending site
 * defaults to the first site other than the listing's.
 */
export function referralRequestFromAdmin(ctx: OceanContext, b: Record<string, unknown>): CreateReferralInput {
  const listingRef = typeof b.listingRef === 'string' ? b.listingRef : typeof b.listing === 'string' ? b.listing : undefined;
  if (!listingRef) throw invalid('listingRef is required (a Healthmap listing, e.g. the imaging fixture)');
  const listing = ctx.repo.listing(listingRef);
  if (!listing) throw notFound(`listing ${listingRef} does not exist`);
  let patient: fhir.Patient | undefined;
  if (typeof b.phn === 'string') {
    const client = ctx.deps.population.clientByPhn(b.phn);
    if (!client) throw notFound(`no patient with PHN ${b.phn} in the population`);
    patient = client.patient;
  } else if (b.patient && typeof b.patient === 'object') {
    patient = b.patient as fhir.Patient;
  }
  if (!patient) throw invalid('give the patient as phn (from the population) or as a FHIR Patient');
  const siteNum = typeof b.siteNum === 'string' ? b.siteNum : ctx.repo.sites().find((s) => s.siteNum !== listing.siteNum)?.siteNum;
  if (!siteNum) throw invalid('siteNum is required: no other site than the listing\'s exists');
  return {
    siteNum,
    listingRef,
    patient,
    requesterIpc: typeof b.requesterIpc === 'string' ? b.requesterIpc : undefined,
    form: (b.form as CreateReferralInput['form'] | undefined) ?? quickReferralForm(typeof b.reason === 'string' ? b.reason : 'Please assess'),
    attachments: b.attachments as CreateReferralInput['attachments'],
    note: typeof b.note === 'string' ? b.note : undefined,
  };
}
