// FindCandidates: the search rules (surname plus one more field, no wildcards, mother's PHN) over the matcher.
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES, type HcimCode } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import type { Candidate } from '../matching/engine.js';
import { MAX_CANDIDATES, type HcimContext } from './context.js';
import { assertWithinBounds } from './demographic-rules.js';
import { assertPhn, phnOf } from './phn-rules.js';

export interface FindCandidatesResult {
  code: HcimCode;
  candidates: Candidate[];
  /**
   * A search by the mother's PHN: her PHN (the survivor's, if hers was merged) when she is on the registry. The IG's
   * search page: "Mother's PHN can be used alone and will return the mother and children".
   */
  motherPhn?: string;
}

const WILDCARD = /[*%?]/;

/**
 * Runs a probabilistic search. Codes: FC.0.0012 found, FC.0.0017 more than the maximum, FC.0.0018
 * none; an incomplete query is FC.2.0006 with BCHCIM.SCH.2.5107. See: https://github.com/bcgov/moh-hnweb (FindCandidates samples).
 */
export function findCandidates(ctx: HcimContext, query: { patient?: fhir.Patient; mother?: fhir.RelatedPerson }): FindCandidatesResult {
  const invalid = HCIM_CODES.fcInvalid;
  if (query.patient && query.mother) throw new HcimError(invalid, 'Search by the Patient or by the mother (RelatedPerson), not both (invariant-fc-1).');
  if (query.mother) {
    const id = phnOf(query.mother.identifier);
    if (!id?.value) throw new HcimError(invalid, "The RelatedPerson must carry the mother's PHN as an identifier.");
    const codes = query.mother.relationship?.flatMap((r) => r.coding ?? []).map((c) => c.code) ?? [];
    if (!codes.length) throw new HcimError(invalid, 'RelatedPerson.relationship is missing: the mother\'s RelatedPerson must carry the relationship NMTH (natural mother, v3-RoleCode).');
    if (!codes.includes('NMTH')) throw new HcimError(invalid, `RelatedPerson.relationship must be NMTH (natural mother, v3-RoleCode), not ${codes.map((c) => `"${c ?? ''}"`).join(', ')}.`);
    const motherPhn = assertPhn(id.value, invalid, "mother's PHN");
    const mother = ctx.registry.get(motherPhn);
    const survivorPhn = mother ? ctx.registry.survivorOf(mother).phn : motherPhn;
    const result = ctx.engine.findByMother(survivorPhn, { limit: MAX_CANDIDATES });
    const found = finish(result.candidates, result.truncated);
    return mother ? { ...found, motherPhn: survivorPhn, code: found.code === HCIM_CODES.fcNoResults ? HCIM_CODES.fcSuccess : found.code } : found;
  }
  const patient = query.patient;
  if (!patient) throw new HcimError(invalid, 'The request needs a Patient (search by example) or a RelatedPerson (mother).');
  assertSearchable(patient);
  const result = ctx.engine.findCandidates(patient, { limit: MAX_CANDIDATES });
  return finish(result.candidates, result.truncated);
}

function finish(candidates: Candidate[], truncated: boolean): FindCandidatesResult {
  const code = candidates.length === 0 ? HCIM_CODES.fcNoResults : truncated ? HCIM_CODES.fcMaxResults : HCIM_CODES.fcSuccess;
  return { code, candidates };
}

/** The bounds every submitted Patient keeps, the schematron rule BCHCIM.SCH.2.5107 and the no-wildcard rule. */
function assertSearchable(p: fhir.Patient): void {
  const invalid = HCIM_CODES.fcInvalid;
  assertWithinBounds(p, invalid);
  const name = p.name?.[0];
  const texts = [name?.family, ...(name?.given ?? []), ...(p.address ?? []).flatMap((a) => [...(a.line ?? []), a.city, a.postalCode])];
  if (texts.some((t) => t !== undefined && WILDCARD.test(t))) throw new HcimError(invalid, 'Wildcards (*, %, ?) are not permitted in FindCandidates.');
  const surname = name?.family?.trim() ?? '';
  const hasDob = Boolean(p.birthDate);
  const hasLine = (p.address ?? []).some((a) => (a.line?.[0] ?? '').trim() !== '');
  const hasPostal = (p.address ?? []).some((a) => (a.postalCode ?? '').trim() !== '');
  const hasPhone = (p.telecom ?? []).some((t) => (t.system === undefined || t.system === 'phone') && (t.value ?? '').trim() !== '');
  if (!surname || !(hasDob || hasLine || hasPostal || hasPhone)) {
    const missing = !surname ? 'the surname is missing or empty' : 'none of date of birth, address line 1, phone or postal code was given';
    throw new HcimError(invalid, `Results from Schematron validation: ${HCIM_CODES.schSearchCombination.text} (${missing}).`, 400, HCIM_CODES.schSearchCombination);
  }
  if (p.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(p.birthDate)) throw new HcimError(invalid, `birthDate "${p.birthDate}" must be a full date (YYYY-MM-DD).`);
}
