// The HCIM simulator (Provincial Client Registry): FHIR operations at /hcim/fhir, HL7v3 SOAP at /hcim/soap.
import express from 'express';
import type { SystemFactory } from '../app-deps.js';
import { requireBearer } from '../auth/index.js';
import { createFhirRouter } from '../fhir/index.js';
import { createHcimAdminRouter } from './admin-routes.js';
import { evaluateMatching, type CandidateSearch } from './evaluate.js';
import { hcimShapeError } from './fhir/operation.js';
import { renderPatient } from './fhir/patient-view.js';
import { hcimRoutes } from './fhir/routes.js';
import { createWriteHandlers } from './fhir/write-handlers.js';
import { createMatchingEngine, NO_THRESHOLDS } from './matching/engine.js';
import { createCallbackRegistry, createSubscriptionRegistry } from './notifications/callbacks.js';
import { createNotifier } from './notifications/notifier.js';
import { createRegistry } from './registry/registry.js';
import { MAX_CANDIDATES, type HcimContext } from './services/context.js';
import { EMPI_SEAM } from './services/empi-availability.js';
import { findCandidates } from './services/find-candidates.js';
import { createSoapRouter } from './soap/soap-router.js';

/** Builds the HCIM system module. See shared/reference/plr-hcim.md §2. */
export const createHcimSystem: SystemFactory = (deps) => {
  const registry = createRegistry(deps.store, deps.population);
  const engine = createMatchingEngine({
    *populationPatients() {
      for (const c of deps.population.clients()) yield [c.index, c.patient, c.motherPhn] as const;
    },
    current: (i) => registry.matchable(i),
    overlay: () => registry.overlay(),
  });
  const ctx: HcimContext = {
    registry,
    engine,
    clock: deps.clock,
    faults: deps.faults,
    notifier: createNotifier(deps),
    render: (person) => renderPatient(person, { sources: registry.sourcesOf(person.phn), mergedPhns: registry.mergedInto(person.phn) }),
  };
  const search: CandidateSearch = {
    find: (query) => findCandidates(ctx, { patient: query }).candidates,
    unthresholded: (query) => engine.findCandidates(query, { limit: 50, thresholds: NO_THRESHOLDS }).candidates,
    thresholds: engine.thresholds,
    maxCandidates: MAX_CANDIDATES,
  };
  const callbacks = createCallbackRegistry(deps.store);
  const subscriptions = createSubscriptionRegistry(deps.store);
  deps.faults.declare(
    { seam: 'hcim.query', description: 'HCIM GetDemographics and FindCandidates (FHIR)' },
    { seam: 'hcim.update', description: 'HCIM Add/Revise/Update/Merge (FHIR)' },
    { seam: 'hcim.soap', description: 'HCIM HL7v3 SOAP endpoint' },
    EMPI_SEAM,
  );
  const fhirRouter = createFhirRouter({
    routes: hcimRoutes(ctx, createWriteHandlers(ctx, deps.delivery, callbacks), deps.version),
    faults: deps.faults,
    baseUrl: (req) => `${deps.config.baseUrl}${req.baseUrl}`,
    bodyLimitBytes: deps.config.bodyLimitBytes,
    log: deps.log,
    shapeError: hcimShapeError,
    guard: async (req, route) => {
      if (route.name === 'capabilities') return;
      const principal = await requireBearer(req.headers.authorization, deps.issuer, 'hcim', deps.config.auth);
      req.partner = principal.partner;
    },
  });
  const router = express.Router();
  router.use('/fhir', fhirRouter);
  router.use('/soap', createSoapRouter(ctx, deps, callbacks));
  return {
    name: 'hcim',
    router,
    adminRouter: createHcimAdminRouter({ clock: deps.clock, subscriptions, callbacks, evaluate: (profile) => evaluateMatching(deps.population, search, profile) }),
    counts: () => registry.counts(),
    endpoints: () => [
      { label: 'HCIM FHIR base', url: `${deps.config.baseUrl}/hcim/fhir` },
      { label: 'HCIM HL7v3 SOAP', url: `${deps.config.baseUrl}/hcim/soap` },
    ],
  };
};
