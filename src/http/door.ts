// What every request passes first: its Host must name this sandbox, and every answer carries the security headers.
import type { NextFunction, Request, Response } from 'express';
import type { HostNames } from './host-names.js';
import { refuse } from './refusal.js';

/**
 * Security headers for every surface: no MIME sniffing, and no framing by other sites (pages that set their
 * own Content-Security-Policy replace this one and carry their own `frame-ancestors`).
 */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  next();
}

/** Refuses a Host header that names something else (DNS rebinding): 421 Misdirected Request, in the surface's dialect. */
export function hostGuard(names: HostNames) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = req.headers.host;
    if (host === undefined || names.serves(host)) return next();
    refuse(req, res, 421, `this sandbox does not serve the host "${host.slice(0, 200)}"; use the host of its base URL, localhost or an IP address (start it with --base-url to name it)`);
  };
}
