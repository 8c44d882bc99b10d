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
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return 'application/fhir+json';
  if (produces.length) {
    // A concrete type by the quality of its most specific range; `*/*` (the stored content's own type) by any range.
    const accepted = (p: string) => (p.includes('*') ? ranges.some((r) => r.q > 0 && rangesOverlap(r.type, p)) : qualityOf(ranges, p) > 0);
    if (produces.some(accepted)) return 'application/fhir+json';
    // A FHIR client library sends its JSON Accept to every URL: served the bytes, unless it refused them by name.
    const refusedByName = produces.some((p) => ranges.some((r) => r.q === 0 && r.type !== '*/*' && rangesOverlap(r.type, p)));
    if (!refusedByName && ranges.some((r) => r.q > 0 && isJsonContentType(r.type))) return 'application/fhir+json';
    throw notAcceptable(`Accept: ${accept} cannot be satisfied: this operation answers ${produces.join(' or ')} (and its errors in FHIR JSON)`);
  }
  for (const { type, q } of ranges) {
    if (q === 0) continue;
    if (rangesOverlap(type, 'application/fhir+json') && qualityOf(ranges, 'application/fhir+json') > 0) return 'application/fhir+json';
    if (type === 'application/json+fhir') return 'application/fhir+json';
    if (rangesOverlap(type, 'application/json') && qualityOf(ranges, 'application/json') > 0) return 'application/json';
  }
  throw notAcceptable(`Accept: ${accept} cannot be satisfied: this sandbox answers FHIR JSON only (application/fhir+json or application/json)`);
}

interface AcceptRange {
  type: string;
  q: number;
}

/** The Accept header's media ranges (lower case) with their quality; a range that is not `type/subtype` is left out. */
function parseAccept(accept: string): AcceptRange[] {
  const out: AcceptRange[] = [];
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';');
    const type = range.trim().toLowerCase();
    if (!/^[^/\s]+\/[^/\s]+$/.test(type)) continue;
    const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    out.push({ type, q: Number.isFinite(q) ? q : 1 });
  }
  return out;
}

/** The quality the client gives `mediaType`: that of the most specific range matching it (RFC 9110 §12.5.1), else 0. */
function qualityOf(ranges: readonly AcceptRange[], mediaType: string): number {
  const [type] = mediaType.split('/');
  const exact = ranges.find((r) => r.type === mediaType);
  if (exact) return exact.q;
  const sub = ranges.find((r) => r.type === `${type}/*`);
  if (sub) return sub.q;
  return ranges.find((r) => r.type === '*/*')?.q ?? 0;
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
