// The HCIM simulator (Provincial Client Registry): FHIR operations at /hcim/fhir, HL7v3 SOAP at /hcim/soap.
import express from 'express';
import type { SystemFactory } from '../app-deps.js';
import { parseDuration } from '../clock/index.js';
import { requireBearer } from '../auth/index.js';
import { createFhirRouter, fhirUnknownRoute } from '../fhir/index.js';
import { r4Elements } from '../fhir/r4-elements.js';
import { createHcimAdminRouter } from './admin-routes.js';
import { evaluateMatching, type CandidateSearch } from './evaluate.js';
import { HCIM_FHIR_BODY_BYTES, hcimShapeError } from './fhir/operation.js';
import { renderPatient } from './fhir/patient-view.js';
import { hcimRoutes } from './fhir/routes.js';
import { createWriteHandlers } from './fhir/write-handlers.js';
import { cacheDir } from '../cache-dir.js';
import { createMatchingEngine, NO_THRESHOLDS, type MatchSource } from './matching/engine.js';
import { fileIndexStore, indexFileFor } from './matching/index-file.js';
import { buildProgressReporter } from './matching/build-progress.js';
import { recordsOf } from './matching/population-index.js';
import { createCallbackRegistry, createSubscriptionRegistry } from './notifications/callbacks.js';
import { createNotifier } from './notifications/notifier.js';
import { createRegistry } from './registry/registry.js';
import { MAX_CANDIDATES, type HcimContext } from './services/context.js';
import { EMPI_SEAM } from './services/empi-availability.js';
import { findCandidates } from './services/find-candidates.js';
import type { Person } from './registry/person.js';
import { personRevisedDistribution } from './soap/person-revised-distribution.js';
import { createSoapRouter } from './soap/soap-router.js';
import { buildWsdl } from './soap/wsdl.js';

/** Populations above this size keep their candidate index in a file between starts. */
const INDEX_FILE_FROM = 50_000;

export interface HcimOptions {
  /** How long a search or an add waits for a match index still being built before FC/RP.2.0004 (default 10 s). */
  indexWaitMs?: number;
}

/** The HCIM system module with these options. See: https://bcgov.github.io/MOH-HCIM-FHIR/ */
export const hcimSystem = (options: HcimOptions = {}): SystemFactory => (deps) => {
  const { messageIdWindow, messageIdKeep, hcimRevisions } = deps.config.bounds;
  const registry = createRegistry(deps.store, deps.population, { messageWindowMs: parseDuration(messageIdWindow), messageKeep: messageIdKeep, revisionKeep: hcimRevisions });
  const source: MatchSource = {
    populationPatients: () => recordsOf(deps.population),
    current: (i) => registry.matchable(i),
    overlay: () => registry.overlay(),
    populationSize: deps.population.options.sizes.patients,
  };
  const { seed, referenceDate, sizes } = deps.population.options;
  // Big populations keep their built index in the cache directory, so the next start reads it back.
  const indexStore = sizes.patients > INDEX_FILE_FROM ? fileIndexStore(indexFileFor(cacheDir(), `${seed}|${referenceDate}|${sizes.patients}|${deps.version}`, source.populationPatients())) : undefined;
  const engine = createMatchingEngine(source, { indexStore, regenerateFrom: deps.population.generatedFrom, waitMs: options.indexWaitMs });
  engine.startBuilding();
  // The first FHIR request would otherwise compile R4's element table on the event loop (40-70 ms idle, 100-350 ms
  // on a busy machine) while the index builds: compiled now, before the sandbox listens. (Left to the first request
  // at 10,000 patients, it was the build's one stall over 50 ms: 69 ms, idle machine.)
  r4Elements();
  // A big population's build takes a while: its progress goes to the log, a line per tenth, until it is ready.
  const report = buildProgressReporter(() => engine.status(), deps.log);
  const progress = sizes.patients > INDEX_FILE_FROM ? setInterval(() => report() || clearInterval(progress), 1_000).unref() : undefined;
  const render = (person: Person) => renderPatient(person, { sources: registry.sourcesOf(person.phn), mergedPhns: registry.mergedInto(person.phn) });
  const notifier = createNotifier(deps, {
    patient: render,
    distribution: (event, person, partner, at) => personRevisedDistribution({ event, person, sources: registry.sourcesOf(person.phn), partner, at }),
  });
  const ctx: HcimContext = { registry, engine, clock: deps.clock, faults: deps.faults, notifier, render };
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
    bodyLimitBytes: Math.min(deps.config.bodyLimitBytes, HCIM_FHIR_BODY_BYTES),
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
  router.use('/soap', createSoapRouter(ctx, deps, callbacks, () => buildWsdl(`${deps.config.baseUrl}/hcim/soap`)));
  router.use(fhirUnknownRoute('HCIM', { metadataPath: '/fhir/metadata' }));
  return {
    name: 'hcim',
    router,
    adminRouter: createHcimAdminRouter({ clock: deps.clock, subscriptions, callbacks, evaluate: async (profile) => (await engine.whenReady()) && evaluateMatching(deps.population, search, profile) }),
    counts: () => registry.counts(),
    resume: () => registry.forget(),
    close: async () => {
      clearInterval(progress);
      engine.close();
    },
    endpoints: () => [
      { label: 'HCIM FHIR base', url: `${deps.config.baseUrl}/hcim/fhir` },
      { label: 'HCIM HL7v3 SOAP', url: `${deps.config.baseUrl}/hcim/soap` },
      { label: 'HCIM WSDL', url: `${deps.config.baseUrl}/hcim/soap?wsdl` },
    ],
  };
};

/** The HCIM system module as the sandbox mounts it. */
export const createHcimSystem: SystemFactory = hcimSystem();
