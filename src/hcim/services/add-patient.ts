// AddPatient: assigns a new PHN, finds the existing person, or reports an ambiguous match (BCHCIM.RP.*).
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES, type HcimCode } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import { demographicsOf } from '../matching/demographics.js';
import { maxScore } from '../matching/score.js';
import type { Person } from '../registry/person.js';
import { statedAuthorityOf } from '../source-systems.js';
import type { Caller, HcimContext } from './context.js';
import { assertDemographics, demographicPart } from './demographic-rules.js';
import { assertPhn, phnOf, sriOf } from './phn-rules.js';
import { recompose, type FiledRecord } from './recompose.js';
import { assertOwnSource } from './source-ownership.js';

export interface WriteResult {
  code: HcimCode;
  person?: Person;
  warning?: HcimCode;
}

/** Share of the attainable score at which the registry links an add to an existing person. */
export const AUTO_LINK_RATIO = 0.85;

/** Adds a person (or newborn, with the mother's PHN). RP codes: https://github.com/bcgov/moh-hcim-death-date-esb (errorMap.csv). */
export function addPatient(ctx: HcimContext, caller: Caller, patient: fhir.Patient | undefined, mother?: fhir.RelatedPerson): WriteResult {
  const invalid = HCIM_CODES.rpInvalid;
  if (!patient) throw new HcimError(invalid, 'The request Bundle needs the Patient to add.');
  const sri = sriOf(patient.identifier);
  if (!sri?.value) throw new HcimError(HCIM_CODES.rpNoSri, 'Add the source record identifier (SRI): an identifier with a https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-<org>-<src>-source-patient-id system.');
  const phnId = phnOf(patient.identifier);
  if (phnId && mother) throw new HcimError(HCIM_CODES.rpNewbornBothPhns, 'Send the newborn without a PHN when the mother is given.');
  assertDemographics(patient, { minimum: true });
  assertOwnSource(ctx, caller, sri);
  const known = ctx.registry.source(caller.partner, sri.system!, sri.value);
  if (known) return { code: HCIM_CODES.rpExistingPhn, person: ctx.registry.get(known.phn) };
  if (phnId) {
    const person = ctx.registry.get(assertPhn(phnId.value ?? '', invalid));
    if (!person) throw new HcimError(HCIM_CODES.rpInvalidPhn, `PHN ${phnId.value} is not known to the registry.`, 422);
    const survivor = ctx.registry.survivorOf(person);
    return { code: HCIM_CODES.rpExistingPhn, person: recompose(ctx, survivor, { record: sourceRecordOf(ctx, caller, sri, patient) }).commit() };
  }
  let motherPhn: string | undefined;
  let warning: HcimCode | undefined;
  if (mother) {
    const id = phnOf(mother.identifier);
    if (!id?.value) throw new HcimError(HCIM_CODES.rpMothersPhnRejected, "The RelatedPerson must carry the mother's PHN.");
    const found = ctx.registry.get(assertPhn(id.value, invalid, "mother's PHN"));
    if (!found) throw new HcimError(HCIM_CODES.rpMothersPhnRejected, `The mother's PHN ${id.value} is not known to the registry.`, 422);
    const survivor = ctx.registry.survivorOf(found);
    if (survivor.phn !== found.phn) warning = HCIM_CODES.rpMotherMerged;
    motherPhn = survivor.phn;
  } else {
    const q = demographicsOf(patient);
    const strong = ctx.engine.findCandidates(patient, { limit: 5 }).candidates.filter((c) => c.score >= AUTO_LINK_RATIO * maxScore(q));
    if (strong.length > 1) return { code: HCIM_CODES.rpAmbiguous };
    if (strong.length === 1) {
      const person = ctx.registry.get(strong[0]!.phn)!;
      return { code: HCIM_CODES.rpExistingPhn, person: recompose(ctx, person, { record: sourceRecordOf(ctx, caller, sri, patient) }).commit() };
    }
  }
  // A person a POS adds has no base record: its demographics are its source records', the first being this one.
  const person: Person = { phn: ctx.registry.assignPhn(), status: 'active', patient: { resourceType: 'Patient' }, history: [] };
  if (motherPhn) person.motherPhn = motherPhn;
  const added = recompose(ctx, person, { record: sourceRecordOf(ctx, caller, sri, patient), added: true }).commit(motherPhn ? 'NEWBORN' : 'NEW');
  return { code: HCIM_CODES.rpNewPhn, person: added, warning };
}

/** The partner's source record under `sri` holding the Patient's demographics, keeping the source code stated before when this write states none. */
export function sourceRecordOf(ctx: HcimContext, caller: Caller, sri: fhir.Identifier, patient: fhir.Patient): FiledRecord {
  const authority = statedAuthorityOf(sri) ?? ctx.registry.source(caller.partner, sri.system!, sri.value!)?.authority;
  return { partner: caller.partner, system: sri.system!, value: sri.value!, ...(authority ? { authority } : {}), patient: demographicPart(patient) };
}
