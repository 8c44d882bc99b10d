// The one JSON body parser of every surface: keeps the raw bytes (for the journal) and bounds nesting depth before parsing.
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { IncomingMessage } from 'node:http';

/**
 * Deepest nesting of arrays and objects a request body may have. Real FHIR messages stay far below
 * (a Bundle holding a QuestionnaireResponse with nested items is about 15 deep); past this, the body
 * is a 400 before anything walks it recursively (stringify, structuredClone, validation).
 */
export const MAX_JSON_DEPTH = 64;

/** Marks the body-parser error so that each surface renders it in its own dialect. */
export const TOO_DEEP = 'entity.too.deep';

/** Keeps the raw body on the request, for the journal. */
export const keepRawBody = (req: Request, _res: Response, buf: Buffer) => {
  (req as Request & { rawBody?: Buffer }).rawBody = buf;
};

/** The deepest array/object nesting of a JSON text, ignoring brackets inside strings; one linear pass. */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest && (deepest = depth) > stopAbove) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** The verify hook: raw body kept, then a 400 (`entity.too.deep`) when the text nests deeper than the bound. */
export function keepRawBodyAndBoundDepth(req: Request, res: Response, buf: Buffer, encoding: string): void {
  keepRawBody(req, res, buf);
  const text = !encoding || /^utf-?8$/i.test(encoding) ? buf.toString('utf8') : new TextDecoder(encoding).decode(buf);
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw Object.assign(new Error(`the request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, statusCode: 400, expose: true, type: TOO_DEEP });
  }
}

export interface JsonBodyOptions {
  limitBytes: number | string;
  /** Content types parsed (default: application/json and application/fhir+json). */
  type?: string | string[] | ((req: IncomingMessage) => boolean);
}

/** express.json with the raw body kept and the depth bounded: every JSON parser of the sandbox is this one. */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  return express.json({
    limit: options.limitBytes,
    strict: true,
    type: options.type ?? ['application/json', 'application/fhir+json'],
    verify: keepRawBodyAndBoundDepth,
  });
}
