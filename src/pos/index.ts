// The reference POS system (`/pos`): a small composition of sub-routers (the EMR at `/pos/emr`).
import express from 'express';
import type { SystemFactory } from '../app-deps.js';
import { createEmrAdminRouter, createEmrRouter, emrUrls } from './emr/index.js';
import { createReceiver } from './receiver/index.js';
import { REFERENCE_POS_HEADER } from './receiver/ocean-client.js';

/** The reference POS: an EMR that launches Ocean (SMART on FHIR) over the synthetic population. */
export const createPosSystem: SystemFactory = (deps) => {
  const router = express.Router();
  // Every answer says it comes from the sandbox's reference POS, so that a delivery it answered is never taken for
  // a partner's evidence, whatever URL it was registered under.
  router.use((_req, res, next) => {
    res.setHeader(REFERENCE_POS_HEADER, '1');
    next();
  });
  router.use('/emr', createEmrRouter(deps));
  const receiver = createReceiver(deps);
  router.use('/receiver', receiver.router);
  const adminRouter = express.Router();
  adminRouter.use('/emr', createEmrAdminRouter(deps));
  const base = deps.config.baseUrl;
  return {
    name: 'pos',
    router,
    adminRouter,
    // The receiver's planned actions, from the store: after a restart, a reset or a snapshot restore.
    resume: () => receiver.resume(),
    counts: () => ({ launches: deps.store.count('pos.launches'), refreshTokens: deps.store.count('pos.refresh') }),
    endpoints: () => [
      { label: 'Reference EMR (patient list, "Launch Ocean")', url: `${base}/pos/emr/` },
      { label: 'Reference EMR FHIR base / SMART iss', url: emrUrls(base).fhirBase },
    ],
  };
};
