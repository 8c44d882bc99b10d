// The API description: `/openapi.json`, a page at `/openapi`, and the Postman collection and environment.
import express from 'express';
import type { AppDeps } from '../app-deps.js';
import { buildOpenApi } from './build-openapi.js';
import { builtExamples } from './built-examples.js';
import { listLiveRoutes } from './live-routes.js';
import { renderOpenApiPage, PAGE_CSP } from './openapi-page.js';
import { buildPostmanCollection, buildPostmanEnvironment } from './postman.js';
import { harvestRequestExamples } from './request-examples.js';

export { buildOpenApi, isDescribed } from './build-openapi.js';
export { listLiveRoutes, type LiveRoute } from './live-routes.js';
export { ROUTE_NOTES } from './route-notes.js';
export { buildPostmanCollection, buildPostmanEnvironment } from './postman.js';

/** Builds the document for an app whose routes are all mounted. */
export async function describeApp(app: express.Express, deps: Pick<AppDeps, 'config' | 'version'>): Promise<Record<string, unknown>> {
  const routes = listLiveRoutes(app);
  const examples = await harvestRequestExamples(
    routes.map((r) => `${r.method} ${r.path}`),
    deps.config.baseUrl,
  );
  for (const [key, built] of builtExamples(deps.config.baseUrl)) if (!examples.has(key)) examples.set(key, [{ ...built, name: 'example', path: key.slice(key.indexOf(' ') + 1), headers: {} }]);
  return buildOpenApi({ baseUrl: deps.config.baseUrl, version: deps.version, routes, examples });
}

/** Serves the description of `app`; built on first request (every route is mounted by then) and kept. */
export function createOpenApiRouter(app: express.Express, deps: Pick<AppDeps, 'config' | 'version'>): express.Router {
  const router = express.Router();
  let doc: Promise<Record<string, unknown>> | undefined;
  const current = () => (doc ??= describeApp(app, deps));
  router.get('/openapi.json', async (_req, res) => void res.json(await current()));
  router.get('/openapi/postman-collection.json', async (_req, res) => void res.json(buildPostmanCollection(await current())));
  router.get('/openapi/postman-environment.json', (_req, res) => void res.json(buildPostmanEnvironment(deps.config.baseUrl)));
  router.get('/openapi', async (_req, res) => {
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.type('html').send(renderOpenApiPage(await current()));
  });
  return router;
}
