// The only place FHIR handlers meet Express: body parsing, negotiation, faults, the route table, errors.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import Boom from '@hapi/boom';
import { applyInboundFault, markFaulted, type Faults } from '../faults/index.js';
import type { JournalLocals } from '../journal/index.js';
import { exception, fhirError, invalid, isFhirBoom, methodNotAllowed, structure, tooLarge, unknownRoute, unsupportedMediaType, type FhirBoom } from './errors.js';
import { jsonBody, TOO_DEEP } from './json-body.js';
import { findShapeProblem, type ShapeProblem } from './json-shape.js';
import { isJsonContentType, negotiate, wantsPretty } from './negotiate.js';
import { operationOutcome } from './outcome.js';
import { describeExpressRoute, type FhirRequest, type FhirResult, type HttpMethod, type RouteDef } from './routes.js';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface FhirRouterOptions {
  routes: readonly RouteDef[];
  faults: Faults;
  /** Absolute base URL of the surface, for links and fullUrls. */
  baseUrl: (req: Request) => string;
  /** Runs before every handler (authentication, header rules); throws a FhirBoom to refuse. */
  guard?: (req: FhirRequest, route: RouteDef) => Promise<void> | void;
  bodyLimitBytes: number;
  log: Logger;
  /** Renders a body whose JSON shape R4 forbids in the surface's dialect (default: a 400 `structure` outcome). */
  shapeError?: (problem: ShapeProblem, route: RouteDef) => FhirBoom;
}

/** The default rendering of a shape problem: a 400 structure outcome naming the element. */
export const shapeStructureError = (problem: ShapeProblem): FhirBoom => structure(`${problem.path} ${problem.message}`, { expression: [problem.path] });

/** JSON body parser for FHIR routes: refuses other content types with a 415 outcome. */
export function fhirJsonBody(limitBytes: number): RequestHandler {
  const parse = jsonBody({ limitBytes, type: () => true });
  return (req, res, next) => {
    const hasBody = req.headers['content-length'] !== '0' && (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined);
    if (!hasBody || req.method === 'GET' || req.method === 'HEAD') return next();
    if (!isJsonContentType(req.headers['content-type'])) {
      return next(
        unsupportedMediaType(
          `Content-Type ${req.headers['content-type'] ?? '(none)'} is not accepted: send application/fhir+json or application/json`,
        ),
      );
    }
    parse(req, res, next);
  };
}

/** Builds an Express router from a route table. */
export function createFhirRouter(options: FhirRouterOptions): express.Router {
  const router = express.Router();
  router.use(fhirJsonBody(options.bodyLimitBytes));
  const methodsByPath = new Map<string, Set<HttpMethod>>();
  for (const route of options.routes) {
    (methodsByPath.get(route.path) ?? methodsByPath.set(route.path, new Set()).get(route.path)!).add(route.method);
    const expressRoute = router.route(route.path);
    describeExpressRoute(expressRoute, route);
    expressRoute[route.method.toLowerCase() as 'get'](async (req: Request, res: Response, next: NextFunction) => {
      try {
        // Express 5 parses the query string again on every read of req.query: once here.
        const query = req.query as Record<string, string | string[]>;
        const flavour = negotiate(query._format, req.headers.accept, route.produces);
        const fhirReq = toFhirRequest(req, options.baseUrl(req), query);
        await options.guard?.(fhirReq, route);
        const problem = fhirReq.body === undefined ? undefined : findShapeProblem(fhirReq.body);
        if (problem) throw (options.shapeError ?? shapeStructureError)(problem, route);
        (res.locals as JournalLocals).partner = fhirReq.partner;
        // After the guard, so that a fault armed for one partner knows whose request this is.
        if (route.seam) {
          const effect = options.faults.check(route.seam, { partner: fhirReq.partner });
          if (effect) markFaulted(effect, res, route.seam);
          if (effect && (await applyInboundFault(effect, res))) return;
        }
        const result = await route.handler(fhirReq);
        sendResult(res, result, flavour, wantsPretty(query._pretty));
      } catch (err) {
        next(err);
      }
    });
  }
  for (const [path, methods] of methodsByPath) {
    router.all(path, (req, _res, next) =>
      next(methodNotAllowed(`${req.method} is not supported on ${req.baseUrl}${req.path}; use ${[...methods].join(' or ')}`, [...methods])),
    );
  }
  return router;
}

function toFhirRequest(req: Request, baseUrl: string, query: Record<string, string | string[]>): FhirRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return {
    method: req.method as HttpMethod,
    path: req.path,
    params: { ...(req.params as Record<string, string>) },
    query: { ...query },
    headers,
    body: req.body,
    baseUrl,
    url: `${req.protocol}://${req.get('host')}${req.originalUrl}`,
  };
}

