// MergePatient: the non-survivor's PHN then resolves to the survivor (BCHCIM.PM.0.0008); sides named by PHN or by the POS's own SRIs.
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import type { WriteResult } from './add-patient.js';
import type { Caller, HcimContext } from './context.js';
import { assertPhn, isSriSystem, phnOf, sriOf } from './phn-rules.js';
import { recompose } from './recompose.js';

/** One side of a merge as the request names it: a PHN, or a source record id (SRI) of the caller's. */
export type MergeSubject = { phn: string } | { sri: fhir.Identifier };

/**
 * The two sides of a merge, read from R5-style $merge Parameters (`target-patient` / `source-patient`, as a reference's
 * identifier, or their `-identifier` forms) or a Patient with link type `replaces`. Each is a PHN or, as in the IG's
 * Merge-Min-Request, the POS's own source record id. See: https://github.com/bcgov/MOH-HCIM-FHIR (reviseAndMerge.md)
 */
export function mergeSubjects(params: fhir.Parameters | undefined, patient: fhir.Patient | undefined): { survivor: MergeSubject; nonSurvivor: MergeSubject } {
  const invalid = HCIM_CODES.rpInvalid;
  const idOf = (name: string): fhir.Identifier | undefined => {
    const p = params?.parameter?.find((x) => x.name === name || x.name === `${name}-identifier`);
    return p?.valueIdentifier ?? p?.valueReference?.identifier ?? (p?.resource?.resourceType === 'Patient' ? (phnOf(p.resource.identifier) ?? sriOf(p.resource.identifier)) : undefined);
  };
  let survivor = idOf('target-patient');
  let nonSurvivor = idOf('source-patient');
  if (patient) {
    survivor ??= phnOf(patient.identifier) ?? sriOf(patient.identifier);
    nonSurvivor ??= patient.link?.find((l) => l.type === 'replaces')?.other.identifier;
  }
  if (!survivor?.value || !nonSurvivor?.value) {
    throw new HcimError(invalid, 'A merge needs the survivor (target-patient or target-patient-identifier, or the Patient\'s PHN) and the non-survivor (source-patient or source-patient-identifier, or Patient.link type "replaces"), each by PHN or by the source record id your system filed.');
  }
  const subject = (id: fhir.Identifier, what: string): MergeSubject => (isSriSystem(id.system) ? { sri: id } : { phn: assertPhn(id.value!, invalid, `${what} PHN`) });
  return { survivor: subject(survivor, 'survivor'), nonSurvivor: subject(nonSurvivor, 'non-survivor') };
}

/** The PHN a merge subject names: a source record id only among the caller's own (a POS merges its own records). */
function phnOfSubject(ctx: HcimContext, caller: Caller, subject: MergeSubject, what: string): string {
  if ('phn' in subject) return subject.phn;
  const source = ctx.registry.source(caller.partner, subject.sri.system!, subject.sri.value!);
  if (!source) throw new HcimError(HCIM_CODES.rpInvalidPhn, `The ${what} ${subject.sri.system}|${subject.sri.value} is not a source record ${caller.partner} filed; a POS merges the records its own system filed (add or revise them first).`, 422);
  return source.phn;
}

/** Merges; the survivor must already exist and neither may already be merged. */
export function mergePatient(ctx: HcimContext, caller: Caller, named: { survivor: MergeSubject; nonSurvivor: MergeSubject }): WriteResult {
  const subjects = { survivor: phnOfSubject(ctx, caller, named.survivor, 'survivor'), nonSurvivor: phnOfSubject(ctx, caller, named.nonSurvivor, 'non-survivor') };
  if (subjects.survivor === subjects.nonSurvivor) throw new HcimError(HCIM_CODES.rpInvalid, `The survivor and the non-survivor are the same PHN (${subjects.survivor}).`);
  const survivor = ctx.registry.get(subjects.survivor);
  const loser = ctx.registry.get(subjects.nonSurvivor);
  if (!survivor) throw new HcimError(HCIM_CODES.rpInvalidPhn, `The survivor PHN ${subjects.survivor} does not exist; the survivor must already exist.`, 422);
  if (!loser) throw new HcimError(HCIM_CODES.rpInvalidPhn, `The non-survivor PHN ${subjects.nonSurvivor} does not exist.`, 422);
  for (const p of [survivor, loser]) {
    if (p.status === 'merged') throw new HcimError(HCIM_CODES.rpMergedSubject, `PHN ${p.phn} was already merged into ${p.survivorPhn}.`, 422);
  }
  // The survivor takes the non-survivor's source records and its composite is derived again with them. A record keeps
  // its own time: moving it is no newer filing of its data. A confidential non-survivor makes the survivor confidential.
  const merged = recompose(ctx, survivor, { nonSurvivor: loser });
  ctx.registry.save({ ...loser, status: 'merged', survivorPhn: survivor.phn, updatedAt: ctx.clock.iso() });
  return { code: HCIM_CODES.pmSuccess, person: merged.commit('PHNMERGE') };
}
