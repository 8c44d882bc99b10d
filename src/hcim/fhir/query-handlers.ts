// $GetDemographics and $FindCandidates: the registry's two query operations over FHIR.
import type { FhirHandler } from '../../fhir/index.js';
import { PROFILES } from '../identifiers.js';
import type { HcimContext } from '../services/context.js';
import { coverageOf } from '../services/eligibility.js';
import { findCandidates } from '../services/find-candidates.js';
import { getDemographics } from '../services/get-demographics.js';
import { newbornFamily } from './newborn-family.js';
import { hcimOperation } from './operation.js';
import { renderPatient } from './patient-view.js';
import { searchResponseBundle } from './response-bundle.js';
import { viewOptions } from './view-options.js';

/**
 * POST Patient/$GetDemographics, and with `withEligibility` the same answer plus the client's Coverage.
 * See: https://bcgov.github.io/MOH-HCIM-FHIR/OperationDefinition-bc-patient-get-demographics.html
 */
export function getDemographicsHandler(ctx: HcimContext, options: { withEligibility?: boolean } = {}): FhirHandler {
  return hcimOperation(ctx, 'GD', (request, _caller, req) => {
    const result = getDemographics(ctx, request.patient?.identifier?.[0]);
    const patients = result.person ? [{ patient: renderPatient(result.person, viewOptions(ctx, result.person, request)) }] : [];
    const diagnostics = result.mergedFrom ? `PHN ${result.mergedFrom} was merged into ${result.person?.phn}` : undefined;
    const eligibility = options.withEligibility ? { included: result.person ? [{ resource: coverageOf(result.person) }] : [], profile: PROFILES.searchWithEligibility } : {};
    const bundle = searchResponseBundle({ requestMessageId: request.messageId, code: result.code, diagnostics, patients, timestamp: ctx.clock.iso(), baseUrl: req.baseUrl, ...eligibility });
    const correlation: Record<string, string> = result.person ? { phn: result.person.phn } : {};
    return { resource: bundle, correlation };
  });
}

/** POST Patient/$FindCandidates. See: https://bcgov.github.io/MOH-HCIM-FHIR/OperationDefinition-bc-patient-find-candidates.html */
export function findCandidatesHandler(ctx: HcimContext): FhirHandler {
  return hcimOperation(ctx, 'FC', (request, _caller, req) => {
    const result = findCandidates(ctx, { patient: request.patient, mother: request.relatedPerson });
    const render = (phn: string) => {
      const person = ctx.registry.view(phn)!;
      return renderPatient(person, viewOptions(ctx, person, request));
    };
    const answer = { requestMessageId: request.messageId, code: result.code, timestamp: ctx.clock.iso(), baseUrl: req.baseUrl };
    if (request.relatedPerson) {
      const family = newbornFamily(req.baseUrl, result.candidates.map((c) => render(c.phn)), result.motherPhn === undefined ? undefined : render(result.motherPhn));
      return { resource: searchResponseBundle({ ...answer, ...family }) };
    }
    const patients = result.candidates.map((c) => ({ patient: render(c.phn), score: c.score }));
    return { resource: searchResponseBundle({ ...answer, patients }) };
  });
}
