// Builds the HCIM response Bundles: MetadataParametersOut, the BCHCIM OperationOutcome, then the Patients.
import { randomUUID } from 'node:crypto';
import type * as fhir from '../../fhir/types.js';
import { operationOutcome } from '../../fhir/index.js';
import type { HcimCode } from '../codes.js';
import { CODE_SYSTEMS, HCIM_ORG, PROFILES } from '../identifiers.js';

/** A BCHCIM code as an OperationOutcome issue (details.coding carries the code). */
export function hcimOutcome(code: HcimCode, extra: { diagnostics?: string; second?: HcimCode } = {}): fhir.OperationOutcome {
  const issueOf = (c: HcimCode, diagnostics?: string) => ({
    severity: c.severity,
    code: c.severity === 'error' ? ('invalid' as const) : ('informational' as const),
    details: { coding: [{ system: CODE_SYSTEMS.outcome, code: c.code }], text: c.text },
    diagnostics,
  });
  const issues = [issueOf(code, extra.diagnostics)];
  if (extra.second) issues.push(issueOf(extra.second));
  return operationOutcome(...issues);
}

/** bc-metadata-parameters-out: the new message id, the request's id, the sender (MOH_CRS). */
export function metadataOut(requestMessageId: string | undefined, timestamp: string): fhir.Parameters {
  const parameter: fhir.ParametersParameter[] = [
    { name: 'messageId', valueString: randomUUID() },
    { name: 'messageDateTime', valueDateTime: timestamp },
  ];
  if (requestMessageId) parameter.push({ name: 'requestMessageId', valueString: requestMessageId });
  parameter.push({ name: 'sender', valueIdentifier: { system: CODE_SYSTEMS.org, value: HCIM_ORG } });
  return { resourceType: 'Parameters', parameter };
}

export interface ScoredPatient {
  patient: fhir.Patient;
  /** Raw EMPI score (FindCandidates); absent for GetDemographics. */
  score?: number;
}

/** The fullUrl a Patient gets in a response Bundle (other entries refer to it by this). */
export const patientFullUrl = (baseUrl: string, patient: fhir.Patient): string => `${baseUrl}/Patient/${patient.id}`;

/** bc-search-response-bundle: a searchset with the outcome entry and the matches. */
export function searchResponseBundle(input: {
  requestMessageId?: string;
  code: HcimCode;
  diagnostics?: string;
  patients: ScoredPatient[];
  timestamp: string;
  baseUrl: string;
  /**
   * Resources that go with the matches (the withEligibility Coverage, a newborn search's RelatedPersons), as `include`
   * entries; `fullUrl` defaults to `[base]/[type]/[id]`.
   */
  included?: Array<{ resource: fhir.FhirResource; fullUrl?: string }>;
  profile?: string;
}): fhir.Bundle {
  const entry: fhir.BundleEntry[] = [
    { fullUrl: `urn:uuid:${randomUUID()}`, resource: metadataOut(input.requestMessageId, input.timestamp) },
    { fullUrl: `urn:uuid:${randomUUID()}`, resource: hcimOutcome(input.code, { diagnostics: input.diagnostics }), search: { mode: 'outcome' } },
  ];
  for (const p of input.patients) {
    const search: fhir.BundleEntrySearch = { mode: 'match' };
    if (p.score !== undefined) search.score = p.score;
    entry.push({ fullUrl: patientFullUrl(input.baseUrl, p.patient), resource: p.patient, search });
  }
  for (const { resource: r, fullUrl } of input.included ?? []) entry.push({ fullUrl: fullUrl ?? `${input.baseUrl}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'include' } });
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: input.timestamp, profile: [input.profile ?? PROFILES.searchResponse] },
    type: 'searchset',
    timestamp: input.timestamp,
    total: input.patients.length,
    entry,
  };
}

/** bc-add/revise/merge-response-bundle: a collection of parameters, outcome and optional Patient. */
export function collectionResponseBundle(input: { requestMessageId?: string; code: HcimCode; diagnostics?: string; patient?: fhir.Patient; timestamp: string; baseUrl: string }): fhir.Bundle {
  const entry: fhir.BundleEntry[] = [
    { fullUrl: `urn:uuid:${randomUUID()}`, resource: metadataOut(input.requestMessageId, input.timestamp) },
    { fullUrl: `urn:uuid:${randomUUID()}`, resource: hcimOutcome(input.code, { diagnostics: input.diagnostics }) },
  ];
  if (input.patient) entry.push({ fullUrl: `${input.baseUrl}/Patient/${input.patient.id}`, resource: input.patient });
  return { resourceType: 'Bundle', id: randomUUID(), meta: { lastUpdated: input.timestamp }, type: 'collection', timestamp: input.timestamp, entry };
}
