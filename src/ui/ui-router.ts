// The trainer's dashboard mounted at `/`: the shell, its assets, the plain landing page and the UI's own JSON.
import express from 'express';
import type { AppDeps, SystemModule } from '../app-deps.js';
import { renderLandingPage } from '../landing-page.js';
import { createUiAssets } from './assets.js';
import { createDemoRoutes } from './demo-routes.js';
import { uiSecurityHeaders } from './csp.js';
import { createOceanDocumentRoutes } from './ocean-documents.js';
import { buildOverview } from './overview.js';
import { renderShell } from './shell.js';

export interface UiRouterOptions {
  /** The mounted systems, for the endpoint list. */
  systems: readonly SystemModule[];
  /** Where the demo scenarios are (default: the repo's scenarios/). */
  scenarioDir?: string;
}

/** Builds the dashboard router; every response carries the strict CSP. */
export function createUiRouter(deps: AppDeps, options: UiRouterOptions): express.Router {
  const router = express.Router();
  const assets = createUiAssets();
  const ui = express.Router();

  ui.get('/', uiSecurityHeaders, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderShell(deps.version));
  });
  ui.get('/ui/plain', uiSecurityHeaders, (_req, res) => {
    res.type('html').send(renderLandingPage(deps, options.systems));
  });
  ui.get('/ui/api/overview', uiSecurityHeaders, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(buildOverview(deps, options.systems));
  });
  ui.use('/ui/api/demo', uiSecurityHeaders, createDemoRoutes(deps, { scenarioDir: options.scenarioDir }));
  ui.use('/ui/api/ocean', uiSecurityHeaders, createOceanDocumentRoutes(deps));
  ui.get('/ui/:asset', uiSecurityHeaders, async (req, res, next) => {
    const asset = await assets.get(String(req.params.asset));
    if (!asset) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.type(asset.contentType).send(asset.body);
  });
  router.use(ui);
  return router;
}
