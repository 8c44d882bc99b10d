// What every request passes first: its Host must name this sandbox, a browser on another site cannot change
// anything, and every answer carries the security headers.
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

/** Methods that change nothing (RFC 9110 §9.2.1 safe methods): open to every origin. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a request is a cross-origin write a browser sent on another site's behalf, or undefined when it is not.
 * Go's `http.CrossOriginProtection` algorithm: `Sec-Fetch-Site` (set by browsers, never by scripts) decides when
 * present; else an `Origin` must be this sandbox's own; a request with neither comes from a tool, not a page.
 * See: https://pkg.go.dev/net/http#CrossOriginProtection, https://www.w3.org/TR/fetch-metadata/
 */
export function crossOriginWrite(names: HostNames, method: string, headers: { origin?: string; host?: string; 'sec-fetch-site'?: string | string[] }): string | undefined {
  if (SAFE.has(method)) return undefined;
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? undefined : `Sec-Fetch-Site: ${String(site).slice(0, 40)}`;
  const origin = headers.origin;
  if (origin === undefined || names.sameOrigin(origin, headers.host)) return undefined;
  return `Origin: ${origin.slice(0, 200)}`;
}

/**
 * Refuses every state-changing request a web page on another origin makes the browser send (CSRF), on every
 * surface: 403 in the surface's dialect, before any handler runs. Reads stay open (without CORS a page cannot
 * read the answer); servers and tools send no Origin and pass.
 */
export function crossOriginGuard(names: HostNames) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const why = crossOriginWrite(names, req.method, req.headers);
    if (why === undefined) return next();
    refuse(req, res, 403, `this sandbox refuses changes a web page on another origin sends (${why}); only its own pages, servers and tools that send no Origin may change it`);
  };
}
