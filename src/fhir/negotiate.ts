// Content negotiation: which JSON flavour to answer with, and whether the request body's type is acceptable.
import { notAcceptable } from './errors.js';
import { own } from '../validation/own.js';

export type JsonFlavour = 'application/fhir+json' | 'application/json';

const FORMAT_ALIASES: Record<string, JsonFlavour | 'xml'> = {
  json: 'application/fhir+json',
  'application/json': 'application/json',
  'application/fhir+json': 'application/fhir+json',
  'application/json+fhir': 'application/fhir+json',
  xml: 'xml',
  'application/xml': 'xml',
  'application/fhir+xml': 'xml',
  'text/xml': 'xml',
};

/**
 * Picks the response type from `_format` (which wins) or `Accept`. Parameters such as
 * `fhirVersion=4.0;BCPLRVersion=1` are ignored here. XML is refused with a 406 outcome. `produces` are the media
 * ranges a route answers with raw bytes (a PDF, an attachment): an Accept naming one of them is satisfied too, and the
 * JSON flavour is then what an error would be written in.
 * See: https://hl7.org/fhir/R4/http.html#mime-type, https://www.rfc-editor.org/rfc/rfc9110#name-accept
 */
export function negotiate(format: unknown, accept: string | undefined, produces: readonly string[] = []): JsonFlavour {
  if (typeof format === 'string' && format) {
    const f = own(FORMAT_ALIASES, format.trim().toLowerCase().replace(/\s/g, '').split(';')[0]);
    if (!f || f === 'xml') throw notAcceptable(`_format=${format} is not supported: this sandbox speaks FHIR JSON only (_format=json)`);
    return f;
  }
  if (!accept) return 'application/fhir+json';
  const ranges = accept.split(',').filter((t) => t.trim());
  if (ranges.length === 0) return 'application/fhir+json';
  const types = ranges.filter((t) => !refused(t)).map((t) => t.split(';')[0]!.trim().toLowerCase());
  for (const t of types) {
    if (t === 'application/fhir+json' || t === 'application/json+fhir' || t === '*/*' || t === 'application/*') return 'application/fhir+json';
    if (t === 'application/json') return 'application/json';
    if (produces.some((p) => rangesOverlap(t, p))) return 'application/fhir+json';
  }
  if (produces.length) throw notAcceptable(`Accept: ${accept} cannot be satisfied: this operation answers ${produces.join(' or ')} (and its errors in FHIR JSON)`);
  throw notAcceptable(`Accept: ${accept} cannot be satisfied: this sandbox answers FHIR JSON only (application/fhir+json or application/json)`);
}

/** True for a media range the client marks not acceptable (`;q=0`, RFC 9110 §12.4.2). */
function refused(range: string): boolean {
  const q = /;\s*q\s*=\s*([0-9.]+)/i.exec(range);
  return q !== null && Number(q[1]) === 0;
}

/** True when two media ranges (`image/png`, `image/*`, `*\/*`) have a type in common; both are lower case. */
function rangesOverlap(a: string, b: string): boolean {
  const [aType, aSub = ''] = a.split('/');
  const [bType, bSub = ''] = b.split('/');
  const part = (x: string | undefined, y: string | undefined) => x === '*' || y === '*' || x === y;
  return part(aType, bType) && part(aSub, bSub);
}

/** True for a JSON request content type (FHIR or plain). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  return t === 'application/fhir+json' || t === 'application/json' || t === 'application/json+fhir';
}

/** True when `_pretty=true`. */
export function wantsPretty(pretty: unknown): boolean {
  return pretty === 'true' || pretty === '1';
}
