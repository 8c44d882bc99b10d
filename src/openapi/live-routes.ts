// Every route the running app really has, read from Express's own router stack, so the API description cannot drift.
import type express from 'express';
import { routeDefinitionOf, type HttpMethod, type RouteDef } from '../fhir/index.js';

/** One mounted endpoint, its path in OpenAPI template syntax (`/Patient/{id}`). */
export interface LiveRoute {
  method: HttpMethod;
  path: string;
  /** The route table entry behind a FHIR route; undefined for plain Express routes. */
  def?: RouteDef;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Lists every method and path of the app (router 2.x keeps each layer's `rawPath`). */
export function listLiveRoutes(app: express.Express): LiveRoute[] {
  const out: LiveRoute[] = [];
  const walk = (stack: readonly Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const def = routeDefinitionOf(layer.route);
        for (const method of Object.keys(layer.route.methods).map((m) => m.toUpperCase())) {
          if (!METHODS.has(method)) continue; // `all` handlers only refuse other methods
          for (const path of openApiPaths(prefix + String(layer.route.path))) out.push({ method: method as HttpMethod, path, def });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

/**
 * Express path syntax to OpenAPI templates: `:id` -> `{id}`, `\$op` -> `$op`, a trailing slash dropped;
 * an optional wildcard (`{/*rest}`) gives the path without it and the path with a `{rest}` segment.
 */
export function openApiPaths(expressPath: string): string[] {
  const plain = expressPath.replace(/\\\$/g, '$').replace(/:([A-Za-z_]\w*)/g, '{$1}');
  const optional = /\{\/\*(\w+)\}$/.exec(plain);
  const paths = optional ? [plain.slice(0, optional.index), `${plain.slice(0, optional.index)}/{${optional[1]}}`] : [plain];
  return paths.map((p) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p));
}
