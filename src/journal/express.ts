// Journals every inbound exchange of a mounted system: request, response, timing, correlation ids.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Clock } from '../clock/index.js';
import { capturedMessage, captureLimit, decodeCapped } from './captured-body.js';
import { maskHeaders, type Journal } from './journal.js';

export interface JournalLocals {
  /** Set by handlers (through FhirResult.correlation) to index the entry. */
  correlation?: Record<string, string>;
  partner?: string;
}

/** Middleware that records the exchange once the response finishes (or the socket closes). */
export function journalInbound(system: string, journal: Journal, clock: Clock, bodyCap: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const time = clock.iso();
    const chunks: Buffer[] = [];
    const limit = captureLimit(bodyCap);
    let size = 0;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      // Only what the journal can keep is held; the rest is counted, not copied.
      if (size < limit) chunks.push(size + buf.length > limit ? buf.subarray(0, limit - size) : buf);
      size += buf.length;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return end(chunk, ...rest);
    }) as Response['end'];

    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      const locals = res.locals as JournalLocals;
      const requestBody = rawBodyOf(req, bodyCap);
      const responseType = String(res.getHeader('content-type') ?? '');
      const captured = chunks.length === 1 ? chunks[0] : chunks.length ? Buffer.concat(chunks) : undefined;
      const responseText = isText(responseType) ? decodeCapped(captured, bodyCap) : size ? `<${size} bytes of ${responseType}>` : undefined;
      journal.record({
        time,
        system,
        partner: locals.partner,
        direction: 'inbound',
        method: req.method,
        url: req.originalUrl,
        status: error ? undefined : res.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        request: capturedMessage(maskHeaders(req.headers), requestBody, bodyCap),
        response: capturedMessage(maskHeaders(res.getHeaders() as Record<string, string>), responseText, bodyCap),
        correlation: locals.correlation ?? {},
        error,
      });
    };
    res.on('finish', () => finish());
    res.on('close', () => finish(res.writableFinished ? undefined : 'connection closed before the response was sent'));
    next();
  };
}

function isText(contentType: string): boolean {
  return contentType === '' || /json|xml|text|html|x-www-form-urlencoded/.test(contentType);
}

/** Deeper parsed bodies are not turned back into text (JSON.stringify would exhaust the stack). */
const MAX_DEPTH = 64;

/** The request body as text: the raw bytes kept by the body parsers' verify hook, or the parsed value, guarded. */
function rawBodyOf(req: Request, cap: number): string | undefined {
  const raw = (req as Request & { rawBody?: Buffer }).rawBody;
  if (raw) return decodeCapped(raw, cap);
  if (req.body === undefined || req.body === null) return undefined;
  if (typeof req.body === 'string') return req.body;
  if (depthExceeds(req.body, MAX_DEPTH)) return `<parsed body nested deeper than ${MAX_DEPTH} levels, not journaled>`;
  return JSON.stringify(req.body);
}

/** Iterative depth check: true as soon as a value nests deeper than `limit`. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= limit) return true;
    for (const child of Object.values(v as object)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}
