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
  slash?: boolean;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** One Express route with its mount prefix: its path in Express syntax and the method names it registered. */
export interface MountedRoute {
  /** e.g. `/plr/HSA-web/fhir-rs/Practitioner/:id`. */
  path: string;
  /** Lower-case, as Express keeps them; `_all` for an `all()` handler. */
  methods: string[];
  /** Express's own route object (the key of a FHIR route's definition). */
  route: object;
}

/** Walks the app's router stack (router 2.x keeps each layer's `rawPath`), routers inside routers included. */
export function mountedRoutes(app: express.Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  const walk = (stack: readonly Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const methods = Object.entries(layer.route.methods).flatMap(([m, on]) => (on ? [m] : []));
        for (const p of ([] as string[]).concat(layer.route.path)) out.push({ path: `${prefix}${p}`.replace(/\/{2,}/g, '/'), methods, route: layer.route });
      } else if (layer.handle?.stack) {
        // A route layer's rawPath repeats its route path; only routers add a mount prefix.
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === 'string' && !layer.slash && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Lists every method and path of the app, in OpenAPI template syntax. */
export function listLiveRoutes(app: express.Express): LiveRoute[] {
  const out: LiveRoute[] = [];
  for (const mounted of mountedRoutes(app)) {
    const def = routeDefinitionOf(mounted.route);
    for (const method of mounted.methods.map((m) => m.toUpperCase())) {
      if (!METHODS.has(method)) continue; // `all` handlers only refuse other methods
      for (const path of openApiPaths(mounted.path)) out.push({ method: method as HttpMethod, path, def });
    }
  }
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
