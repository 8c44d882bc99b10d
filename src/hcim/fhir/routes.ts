// The HCIM FHIR route table: type-level operations only; any other RESTful interaction is refused.
import type { FhirHandler, RouteDef } from '../../fhir/index.js';
import { buildCapabilityStatement, fhirError, operationOutcome } from '../../fhir/index.js';
import type { HcimContext } from '../services/context.js';
import { findCandidatesHandler, getDemographicsHandler } from './query-handlers.js';
import type { WriteHandlers } from './write-handlers.js';

const OPDEF = 'http://hlth.gov.bc.ca/fhir/client/OperationDefinition';

const refuseHandler: FhirHandler = (req) => {
  throw fhirError(
    405,
    operationOutcome({
      code: 'not-supported',
      diagnostics: `${req.method} ${req.path} is not supported: the Client Registry supports only type-level operations (POST [base]/Patient/$GetDemographics, $FindCandidates, $GetDemographics.withEligibility, $AddPatient, $RevisePatient, $UpdatePatient, $MergePatient). RESTful interactions of any type, beyond the Operations, are not supported.`,
    }),
  );
};

/** Builds the route table. */
export function hcimRoutes(ctx: HcimContext, writes: WriteHandlers, version: string): RouteDef[] {
  const op = (name: string, definition: string, handler: FhirHandler, seam: string): RouteDef => ({
    method: 'POST',
    path: `/Patient/$${name}`,
    name,
    capability: { kind: 'operation', type: 'Patient', name, definition: `${OPDEF}/${definition}` },
    handler,
    seam,
  });
  const refuse = (method: RouteDef['method'], path: string): RouteDef => ({ method, path, name: 'unsupported', capability: { kind: 'none' }, handler: refuseHandler });
  const routes: RouteDef[] = [
    {
      method: 'GET',
      path: '/metadata',
      name: 'capabilities',
      capability: { kind: 'none' },
      handler: (req) => ({ resource: buildCapabilityStatement(routes, { name: 'BCClientRegistry', title: 'HCIM (Provincial Client Registry) sandbox', baseUrl: req.baseUrl, version, date: '2026-01-01' }) }),
    },
    op('GetDemographics', 'bc-patient-get-demographics', getDemographicsHandler(ctx), 'hcim.query'),
    op('GetDemographics.withEligibility', 'bc-patient-get-demographics-withEligibility', getDemographicsHandler(ctx, { withEligibility: true }), 'hcim.query'),
    op('FindCandidates', 'bc-patient-find-candidates', findCandidatesHandler(ctx), 'hcim.query'),
    op('AddPatient', 'bc-patient-add', writes.add, 'hcim.update'),
    op('RevisePatient', 'bc-patient-revise', writes.revise, 'hcim.update'),
    op('UpdatePatient', 'bc-patient-partial-revise', writes.update, 'hcim.update'),
    op('MergePatient', 'bc-patient-merge', writes.merge, 'hcim.update'),
    op('AddPatient.Async', 'bc-patient-add', writes.addAsync, 'hcim.update'),
    op('RevisePatient.Async', 'bc-patient-revise', writes.reviseAsync, 'hcim.update'),
    op('UpdatePatient.Async', 'bc-patient-partial-revise', writes.updateAsync, 'hcim.update'),
    op('MergePatient.Async', 'bc-patient-merge', writes.mergeAsync, 'hcim.update'),
  ];
  for (const path of ['/Patient', '/Patient/:id', '/Patient/:id/_history', '/RelatedPerson', '/Subscription']) {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) routes.push(refuse(method, path));
  }
  return routes;
}
