// The admin API's door: the admin token when one is set, JSON bodies only (foreign origins are refused before, at the sandbox's door).
import type { NextFunction, Request, Response } from 'express';
import { refuse } from '../http/refusal.js';
import type { AdminAccess } from './access.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/(?:fhir\+)?json\s*(?:;|$)/i;

/** Routes open without the token: the liveness probe (no secrets) and the sign-in link (checks the token itself). */
const OPEN = new Set(['GET /health', 'HEAD /health', 'GET /login']);

/**
 * Guards a browser-facing control surface (the admin API, the dashboard's own API):
 * - with an admin token set, every call presents it (`Authorization: Bearer`, or the dashboard's sign-in cookie);
 * - a write carrying a body must say it is JSON (a cross-site form cannot), else 415.
 */
export function controlGuard(access: AdminAccess, label: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!OPEN.has(`${req.method} ${req.path}`) && !access.admits(req)) {
      return refuse(req, res, 401, `the ${label} needs the admin token: send "Authorization: Bearer <token>" (printed in the start banner; rotate with POST /admin/token/rotate)`, { 'WWW-Authenticate': 'Bearer realm="hie-sandbox admin"' });
    }
    if (READS.has(req.method)) return next();
    const type = req.headers['content-type'];
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if ((type !== undefined && !JSON_TYPE.test(type)) || (type === undefined && hasBody)) {
      return refuse(req, res, 415, `the ${label} takes JSON: send the body with "Content-Type: application/json" (or no body at all)`);
    }
    next();
  };
}
