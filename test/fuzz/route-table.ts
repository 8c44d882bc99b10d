// The route table of the running app (the same walk of Express's router stack as the API description): every mounted path and its methods.
import type express from 'express';
import { mountedRoutes } from '../../src/openapi/live-routes.js';

export interface RouteEntry {
  method: string;
  /** Express path pattern with its mount prefix, e.g. `/plr/HSA-web/fhir-rs/Practitioner/:id`. */
  pattern: string;
}

/** Every mounted method and path (an `all()` handler stands for the four common methods), sorted. */
export function routeTable(app: express.Express): RouteEntry[] {
  const out = new Map<string, RouteEntry>();
  for (const { path, methods } of mountedRoutes(app)) {
    for (const m of methods) {
      if (m === '_all') for (const all of ['GET', 'POST', 'PUT', 'DELETE']) out.set(`${all} ${path}`, { method: all, pattern: path });
      else out.set(`${m.toUpperCase()} ${path}`, { method: m.toUpperCase(), pattern: path });
    }
  }
  return [...out.values()].sort((a, b) => a.pattern.localeCompare(b.pattern) || a.method.localeCompare(b.method));
}
