// The masked view HCIM returns for confidential clients: data-absent-reason "masked" on protected elements.
import type * as fhir from '../fhir/types.js';
import { textNarrative } from './fhir/narrative.js';

const MASKED: fhir.Extension = { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' };

/**
 * Masks gender, birth date, addresses, telecoms and names (keeping only name.use), as in the HCIM IG's
 * GetDemographics-Response-Masked example (docs/hcim.md#fhir-operations). Identifiers, status and links stay.
 */
export function maskPatient(patient: fhir.Patient): fhir.Patient {
  const out: fhir.Patient = { ...patient, text: textNarrative('Confidential client: demographics are masked.') };
  delete out.gender;
  delete out.birthDate;
  delete out.communication;
  delete out.contact;
  if (patient.gender !== undefined) out._gender = { extension: [{ ...MASKED }] };
  if (patient.birthDate !== undefined) out._birthDate = { extension: [{ ...MASKED }] };
  if (patient.address) out.address = [{ extension: [{ ...MASKED }] }];
  if (patient.telecom) out.telecom = [{ extension: [{ ...MASKED }] }];
  if (patient.name) out.name = patient.name.map((n) => (n.use ? { extension: [{ ...MASKED }], use: n.use } : { extension: [{ ...MASKED }] }));
  return out;
}
