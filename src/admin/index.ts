// The admin API mounted at /admin.
import express from 'express';
import type { Sandbox } from '../app.js';
import { createAdminAccess, type AdminAccess } from './access.js';
import { ADMIN_ROUTES } from './admin-index.js';
import { createRunLeaseRoutes } from '../scenarios/run-lease-routes.js';
import { createOpsRoutes } from './ops-routes.js';
import { createSessionRoutes } from './session-routes.js';
import { createStateRoutes } from './state-routes.js';

export { attachEventFeed, EVENTS_PATH } from './events.js';
export { controlGuard } from './admin-guard.js';
export { ADMIN_COOKIE, createAdminAccess, generateAdminToken, type AdminAccess } from './access.js';

/** The admin access of a sandbox: the one its deps carry, else one built from its config. */
export function adminAccessOf(sandbox: Pick<Sandbox, 'deps'>): AdminAccess {
  return (sandbox.deps.admin ??= createAdminAccess(sandbox.deps.config.adminToken));
}

export function createAdminRouter(sandbox: Sandbox): express.Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    const base = sandbox.deps.config.baseUrl;
    res.json({
      name: 'hie-sandbox admin API',
      version: sandbox.deps.version,
      adminToken: adminAccessOf(sandbox).required ? 'required (Authorization: Bearer <token>)' : 'not required (loopback)',
      routes: ADMIN_ROUTES.map((r) => ({ ...r, url: `${r.methods === 'WebSocket' ? base.replace(/^http/, 'ws') : base}${r.path}` })),
    });
  });
  router.use(createSessionRoutes(adminAccessOf(sandbox)));
  router.use(createStateRoutes(sandbox));
  router.use(createOpsRoutes(sandbox));
  router.use(createRunLeaseRoutes(() => sandbox.deps.clock.iso()));
  return router;
}
