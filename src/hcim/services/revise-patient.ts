// RevisePatient (full snapshot of the partner's source record) and UpdatePatient (partial change).
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import { PHN_SYSTEM } from '../identifiers.js';
import { newerFirst } from '../registry/composite.js';
import type { Person } from '../registry/person.js';
import { addPatient, sourceRecordOf, type WriteResult } from './add-patient.js';
import type { Caller, HcimContext } from './context.js';
import { assertDemographics } from './demographic-rules.js';
import { assertPhn, phnOf, sriOf } from './phn-rules.js';
import { recompose, type FiledRecord } from './recompose.js';
import { assertOwnSource } from './source-ownership.js';

/** Elements an UpdatePatient may change (invariant-update-1). */
const UPDATABLE = ['name', 'telecom', 'gender', 'address', 'birthDate', 'deceasedDateTime', 'communication'] as const;

/**
 * Replaces the partner's source record with the snapshot: a blank attribute ends that source's attribute
 * (https://bcgov.github.io/MOH-HCIM-FHIR/reviseAndMerge.html), and the composite is derived again from every source
 * (docs/hcim.md, "Source records and the composite"). An unknown source without a PHN is added.
 */
export function revisePatient(ctx: HcimContext, caller: Caller, patient: fhir.Patient | undefined): WriteResult {
  if (!patient) throw new HcimError(HCIM_CODES.rpInvalid, 'The request Bundle needs the Patient to revise.');
  const sri = sriOf(patient.identifier);
  if (!sri?.value) throw new HcimError(HCIM_CODES.rpNoSri, 'RevisePatient needs the source record identifier (SRI) of the record being revised.');
  assertDemographics(patient, { minimum: true });
  assertOwnSource(ctx, caller, sri);
  const target = subjectOf(ctx, caller, patient);
  if (!target) return addPatient(ctx, caller, patient);
  return { code: HCIM_CODES.rpExistingPhn, person: recompose(ctx, target, { record: sourceRecordOf(ctx, caller, sri, patient) }).commit() };
}

/** Changes only the elements present, in the caller's own source record (`ownRecord`); needs the PHN or a known SRI. */
export function updatePatient(ctx: HcimContext, caller: Caller, patient: fhir.Patient | undefined): WriteResult {
  if (!patient) throw new HcimError(HCIM_CODES.rpInvalid, 'The request Bundle needs the partial Patient.');
  if (!UPDATABLE.some((k) => patient[k] !== undefined)) {
    throw new HcimError(HCIM_CODES.rpInvalid, `An update must change at least one of ${UPDATABLE.join(', ')} (invariant-update-1).`);
  }
  assertDemographics(patient, { minimum: false });
  const target = subjectOf(ctx, caller, patient);
  if (!target) throw new HcimError(HCIM_CODES.rpInvalidPhn, 'UpdatePatient needs the PHN (or an SRI this partner filed before) of an existing person.', 422);
  const sri = sriOf(patient.identifier);
  if (sri?.value) assertOwnSource(ctx, caller, sri);
  const own = ownRecord(ctx, caller, sri?.value ? sri : undefined, target.phn);
  const next: fhir.Patient = { ...own.patient };
  for (const k of UPDATABLE) if (patient[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = patient[k];
  return { code: HCIM_CODES.rpExistingPhn, person: recompose(ctx, target, { record: { ...own, patient: next } }).commit() };
}

/**
 * The caller's source record an update changes: the SRI's (a new, empty one when the caller never filed it), else
 * the caller's most recent record under the PHN, else a new, empty one kept under the PHN itself.
 */
function ownRecord(ctx: HcimContext, caller: Caller, sri: fhir.Identifier | undefined, phn: string): FiledRecord {
  const empty: fhir.Patient = { resourceType: 'Patient' };
  if (sri) {
    const filed = sourceRecordOf(ctx, caller, sri, empty);
    return { ...filed, patient: ctx.registry.source(caller.partner, sri.system!, sri.value!)?.patient ?? empty };
  }
  const newest = ctx.registry.recordsOf(phn).filter((s) => s.partner === caller.partner).sort(newerFirst)[0];
  return newest ?? { partner: caller.partner, system: PHN_SYSTEM, value: phn, patient: empty };
}

/** The person a revise/update is about: by PHN, else by the partner's SRI; checks merged/deceased. */
function subjectOf(ctx: HcimContext, caller: Caller, patient: fhir.Patient): Person | undefined {
  const phnId = phnOf(patient.identifier);
  const sri = sriOf(patient.identifier);
  let person: Person | undefined;
  if (phnId) {
    person = ctx.registry.get(assertPhn(phnId.value ?? '', HCIM_CODES.rpInvalid));
    if (!person) throw new HcimError(HCIM_CODES.rpInvalidPhn, `PHN ${phnId.value} is not known to the registry.`, 422);
  } else if (sri?.value) {
    const source = ctx.registry.source(caller.partner, sri.system!, sri.value);
    person = source ? ctx.registry.get(source.phn) : undefined;
  }
  if (!person) return undefined;
  if (person.status === 'merged') throw new HcimError(HCIM_CODES.rpMergedSubject, `PHN ${person.phn} was merged into ${person.survivorPhn}; apply the update to the survivor.`, 422);
  if (person.status === 'deceased' && person.patient.deceasedDateTime && person.deathFiledBy === undefined) {
    throw new HcimError(HCIM_CODES.rpDeceased, `PHN ${person.phn} is deceased (${person.patient.deceasedDateTime}), as verified by BC Vital Statistics.`, 422);
  }
  return person;
}
