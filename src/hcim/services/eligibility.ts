// MSP eligibility as $GetDemographics.withEligibility returns it: one Coverage per client (the sandbox's rule).
import type * as fhir from '../../fhir/types.js';
import { PROFILES } from '../identifiers.js';
import type { Person } from '../registry/person.js';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/**
 * The client's MSP Coverage, shaped as the IG's withEligibility example (status, type MANDPOL, payor
 * "Health Insurance BC"). Which clients are covered is inferred, since the real eligibility source is not
 * public: every living client is covered from birth; a deceased client's coverage is cancelled at death.
 * See: https://bcgov.github.io/MOH-HCIM-FHIR/OperationDefinition-bc-patient-get-demographics-withEligibility.html
 */
export function coverageOf(person: Person): fhir.Coverage {
  const death = person.patient.deceasedDateTime?.slice(0, 10);
  const period: fhir.Period = {};
  if (person.patient.birthDate) period.start = person.patient.birthDate;
  if (death) period.end = death;
  const coverage: fhir.Coverage = {
    resourceType: 'Coverage',
    id: `msp-${person.phn}`,
    meta: { profile: [PROFILES.coverage] },
    status: death ? 'cancelled' : 'active',
    type: { coding: [{ system: ACT_CODE, code: 'MANDPOL', display: 'mandatory health program' }] },
    subscriberId: person.phn,
    beneficiary: { reference: `Patient/${person.phn}` },
    payor: [{ display: 'Health Insurance BC' }],
  };
  if (period.start || period.end) coverage.period = period;
  return coverage;
}
