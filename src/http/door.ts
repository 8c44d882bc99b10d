// What every request passes first: its Host must name this sandbox, a browser on another site cannot change
// anything, and every answer carries the security headers.
import type { NextFunction, Request, Response } from 'express';
import type { HostNames } from './host-names.js';
import { refuse } from './refusal.js';

/**
 * The door, one middleware (one router layer, not three): the security headers on every answer, then the Host
 * must name this sandbox, then no cross-origin write passes.
 */
export function door(names: HostNames) {
  const served = servedHosts(names);
  return (req: Request, res: Response, next: NextFunction): void => {
    setSecurityHeaders(res);
    const host = req.headers.host;
    if (host !== undefined && !served(host)) return refuseHost(req, res, host);
    const why = crossOriginWrite(names, req.method, req.headers);
    if (why !== undefined) return refuseCrossOrigin(req, res, why);
    next();
  };
}

/**
 * Security headers for every surface: no MIME sniffing, and no framing by other sites (pages that set their
 * own Content-Security-Policy replace this one and carry their own `frame-ancestors`).
 */
function setSecurityHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
}

/** Refuses a Host header that names something else (DNS rebinding): 421 Misdirected Request, in the surface's dialect. */
function refuseHost(req: Request, res: Response, host: string): void {
  refuse(req, res, 421, `this sandbox does not serve the host "${host.slice(0, 200)}"; use the host of its base URL, localhost or an IP address (start it with --base-url to name it)`);
}

/** How many Host values the door remembers the verdict of (a client uses one or two; a scan uses many). */
const REMEMBERED_HOSTS = 64;

/** `names.serves`, remembering the verdict for the last Host values seen: the same Host comes on every request. */
function servedHosts(names: HostNames): (host: string) => boolean {
  const known = new Map<string, boolean>();
  return (host) => {
    let verdict = known.get(host);
    if (verdict === undefined) {
      verdict = names.serves(host);
      if (known.size >= REMEMBERED_HOSTS) known.clear();
      known.set(host, verdict);
    }
    return verdict;
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
function refuseCrossOrigin(req: Request, res: Response, why: string): void {
  refuse(req, res, 403, `this sandbox refuses changes a web page on another origin sends (${why}); only its own pages, servers and tools that send no Origin may change it`);
}
