// The answer to a FindCandidates by the mother's PHN: the babies, the mother, and an NMTH RelatedPerson per baby.
import { randomUUID } from 'node:crypto';
import type * as fhir from '../../fhir/types.js';
import { patientFullUrl, type ScoredPatient } from './response-bundle.js';

const V3_ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/**
 * The matches and include entries of a search by the mother's PHN, shaped as the IG's example answer
 * (`input/fsh/examples/generated/Find/valid-findbabiesbymumsphn-response.json`): the babies, then the mother (when
 * she is on the registry) with a `seealso` link to each baby's RelatedPerson, and per baby a RelatedPerson
 * (relationship NMTH) whose `patient` is that baby, as `include` entries. The example gives no scores: the search
 * is by identifier, not probabilistic. See: https://github.com/bcgov/MOH-HCIM-FHIR (search.md, the example)
 */
export function newbornFamily(baseUrl: string, babies: fhir.Patient[], mother: fhir.Patient | undefined): { patients: ScoredPatient[]; included: Array<{ resource: fhir.RelatedPerson; fullUrl: string }> } {
  const included = babies.map((baby) => ({
    fullUrl: `urn:uuid:${randomUUID()}`,
    resource: {
      resourceType: 'RelatedPerson',
      patient: { reference: patientFullUrl(baseUrl, baby) },
      relationship: [{ coding: [{ system: V3_ROLE_CODE, code: 'NMTH' }] }],
    } satisfies fhir.RelatedPerson,
  }));
  const patients: ScoredPatient[] = babies.map((patient) => ({ patient }));
  if (mother) {
    const link = included.map((r) => ({ other: { reference: r.fullUrl }, type: 'seealso' as const }));
    patients.push({ patient: link.length ? { ...mother, link } : mother });
  }
  return { patients, included };
}
