// The admin API mounted at /admin.
import express from 'express';
import type { Sandbox } from '../app.js';
import { createRunLeaseRoutes } from '../scenarios/run-lease-routes.js';
import { createOpsRoutes } from './ops-routes.js';
import { createStateRoutes } from './state-routes.js';

export { attachEventFeed, EVENTS_PATH } from './events.js';

export function createAdminRouter(sandbox: Sandbox): express.Router {
  const router = express.Router();
  router.use(createStateRoutes(sandbox));
  router.use(createOpsRoutes(sandbox));
  router.use(createRunLeaseRoutes(() => sandbox.deps.clock.iso()));
  return router;
}
