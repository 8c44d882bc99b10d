// Turns the admin API's referral request (PHN, listing, optional site/form) into createReferral's input.
import { invalid, notFound } from '../../fhir/errors.js';
import type * as fhir from '../../fhir/types.js';
import type { OceanContext } from '../context.js';
import type { CreateReferralInput } from '../referrals/create-referral.js';
import { findShapeProblem } from '../../fhir/json-shape.js';
import { isJsonObject, jsonObject, optionalObjectList, optionalString } from '../../validation/fields.js';

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
  } else if (isJsonObject(b.patient)) {
    const problem = b.patient.resourceType === 'Patient' ? findShapeProblem(b.patient) : { path: 'patient.resourceType', message: 'must be "Patient"' };
    if (problem) throw invalid(`${problem.path} ${problem.message}`, { expression: [problem.path] });
    patient = b.patient as unknown as fhir.Patient;
  }
  if (!patient) throw invalid('give the patient as phn (from the population) or as a FHIR Patient');
  const siteNum = typeof b.siteNum === 'string' ? b.siteNum : ctx.repo.sites().find((s) => s.siteNum !== listing.siteNum)?.siteNum;
  if (!siteNum) throw invalid('siteNum is required: no other site than the listing\'s exists');
  return {
    siteNum,
    listingRef,
    patient,
    requesterIpc: optionalString(b, 'requesterIpc', 64),
    form: formOf(b) ?? quickReferralForm(optionalString(b, 'reason') ?? 'Please assess'),
    attachments: optionalObjectList(b, 'attachments', (a) => ({ title: optionalString(a, 'title', 256) ?? 'Attachment', contentType: optionalString(a, 'contentType', 128) ?? 'application/octet-stream', data: optionalString(a, 'data', Infinity) ?? '' })),
    note: optionalString(b, 'note'),
  };
}

/** `form: {formRef, items: [{linkId, text?, answer?}]}`, every field a string; undefined when absent. */
function formOf(b: Record<string, unknown>): CreateReferralInput['form'] | undefined {
  if (b.form === undefined || b.form === null) return undefined;
  const form = jsonObject(b.form, '"form"');
  const items = optionalObjectList(form, 'items', (i) => ({ linkId: optionalString(i, 'linkId', 256) ?? '', text: optionalString(i, 'text'), answer: optionalString(i, 'answer') })) ?? [];
  return { formRef: optionalString(form, 'formRef', 256) ?? 'custom', items };
}
