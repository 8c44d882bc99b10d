// RevisePatient (full snapshot of the partner's source record) and UpdatePatient (partial change).
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import type { Person } from '../registry/person.js';
import { addPatient, link, type WriteResult } from './add-patient.js';
import type { Caller, HcimContext } from './context.js';
import { assertDemographics, demographicPart } from './demographic-rules.js';
import { assertPhn, phnOf, sriOf } from './phn-rules.js';
import { assertOwnSource } from './source-ownership.js';

/** Elements an UpdatePatient may change (invariant-update-1). */
const UPDATABLE = ['name', 'telecom', 'gender', 'address', 'birthDate', 'deceasedDateTime', 'communication'] as const;

/**
 * Replaces the partner's source record with the snapshot: a blank attribute ends that attribute
 * (https://bcgov.github.io/MOH-HCIM-FHIR/reviseAndMerge.html). An unknown source without a PHN is added.
 */
export function revisePatient(ctx: HcimContext, caller: Caller, patient: fhir.Patient | undefined): WriteResult {
  if (!patient) throw new HcimError(HCIM_CODES.rpInvalid, 'The request Bundle needs the Patient to revise.');
  const sri = sriOf(patient.identifier);
  if (!sri?.value) throw new HcimError(HCIM_CODES.rpNoSri, 'RevisePatient needs the source record identifier (SRI) of the record being revised.');
  assertDemographics(patient, { minimum: true });
  assertOwnSource(ctx, caller, sri);
  const target = subjectOf(ctx, caller, patient);
  if (!target) return addPatient(ctx, caller, patient);
  link(ctx, caller, sri, target.phn, patient);
  return apply(ctx, caller, target, demographicPart(patient));
}

/** Applies only the elements present; needs the PHN or a known SRI. */
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
  const next: fhir.Patient = { ...target.patient };
  for (const k of UPDATABLE) if (patient[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = patient[k];
  if (sri?.value) link(ctx, caller, sri, target.phn, next);
  return apply(ctx, caller, target, next);
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

function apply(ctx: HcimContext, caller: Caller, person: Person, patient: fhir.Patient): WriteResult {
  const now = ctx.clock.iso();
  if (person.patient.meta?.tag && !patient.meta) patient.meta = { tag: person.patient.meta.tag };
  const died = Boolean(patient.deceasedDateTime) && !person.patient.deceasedDateTime;
  if (patient.deceasedDateTime && patient.birthDate && patient.deceasedDateTime.slice(0, 10) < patient.birthDate) {
    throw new HcimError(HCIM_CODES.rpDeathBeforeBirth, `deceasedDateTime ${patient.deceasedDateTime} is before birthDate ${patient.birthDate}.`);
  }
  // A revision that changes nothing ends nothing: kept, each repeat stored the whole record once more (a partner's
  // test loop revising one patient made every later write larger).
  const unchanged = JSON.stringify(patient) === JSON.stringify(person.patient);
  const updated: Person = {
    ...person,
    // A confidential client stays confidential (masked) when a death date is filed: the date is on the record.
    status: died && person.status !== 'confidential' ? 'deceased' : person.status,
    ...(died ? { deathFiledBy: caller.partner } : {}),
    patient,
    history: unchanged ? person.history : [...person.history, { at: now, patient: person.patient }],
    updatedAt: now,
  };
  ctx.registry.save(updated);
  ctx.notifier.notify(died ? 'DEATH' : 'COMPOSITE', updated);
  return { code: HCIM_CODES.rpExistingPhn, person: updated };
}