/** Sends a handler's result: JSON resources in the negotiated flavour, raw bodies as they are. */
export function sendResult(res: Response, result: FhirResult, flavour: string, pretty: boolean): void {
  if (result.correlation) (res.locals as JournalLocals).correlation = { ...(res.locals as JournalLocals).correlation, ...result.correlation };
  res.status(result.status ?? 200);
  if (result.headers) res.set(result.headers);
  if (result.body !== undefined) {
    res.type(result.contentType ?? 'application/octet-stream').send(result.body);
  } else if (result.resource !== undefined || result.json !== undefined) {
    const json = result.json;
    const text = json === undefined ? JSON.stringify(result.resource, null, pretty ? 2 : undefined) : pretty ? JSON.stringify(JSON.parse(joined(json).toString()), null, 2) : json;
    if (plainAnswer(res)) {
      // What res.send would do here, without parsing and formatting the type twice. A short answer goes out as
      // the string it is (Node writes it after the head, and the journal keeps it without a copy); a long one as
      // bytes, written beside the head rather than joined to it; chunks one after another (Node corks the socket
      // for the tick, so they leave in one write).
      res.setHeader('Content-Type', FLAVOUR_TYPES.get(flavour) ?? `${flavour}; charset=utf-8`);
      const body = typeof text === 'string' && text.length > STRING_ANSWER_MAX ? Buffer.from(text, 'utf8') : text;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.length);
        res.end(body);
      } else {
        res.setHeader('Content-Length', body.reduce((n, c) => n + c.length, 0));
        for (let i = 0; i < body.length - 1; i++) res.write(body[i]);
        res.end(body[body.length - 1]);
      }
    } else {
      res.type(`${flavour}; charset=utf-8`).send(joined(text));
    }
  } else {
    res.end();
  }
}

/** One string or buffer of a JSON text (for the rare answer that Express must see whole). */
const joined = (json: string | Buffer | readonly Buffer[]): string | Buffer => (typeof json === 'string' || Buffer.isBuffer(json) ? json : Buffer.concat(json));

/** Characters up to which an answer is written as a string (measured: longer ones cost more than bytes). */
const STRING_ANSWER_MAX = 16 * 1024;

const FLAVOUR_TYPES = new Map<string, string>([
  ['application/fhir+json', 'application/fhir+json; charset=utf-8'],
  ['application/json', 'application/json; charset=utf-8'],
]);

/**
 * True when res.send would neither answer 304 (a conditional request, or a validator it could match), strip the
 * body (HEAD, 204, 205, 304) nor change the headers: the answer can then be written as it is.
 */
function plainAnswer(res: Response): boolean {
  const { method, headers } = res.req;
  const status = res.statusCode;
  if (method === 'HEAD' || status === 204 || status === 205 || status === 304) return false;
  if (headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) return false;
  return !res.hasHeader('etag') && !res.hasHeader('last-modified');
}

/** Renders every error as an OperationOutcome; a bug is a logged 500 `exception` without a stack. */
export function fhirErrorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const boom = toFhirBoom(err);
    if (boom.output.statusCode >= 500) {
      log.error('unhandled error', { method: req.method, url: req.originalUrl, error: (err as Error)?.stack ?? String(err) });
    }
    const data = boom.data!;
    if (data.correlation) (res.locals as JournalLocals).correlation = { ...(res.locals as JournalLocals).correlation, ...data.correlation };
    res.status(boom.output.statusCode);
    if (data.headers) res.set(data.headers);
    res.type('application/fhir+json; charset=utf-8').send(JSON.stringify(data.outcome, null, wantsPretty(req.query?._pretty) ? 2 : undefined));
  };
}

/** Any error a FHIR route can raise, as the FhirBoom the error handler renders (body-parser errors included). */
export function toFhirBoom(err: unknown): FhirBoom {
  if (isFhirBoom(err)) return err;
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string; limit?: number };
  switch (e.type) {
    case 'entity.parse.failed':
      return structure(`the request body is not valid JSON: ${e.message ?? 'parse error'}`);
    case TOO_DEEP:
      return structure(e.message ?? 'the request body nests too deeply');
    case 'entity.too.large':
      return tooLarge(`the request body is larger than the ${Math.round((e.limit ?? 0) / 1024)} KB limit`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return unsupportedMediaType(e.message ?? 'unsupported encoding');
    case 'request.aborted':
    case 'request.size.invalid':
      return invalid(e.message ?? 'the request body was incomplete');
  }
  if (Boom.isBoom(err) && err.output.statusCode < 500) {
    return fhirError(err.output.statusCode, operationOutcome({ code: 'invalid', diagnostics: err.message }));
  }
  const status = e.statusCode ?? e.status;
  if (status && status >= 400 && status < 500) return invalid(e.message ?? 'bad request');
  return exception('an internal error occurred in the sandbox; the details are in its log');
}
