// MergePatient: the non-survivor's PHN then resolves to the survivor (BCHCIM.PM.0.0008).
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import type { WriteResult } from './add-patient.js';
import type { HcimContext } from './context.js';
import { assertPhn, phnOf } from './phn-rules.js';

/** The two PHNs of a merge, read from R5-style $merge Parameters or a Patient with link type `replaces`. */
export function mergeSubjects(params: fhir.Parameters | undefined, patient: fhir.Patient | undefined): { survivor: string; nonSurvivor: string } {
  const invalid = HCIM_CODES.rpInvalid;
  const idOf = (name: string): string | undefined => {
    const p = params?.parameter?.find((x) => x.name === name || x.name === `${name}-identifier`);
    return p?.valueIdentifier?.value ?? p?.valueReference?.identifier?.value ?? phnOf(p?.resource?.resourceType === 'Patient' ? p.resource.identifier : undefined)?.value;
  };
  let survivor = idOf('target-patient');
  let nonSurvivor = idOf('source-patient');
  if (patient) {
    survivor ??= phnOf(patient.identifier)?.value;
    nonSurvivor ??= patient.link?.find((l) => l.type === 'replaces')?.other.identifier?.value;
  }
  if (!survivor || !nonSurvivor) {
    throw new HcimError(invalid, 'A merge needs the survivor (target-patient-identifier, or the Patient PHN) and the non-survivor (source-patient-identifier, or Patient.link type "replaces").');
  }
  return { survivor: assertPhn(survivor, invalid, 'survivor PHN'), nonSurvivor: assertPhn(nonSurvivor, invalid, 'non-survivor PHN') };
}

/** Merges; the survivor must already exist and neither may already be merged. */
export function mergePatient(ctx: HcimContext, subjects: { survivor: string; nonSurvivor: string }): WriteResult {
  if (subjects.survivor === subjects.nonSurvivor) throw new HcimError(HCIM_CODES.rpInvalid, 'The survivor and the non-survivor are the same PHN.');
  const survivor = ctx.registry.get(subjects.survivor);
  const loser = ctx.registry.get(subjects.nonSurvivor);
  if (!survivor) throw new HcimError(HCIM_CODES.rpInvalidPhn, `The survivor PHN ${subjects.survivor} does not exist; the survivor must already exist.`, 422);
  if (!loser) throw new HcimError(HCIM_CODES.rpInvalidPhn, `The non-survivor PHN ${subjects.nonSurvivor} does not exist.`, 422);
  for (const p of [survivor, loser]) {
    if (p.status === 'merged') throw new HcimError(HCIM_CODES.rpMergedSubject, `PHN ${p.phn} was already merged into ${p.survivorPhn}.`, 422);
  }
  const now = ctx.clock.iso();
  ctx.registry.save({ ...loser, status: 'merged', survivorPhn: survivor.phn, updatedAt: now });
  for (const source of ctx.registry.sourcesOf(loser.phn)) ctx.registry.saveSource({ ...source, phn: survivor.phn, updatedAt: now });
  ctx.notifier.notify('PHNMERGE', survivor);
  return { code: HCIM_CODES.pmSuccess, person: survivor };
}
