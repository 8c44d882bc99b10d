// Rules a submitted ClientRegistryPatient must pass before the registry stores it (add, revise, update).
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES } from '../codes.js';
import { HcimError } from '../hcim-error.js';

const NAME_CHARS = /^[\p{L}' .-]*$/u;

/** The demographic elements the registry keeps from a submitted Patient (identifiers are its own). */
export function demographicPart(p: fhir.Patient): fhir.Patient {
  const out: fhir.Patient = { resourceType: 'Patient' };
  for (const key of ['meta', 'name', 'gender', 'birthDate', 'deceasedDateTime', 'deceasedBoolean', 'address', 'telecom', 'communication', 'multipleBirthBoolean'] as const) {
    if (p[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = p[key];
  }
  if (out.meta) out.meta = out.meta.tag ? { tag: out.meta.tag } : undefined;
  if (!out.meta) delete out.meta;
  return out;
}

/** Names, dates and the death date must be well formed; throws RP.2.0006 / RP.2.0035. */
export function assertDemographics(p: fhir.Patient, options: { minimum: boolean }): void {
  const invalid = HCIM_CODES.rpInvalid;
  for (const n of p.name ?? []) {
    for (const part of [n.family, ...(n.given ?? [])]) {
      if (part !== undefined && !NAME_CHARS.test(part)) throw new HcimError(invalid, `The name "${part}" contains characters a name may not have.`);
    }
    if (n.use && !['usual', 'official', 'nickname'].includes(n.use)) throw new HcimError(invalid, `name.use "${n.use}" is not allowed: use official, usual or nickname.`);
  }
  if (p.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(p.birthDate)) throw new HcimError(invalid, `birthDate "${p.birthDate}" must be a full date (YYYY-MM-DD).`);
  if (options.minimum) {
    const name = p.name?.[0];
    const missing = [!name?.family && 'surname', !name?.given?.[0] && 'given name', !p.birthDate && 'birth date', !p.gender && 'gender'].filter(Boolean);
    if (missing.length) throw new HcimError(invalid, `The minimum data set is incomplete: ${missing.join(', ')} missing.`);
  }
  if (p.deceasedDateTime && p.birthDate && p.deceasedDateTime.slice(0, 10) < p.birthDate) {
    throw new HcimError(HCIM_CODES.rpDeathBeforeBirth, `deceasedDateTime ${p.deceasedDateTime} is before birthDate ${p.birthDate}.`);
  }
}
