// The reference EMR: pages, SMART authorization server, discovery and FHIR server, composed under `/emr`.
import express from 'express';
import type { AppDeps } from '../../app-deps.js';
import { createFhirRouter } from '../../fhir/index.js';
import { createAuthRouter } from './auth-router.js';
import { createEmrGuard } from './fhir-guard.js';
import { emrFhirRoutes } from './fhir-routes.js';
import { createGrantStore } from './grants.js';
import { createKeyRing } from './keys.js';
import { createPagesRouter } from './pages.js';
import { listClients, oceanClient, putClient, type EmrClient } from './registration.js';
import { emrUrls, openidConfiguration, smartConfiguration } from './smart-configuration.js';
import { invalid } from '../../fhir/index.js';

export { emrUrls } from './smart-configuration.js';
export { oceanClient, type EmrClient } from './registration.js';

/** The EMR's routes, to be mounted at `/emr` inside the POS system's router. */
export function createEmrRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const grants = createGrantStore(deps.store);
  const keys = createKeyRing(deps.store);
  const base = deps.config.baseUrl;

  // SMART: "SHALL return application/json regardless of Accept", so outside the FHIR negotiation.
  router.get('/fhir/.well-known/smart-configuration', (_req, res) => void res.type('application/json').send(JSON.stringify(smartConfiguration(base))));
  router.get('/fhir/.well-known/openid-configuration', (_req, res) => void res.type('application/json').send(JSON.stringify(openidConfiguration(base))));
  router.use(
    '/fhir',
    createFhirRouter({
      routes: emrFhirRoutes(deps),
      faults: deps.faults,
      baseUrl: () => emrUrls(base).fhirBase,
      guard: createEmrGuard(keys, () => emrUrls(base).fhirBase, deps.clock, deps.config.auth),
      bodyLimitBytes: deps.config.bodyLimitBytes,
      log: deps.log,
    }),
  );
  router.use('/auth', createAuthRouter({ app: deps, grants, keys }));
  router.use(createPagesRouter(deps, grants));
  return router;
}

/** `/admin/pos/emr/clients`: register more SMART apps with the EMR (e.g. your own app under test): {clientId, clientSecret?, redirectUris, name?, launchUrl?}. */
export function createEmrAdminRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get('/clients', (_req, res) => void res.json(listClients(deps.store, deps.config.baseUrl).map(({ clientSecret: _s, ...c }) => c)));
  router.post('/clients', (req, res) => {
    const b = (req.body ?? {}) as Partial<EmrClient>;
    if (typeof b.clientId !== 'string' || !b.clientId) throw invalid('clientId is required');
    if (!Array.isArray(b.redirectUris) || b.redirectUris.length === 0 || !b.redirectUris.every((u) => typeof u === 'string' && URL.canParse(u))) throw invalid('redirectUris must be a non-empty array of absolute URLs');
    if (b.clientId === oceanClient(deps.config.baseUrl).clientId) throw invalid(`clientId "${b.clientId}" is Ocean's built-in registration; pick another id for your app`);
    if (b.clientSecret !== undefined && typeof b.clientSecret !== 'string') throw invalid('clientSecret must be a string (omit it for a public client)');
    if (b.launchUrl !== undefined && (typeof b.launchUrl !== 'string' || !URL.canParse(b.launchUrl))) throw invalid('launchUrl must be the absolute URL of the app\'s EHR launch endpoint');
    const client = putClient(deps.store, { clientId: b.clientId, clientSecret: b.clientSecret, redirectUris: b.redirectUris, name: typeof b.name === 'string' && b.name ? b.name : b.clientId, launchUrl: b.launchUrl });
    res.status(201).json(client);
  });
  return router;
}
