// Ocean eReferral (OceanMD): the token endpoint, the FHIR API, the portal admin and the referral lifecycle.
import express from 'express';
import type { SystemFactory } from '../app-deps.js';
import { createFhirRouter } from '../fhir/index.js';
import { createOceanGuard } from './auth/guard.js';
import { createOceanTokenRouter } from './auth/token-router.js';
import { oceanContext } from './context.js';
import { createLaunchAdminRouter, createLaunchRouter } from './launch/index.js';
import { createOceanAdminRouter } from './portal/admin-router.js';
import { seedOcean } from './portal/seed.js';
import { prunedReferrals } from './referrals/retention.js';
import { COLLECTIONS } from './repository.js';
import { createOceanRoutes, FHIR_PATH, OCEAN_SEAMS } from './routes.js';

export { oceanContext, type OceanContext } from './context.js';

/** Ocean's API paths, which the sandbox serves at `{base}/svc` as well as `{base}/ocean/svc`. */
export const OCEAN_ROOT_PATH = '/svc';
export { createReferral, type CreateReferralInput } from './referrals/create-referral.js';

/**
 * Mounted at `/ocean`, mirroring Ocean's paths: `/svc/oauth2/token`, `/svc/fhir/v1/$process-messages`,
 * `/svc/fhir/v1/ServiceRequest/{ref}/$letter`, `/svc/fhir/v1/DocumentReference/{id}/$binary`,
 * `/svc/fhir/v1/NamingSystem/id-site-number`. The `/svc` paths are served at the root as well: OceanMD's autorouter
 * asks `{origin}/svc/oauth2/token` whatever path its Ocean URL has. See: docs/ocean.md#hosts.
 */
export const createOceanSystem: SystemFactory = (deps) => {
  const ctx = oceanContext(deps);
  deps.faults.declare(...OCEAN_SEAMS);
  const router = express.Router();
  router.use('/svc/oauth2', createOceanTokenRouter(ctx));
  router.use(createLaunchRouter(deps));
  router.use(
    createFhirRouter({
      routes: createOceanRoutes(ctx),
      faults: deps.faults,
      baseUrl: () => ctx.fhirBase,
      guard: createOceanGuard(ctx),
      bodyLimitBytes: deps.config.bodyLimitBytes,
      log: deps.log,
    }),
  );
  return {
    name: 'ocean',
    router,
    rootPaths: [OCEAN_ROOT_PATH],
    adminRouter: express.Router().use(createLaunchAdminRouter(deps), createOceanAdminRouter(ctx)),
    seed: () => seedOcean(ctx),
    // A data file written before Ocean was mounted has no sites yet.
    resume: () => {
      if (ctx.repo.sites().length === 0) seedOcean(ctx);
    },
    // Counts, never copies: /admin/health is polled (a copy of every referral per call made it follow the state's size).
    counts: () => ({
      sites: deps.store.count(COLLECTIONS.sites),
      listings: deps.store.count(COLLECTIONS.listings),
      integrations: deps.store.count(COLLECTIONS.integrations),
      referrals: ctx.repo.referralCount(),
      referralsPruned: prunedReferrals(ctx),
    }),
    endpoints: () => [
      { label: 'Ocean token endpoint (client_credentials per site)', url: `${ctx.host}/svc/oauth2/token` },
      { label: 'Ocean FHIR API ($process-messages, $letter, $binary)', url: `${ctx.host}${FHIR_PATH}` },
      { label: "Ocean's token endpoint at the host's root (clients that derive {origin}/svc/oauth2/token)", url: `${deps.config.baseUrl}/svc/oauth2/token` },
    ],
  };
};
