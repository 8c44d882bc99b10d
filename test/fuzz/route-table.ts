// The route table of the running app, read from Express's own router stack: every mounted path and its methods.
import type express from 'express';

export interface RouteEntry {
  method: string;
  /** Express path pattern with its mount prefix, e.g. `/plr/HSA-web/fhir-rs/Practitioner/:id`. */
  pattern: string;
}

interface Layer {
  rawPath?: string | RegExp;
  slash?: boolean;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Walks the app's router stack (Express 5: `app.router.stack`), routers inside routers included. */
export function routeTable(app: express.Express): RouteEntry[] {
  const out = new Map<string, RouteEntry>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      // A route layer's rawPath repeats its route path; only routers add a mount prefix.
      const raw = typeof layer.rawPath === 'string' && !layer.slash && layer.rawPath !== '/' ? layer.rawPath : '';
      if (layer.route) {
        for (const p of ([] as string[]).concat(layer.route.path)) {
          for (const [m, on] of Object.entries(layer.route.methods)) {
            if (!on || m === '_all') continue;
            const entry = { method: m.toUpperCase(), pattern: `${prefix}${p}`.replace(/\/{2,}/g, '/') };
            out.set(`${entry.method} ${entry.pattern}`, entry);
          }
          if (layer.route.methods._all) for (const m of ['GET', 'POST', 'PUT', 'DELETE']) out.set(`${m} ${prefix}${p}`, { method: m, pattern: `${prefix}${p}` });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, `${prefix}${raw}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...out.values()].sort((a, b) => a.pattern.localeCompare(b.pattern) || a.method.localeCompare(b.method));
}
