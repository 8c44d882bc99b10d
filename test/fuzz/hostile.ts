// Hostile values: what a fuzzed request puts in a path segment, a query, a header or a JSON element.
import fc from 'fast-check';

/** encodeURIComponent that takes lone surrogates too (as U+FFFD). */
export const encode = (text: string): string => encodeURIComponent((text as unknown as { toWellFormed(): string }).toWellFormed());

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** Deep JSON nesting as text (arrays or objects), up to 20 000 levels. */
export const deepJsonText = fc.tuple(fc.integer({ min: 60, max: 20_000 }), fc.boolean()).map(([n, arrays]) => (arrays ? '['.repeat(n) + '1' + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n)));

/** A long run of one character: the ReDoS and echo probe. */
export const hugeString = fc.tuple(fc.constantFrom('A', '/', '<', ' ', '\\', 'é', '𝕏', '0', '|', '.'), fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1_000, max: 70_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 70_000, max: 1_200_000 }) })).map(([c, n]) => c.repeat(Math.ceil(n / c.length)));

/** Text that is odd for a server: control characters, lone surrogates, bidi marks, NUL, CR-LF. */
export const oddText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\r\n', '\ud800', '\udfff', '\u202e', '\ufeff', 'Nguyễn 王', '😀', '%00', '%', '%%', '%zz', '%ff', "'; DROP TABLE x;--", '<script>alert(1)</script>', '${x}', '{{x}}', '../', '..\\'),
);

/** Any JSON value a wrong-type probe may put in place of an element. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(null, 0, -1, 1.5, 1e308, -0, true, false, '', [], {}, [null], [[]], [{}], { '': '' }) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 2, arbitrary: oddText },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }).map((t) => JSON.parse(t) as unknown) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'A'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS).map((k) => JSON.parse(`{"${k}": {"polluted": true}}`) as unknown) },
);

/** A value for an Express `:param` or a `{/*rest}` segment. */
export const pathSegment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('demo', 'x', '1', 'IPC.00100001.BC.PRS', '9876543218', 'pt-0', 'acme', 'snap-1', 'REF-1', 'Patient', 'current') },
  { weight: 3, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom('..', '../..', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2f', '....//', '%00', '%252e%252e', '.', '', '~', '%c0%ae%c0%ae') },
  { weight: 2, arbitrary: oddText.map(encode) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 60_000 }).map((n) => 'a'.repeat(n)) },
);

/** A query string: FHIR's _format and _pretty, bracketed (qs) keys, arrays, prototype keys, long values. */
export const queryString = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom('_format', '_pretty', '_count', 'identifier', 'name', 'limit', 'since', 'state', 'site', 'attachments', 'system', 'partner'), pathSegment),
    fc.tuple(fc.constantFrom(...PROTO_KEYS, 'a[__proto__][x]', 'a[b][c][d][e][f][g]', 'a[]', 'a[0]', '_format[]', '_format[x]', 'a[constructor][prototype]'), pathSegment),
    fc.tuple(fc.constantFrom('_format'), fc.constantFrom('json', 'xml', 'application/fhir+json', 'text/html', 'constructor', '__proto__', '')),
  ),
  { maxLength: 6 },
).map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${v}`).join('&')}` : ''));

export const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/fhir+json', 'text/xml; charset=utf-8', 'application/x-www-form-urlencoded') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', 'text/plain', 'application/json; charset=utf-16', 'application/json; charset=bogus', 'application/fhir+json; fhirVersion=4.0', 'multipart/form-data; boundary=x', 'application/xml', 'application/json+fhir', '*/*', 'application/json, text/xml', 'constructor', 'application/json; charset=utf-32'),
  },
);

export const acceptHeader = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('application/fhir+json', 'application/json', '*/*', 'application/fhir+xml', 'text/html', 'application/fhir+json;fhirVersion=4.0;BCPLRVersion=1', 'application/fhir+json; constructor=1; __proto__=x', 'application/fhir+json;fhirVersion=9', ''),
);

export const authorization = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('Bearer x', 'Bearer ', 'Basic ZGVtbzpkZW1v', 'Bearer a.b.c', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Negotiate x', 'Bearer constructor') },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 7_000 }).map((n) => `Bearer ${'A'.repeat(n)}`) },
);

export const oddMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'TRACE', 'MKCOL', 'FOO');
