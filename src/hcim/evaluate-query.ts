// The FindCandidates query a point of service would send for a record: a PatientByExample of its demographics.
import type * as fhir from '../fhir/types.js';
import { primaryName } from './matching/demographics.js';

/** full: name, gender, birth date, home address and up to two phones; minimal: name, gender and birth date. */
export type QueryProfile = 'full' | 'minimal';
export const QUERY_PROFILES: readonly QueryProfile[] = ['full', 'minimal'];

/**
 * A PatientByExample (bc-patient-by-example: name 0..1, address 0..1, telecom 0..2) built from a
 * registry record, without its identifiers. See: https://bcgov.github.io/MOH-HCIM-FHIR/
 */
export function queryOf(patient: fhir.Patient, profile: QueryProfile): fhir.Patient {
  const query: fhir.Patient = { resourceType: 'Patient' };
  const name = primaryName(patient);
  if (name) query.name = [{ family: name.family, given: name.given }];
  if (patient.gender) query.gender = patient.gender;
  if (patient.birthDate) query.birthDate = patient.birthDate;
  if (profile === 'minimal') return query;
  const address = patient.address?.find((a) => a.use !== 'old') ?? patient.address?.[0];
  if (address) query.address = [{ line: address.line?.slice(0, 1), city: address.city, postalCode: address.postalCode }];
  const phones = (patient.telecom ?? []).filter((t) => t.system === 'phone' && t.value).slice(0, 2);
  if (phones.length) query.telecom = phones.map((t) => ({ system: 'phone', value: t.value }));
  return query;
}
