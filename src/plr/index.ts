// The PLR simulator: FHIR queries, maintain, batch and reliable distributions at /plr/HSA-web/fhir-rs.
import { Router } from 'express';
import type { SystemFactory } from '../app-deps.js';
import { createFhirRouter, type RouteDef } from '../fhir/index.js';
import { createPlrAdminRouter } from './admin-routes.js';
import { withBcOutcomes } from './bc-outcome-funnel.js';
import { plainIssue, plrFailure } from './error-codes.js';
import { conformanceRoutes } from './conformance/conformance-routes.js';
import type { PlrContext } from './context.js';
import { createDistributor } from './distribution/distributor.js';
import { createPlrGuard } from './guard.js';
import { maintainRoutes } from './maintain/maintain-routes.js';
import { createRegistry } from './registry/registry.js';
import { queryRoutes } from './routes.js';
import { FHIR_PATH } from './vocabulary.js';

/**
 * Builds the PLR system module (mounted at `/plr`).
 * See: https://bcgov.github.io/moh-plr-fhir/
 */
/**
 * The largest body PLR's FHIR surface reads. Its largest request is a batch of MAX_BATCH_ENTRIES maintains: ~300 KB
 * of the test suite's filled-in template, and 2 MiB leaves room for much larger records. Parsing and walking the
 * general 5 MiB limit held the event loop a quarter of a second before any refusal.
 */
export const PLR_FHIR_BODY_BYTES = 2 * 1024 * 1024;

/** How long after start the registry's sliced build begins: after a start's first answers (the organizations render in one ~40 ms go). */
const WARM_AFTER_MS = 1_000;

export const createPlrSystem: SystemFactory = (deps) => {
  deps.faults.declare(
    { seam: 'plr.query', description: 'PLR $entityQuery / $extendedQuery and relationship searches' },
    { seam: 'plr.read', description: 'PLR plain reads (GET Practitioner/{IPC} ...)' },
    { seam: 'plr.maintain', description: 'PLR $maintain and the seed-style PUT of a transaction Bundle' },
    { seam: 'plr.batch', description: 'PLR $batch' },
  );
  const registry = createRegistry(deps.population, deps.store, { endedKeep: deps.config.bounds.plrHistory });
  const distributor = createDistributor(deps, registry);
  const ctx: PlrContext = { deps, registry, distributor };
  const routes: RouteDef[] = [];
  routes.push(...maintainRoutes(ctx), ...queryRoutes(ctx), ...conformanceRoutes(ctx, () => routes));
  const fhirRouter = createFhirRouter({
    routes,
    faults: deps.faults,
    baseUrl: (req) => `${deps.config.baseUrl}${req.baseUrl}${FHIR_PATH}`,
    guard: createPlrGuard(deps),
    shapeError: (problem) => plrFailure(400, { ...plainIssue('error', 'structure', `${problem.path} ${problem.message}; the request is not FHIR R4 JSON.`), expression: [problem.path] }),
    bodyLimitBytes: Math.min(deps.config.bodyLimitBytes, PLR_FHIR_BODY_BYTES),
    log: deps.log,
  });
  const answering = withBcOutcomes(fhirRouter, deps.log);
  // The registry's first build runs after start in slices (1.3 s of indexing at 100,000 practitioners would
  // otherwise freeze the process inside the first query); a request arriving first waits for it.
  const router = Router().use((_req, _res, next) => {
    if (registry.isBuilt()) return next();
    registry.warm().then(() => next(), next);
  }, answering);
  const warmSoon = setTimeout(() => registry.warm().catch((err: Error) => deps.log.error('PLR registry build failed', { error: err.message })), WARM_AFTER_MS).unref();
  return {
    name: 'plr',
    router,
    adminRouter: createPlrAdminRouter(ctx),
    close: async () => clearTimeout(warmSoon),
    seed: () => registry.rebuild(),
    resume: () => registry.rebuild(),
    counts: () => ({ ...registry.counts(), subscriptions: distributor.subscriptions().length }),
    endpoints: () => [
      { label: 'PLR FHIR base', url: `${deps.config.baseUrl}/plr${FHIR_PATH}` },
    ],
  };
};
