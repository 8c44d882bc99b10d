// Journals every inbound exchange of a mounted system: request, response, timing, correlation ids.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Clock } from '../clock/index.js';
import { cappedText, capturedBytes, capturedMessage, captureLimit, type RawHeaders } from './captured-body.js';
import type { Journal, JournalMessage } from './journal.js';

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
    // A text answer written as strings (the FHIR adapter's JSON) is kept as strings: no copy into a Buffer.
    const texts: string[] = [];
    let chars = 0;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keepBytes = (buf: Buffer) => {
      // Only what the journal can keep is held; the rest is counted, not copied.
      if (size < limit) chunks.push(size + buf.length > limit ? buf.subarray(0, limit - size) : buf);
      size += buf.length;
    };
    const keep = (chunk: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      if (typeof chunk === 'string' && chunks.length === 0 && isText(String(res.getHeader('content-type') ?? ''))) {
        if (chars <= bodyCap) texts.push(chars + chunk.length > bodyCap + 1 ? chunk.slice(0, bodyCap + 1 - chars) : chunk);
        chars += chunk.length;
        return;
      }
      // Anything else (bytes, or text after bytes): as bytes, the strings kept so far first.
      if (texts.length) keepBytes(Buffer.from(texts.splice(0).join('')));
      keepBytes(asBytes(chunk));
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
      const responseType = String(res.getHeader('content-type') ?? '');
      const responseHeaders = res.getHeaders();
      const response = texts.length
        ? capturedMessage(responseHeaders, cappedText(texts.length === 1 ? texts[0]! : texts.join(''), bodyCap), bodyCap)
        : isText(responseType)
          ? capturedBytes(responseHeaders, chunks, bodyCap)
          : capturedMessage(responseHeaders, size ? `<${size} bytes of ${responseType}>` : undefined, bodyCap);
      journal.record({
        time,
        system,
        partner: locals.partner,
        direction: 'inbound',
        method: req.method,
        url: req.originalUrl,
        status: error ? undefined : res.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        request: requestMessage(req, bodyCap),
        response,
        correlation: locals.correlation ?? {},
        error,
      });
    };
    res.on('finish', () => finish());
    res.on('close', () => finish(res.writableFinished ? undefined : 'connection closed before the response was sent'));
    next();
  };
}

/** A written chunk as bytes: a Buffer as it is, any other Uint8Array as a view of the same memory, else its text. */
function asBytes(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk));
}

function isText(contentType: string): boolean {
  return contentType === '' || /json|xml|text|html|x-www-form-urlencoded/.test(contentType);
}

/** Deeper parsed bodies are not turned back into text (JSON.stringify would exhaust the stack). */
const MAX_DEPTH = 64;

/** The request as journaled: the raw bytes kept by the body parsers' verify hook, or the parsed value, guarded. */
function requestMessage(req: Request, cap: number): JournalMessage {
  const headers: RawHeaders = req.headers;
  const raw = (req as Request & { rawBody?: Buffer }).rawBody;
  if (raw) return capturedBytes(headers, raw, cap);
  if (req.body === undefined || req.body === null) return capturedMessage(headers, undefined, cap);
  if (typeof req.body === 'string') return capturedMessage(headers, req.body, cap);
  if (depthExceeds(req.body, MAX_DEPTH)) return capturedMessage(headers, `<parsed body nested deeper than ${MAX_DEPTH} levels, not journaled>`, cap);
  return capturedMessage(headers, JSON.stringify(req.body), cap);
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
