// Ocean's eForm keywords from a launch: demographics from the Patient, CPP and latest values from $everything.
import type * as fhir from '../../fhir/types.js';
import { cppKeywords } from './keywords-cpp.js';
import { demographicKeywords } from './keywords-demographics.js';
import { latestValueKeywords } from './keywords-observations.js';

/**
 * Every keyword Ocean fills from the EHR. See: the DRO guide's "A Word on Data: Keyword Population", docs/smart-launch.md#eform-keywords.
 * Resources of other patients (a sloppy $everything) are ignored.
 */
export function mapKeywords(patient: fhir.Patient, bundle: fhir.Bundle): Record<string, string> {
  const own = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is fhir.FhirResource => !!r && r.resourceType !== 'Patient' && belongsTo(r, patient.id));
  return { ...demographicKeywords(patient), ...cppKeywords(own), ...latestValueKeywords(own) };
}

function belongsTo(r: fhir.FhirResource, patientId: string | undefined): boolean {
  const ref = (r as { subject?: fhir.Reference; patient?: fhir.Reference }).subject?.reference ?? (r as { patient?: fhir.Reference }).patient?.reference;
  if (!ref || !patientId) return true;
  return ref === `Patient/${patientId}` || ref.endsWith(`/Patient/${patientId}`) || !ref.includes('Patient/');
}
