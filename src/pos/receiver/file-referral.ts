// Files an incoming add-service-request: resolves the listing and patient by fullUrl, auto-matches the patient by PHN.
import type { AppDeps } from '../../app-deps.js';
import type * as fhir from '../../fhir/types.js';
import type { ReceivedReferral } from './model.js';

type Entry = { fullUrl?: string; resource?: fhir.FhirResource };

/** Reads what a receiving POS needs from Ocean's add-service-request (docs/ocean.md#outbound-add-service-request); undefined when it is not one. */
export function fileReferral(deps: AppDeps, bundle: fhir.Bundle): ReceivedReferral | undefined {
  const entries = (bundle.entry ?? []) as Entry[];
  const byUrl = (ref?: string) => entries.find((e) => e.fullUrl === ref || (e.resource?.id && ref?.endsWith(`${e.resource.resourceType}/${e.resource.id}`)))?.resource;
  const header = entries.find((e) => e.resource?.resourceType === 'MessageHeader')?.resource as fhir.MessageHeader | undefined;
  const sr = entries.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource as fhir.ServiceRequest | undefined;
  const refId = sr?.identifier?.find((i) => i.system?.endsWith('/id-ereferral-reference'));
  if (!header || !sr || !refId?.value || !refId.system) return undefined;
  const listingRole = (byUrl(header.destination?.[0]?.receiver?.reference) ?? byUrl(sr.performer?.[0]?.reference)) as fhir.PractitionerRole | undefined;
  const siteId = listingRole?.identifier?.find((i) => i.system?.endsWith('/id-site-number'));
  const listingId = listingRole?.identifier?.find((i) => i.system?.endsWith('/id-referral-target-reference'));
  const patient = (byUrl(sr.subject?.reference) ?? entries.find((e) => e.resource?.resourceType === 'Patient')?.resource) as fhir.Patient | undefined;
  const phn = patient?.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'JHN') || /patient-hcn|healthcare-id|phn/i.test(i.system ?? ''))?.value;
  const known = phn ? deps.population.clientByPhn(phn) : undefined;
  const qr = entries.find((e) => e.resource?.resourceType === 'QuestionnaireResponse')?.resource as fhir.QuestionnaireResponse | undefined;
  return {
    ref: refId.value,
    receivedAt: deps.clock.iso(),
    siteNum: siteId?.value,
    listingRef: listingId?.value,
    refSystem: refId.system,
    siteSystem: siteId?.system,
    patientName: patient?.name?.[0]?.text ?? [patient?.name?.[0]?.given?.join(' '), patient?.name?.[0]?.family].filter(Boolean).join(' '),
    phn,
    match: known ? { phn: known.phn, how: 'phn' } : { how: 'none' },
    state: 'received',
    attachments: entries.filter((e) => e.resource?.resourceType === 'DocumentReference').length,
    formAnswers: (qr?.item ?? []).filter((i) => i.answer?.length).length,
    events: [],
    sent: [],
  };
}
