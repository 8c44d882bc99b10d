// The fuzzed request: a route from the app's table (or a scenario path), a method, headers and a body mutated from a valid one.
import fc from 'fast-check';
import type { Seed } from './corpus.js';
import { acceptHeader, encode, authorization, contentType, deepJsonText, hugeString, oddMethod, oddText, pathSegment, PROTO_KEYS, queryString, wrongValue } from './hostile.js';
import type { RouteEntry } from './route-table.js';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the generator did, for the report. */
  label: string;
}

/** Every JSON path of a value (arrays and objects), the root included. */
function pathsOf(value: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at);
  if (out.length > 400) return out;
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

/** A copy of `value` with the element at `path` replaced (or, for objects, a key added beside it). */
function replaceAt(value: unknown, path: Array<string | number>, next: unknown, addKey?: string): unknown {
  if (path.length === 0) {
    if (addKey !== undefined && value && typeof value === 'object' && !Array.isArray(value)) return JSON.parse(`{${JSON.stringify(addKey)}:${JSON.stringify(next) ?? 'null'},${JSON.stringify(value).slice(1)}`.replace(/,}$/, '}')) as unknown;
    return next;
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, next, addKey) : v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === head ? replaceAt(v, rest, next, addKey) : v]));
  return value;
}

/** A JSON seed mutated one to three times: wrong types, nulls, prototype keys, huge strings. */
function mutatedJson(seed: unknown): fc.Arbitrary<string> {
  const paths = pathsOf(seed);
  const one = fc.tuple(fc.constantFrom(...paths), wrongValue, fc.option(fc.constantFrom(...PROTO_KEYS, 'extra', ''), { freq: 3 }));
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((edits) => {
    let v = seed;
    for (const [p, next, key] of edits) v = replaceAt(v, p, next, key ?? undefined);
    return JSON.stringify(v) ?? 'null';
  });
}

/** Malformed text from a valid JSON body: cut, doubled, wrapped, with a stray byte. */
function brokenJson(seed: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(seed) ?? '';
  return fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n)),
    fc.constantFrom(`${text}${text}`, `[${text}`, `${text}}`, text.replace(/"/g, "'"), `\ufeff${text}`, text.replace(/:/, ''), 'null', 'true', '1', '""', '[]', '{"a":1,"a":2}', '\u0000'),
  );
}

/** An XML body from a SOAP seed: attributes blown up, entities, deep nesting, truncation. */
function hostileXml(seed: string): fc.Arbitrary<string> {
  return fc.oneof(
    hugeString.map((h) => seed.replace(/extension="[^"]*"/, `extension="${h.replace(/[<&"]/g, 'A')}"`)),
    fc.integer({ min: 0, max: seed.length }).map((n) => seed.slice(0, n)),
    fc.integer({ min: 70, max: 20_000 }).map((n) => seed.replace('<soap:Body>', `<soap:Body>${'<a>'.repeat(n)}${'</a>'.repeat(n)}`)),
    fc.constantFrom(
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${seed.replace('<soap:Body>', '<soap:Body>&c;')}`,
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${seed.replace('<soap:Body>', '<soap:Body>&e;')}`,
      seed.replace(/HCIM_IN_\w+/g, 'constructor'),
      seed.replace(/HCIM_IN_\w+/g, '__proto__'),
    ),
    oddText.map((t) => seed.replace(/extension="[^"]*"/, `extension="${t.replace(/[<&"]/g, '')}"`)),
  );
}

function bodyFor(seed: Seed | undefined): fc.Arbitrary<{ text?: string; label: string }> {
  const generic = fc.oneof(
    fc.constant({ text: undefined, label: 'no body' }),
    deepJsonText.map((text) => ({ text, label: 'deep JSON' })),
    hugeString.map((h) => ({ text: JSON.stringify({ resourceType: 'Bundle', id: h }), label: 'huge string' })),
    oddText.map((text) => ({ text, label: 'odd text' })),
    fc.json({ maxDepth: 4 }).map((text) => ({ text, label: 'random JSON' })),
  );
  const body = seed?.body;
  if (body === undefined) return generic;
  if (typeof body === 'string') {
    const xml = body.startsWith('<') ? hostileXml(body).map((text) => ({ text, label: 'hostile XML' })) : oddText.map((t) => ({ text: `${body}&${encode(t)}=${encode(t)}`, label: 'odd form' }));
    return fc.oneof({ weight: 4, arbitrary: xml }, { weight: 1, arbitrary: fc.constant({ text: body, label: 'valid seed' }) }, { weight: 1, arbitrary: generic });
  }
  return fc.oneof(
    { weight: 6, arbitrary: mutatedJson(body).map((text) => ({ text, label: 'mutated JSON' })) },
    { weight: 2, arbitrary: brokenJson(body).map((text) => ({ text, label: 'malformed JSON' })) },
    { weight: 1, arbitrary: fc.constant({ text: JSON.stringify(body), label: 'valid seed' }) },
    { weight: 1, arbitrary: generic },
  );
}

/** Fills `:param` and `{/*rest}` in an Express pattern. */
const concretePath = (pattern: string) =>
  fc.array(pathSegment, { minLength: 4, maxLength: 4 }).map((segs) => {
    let i = 0;
    return pattern.replace(/\{\/\*\w+\}/g, () => `/${segs[i++ % 4]}`).replace(/:\w+/g, () => segs[i++ % 4]!).replace(/\\\$/g, '$');
  });

/** One fuzzed request over the route table and the seeds. */
export function requestArbitrary(routes: readonly RouteEntry[], seeds: readonly Seed[]): fc.Arbitrary<FuzzRequest> {
  const fromRoute = fc.constantFrom(...routes).chain((r) => {
    const seed = seeds.find((s) => s.method === r.method && matches(r.pattern, s.path.split('?')[0]!));
    return fc.record({ method: fc.constant(r.method), path: concretePath(r.pattern), seed: fc.constant(seed) });
  });
  const fromSeed = fc.constantFrom(...seeds).map((s) => ({ method: s.method, path: s.path.replace(/\$\{\w+\}/g, 'x'), seed: s as Seed | undefined }));
  const traversal = fc.tuple(fc.constantFrom('/admin', '/ui', '/plr', '/hcim', '/ocean', '/pos', ''), fc.array(pathSegment, { minLength: 1, maxLength: 6 })).map(([root, segs]) => ({ method: 'GET', path: `${root}/${segs.join('/')}`, seed: undefined as Seed | undefined }));
  return fc
    .record({
      target: fc.oneof({ weight: 5, arbitrary: fromRoute }, { weight: 3, arbitrary: fromSeed }, { weight: 1, arbitrary: traversal }),
      oddMethod: fc.option(oddMethod, { freq: 8 }),
      query: fc.option(queryString, { freq: 3 }),
      contentType: fc.option(contentType, { freq: 6 }),
      accept: acceptHeader,
      authorization,
      userId: fc.option(fc.oneof(fc.constant('demo@IDIR'), oddText.map((t) => t.replace(/[^\x20-\x7e]/g, '?'))), { freq: 2 }),
      extraHeader: fc.option(fc.tuple(fc.constantFrom('x-forwarded-for', 'origin', 'content-encoding', 'transfer-encoding-x', 'soapaction', 'x-http-method-override', 'expect'), fc.constantFrom('gzip', 'deflate', 'br', 'http://evil.example', '100-continue', 'constructor', 'DELETE', '127.0.0.1, 10.0.0.1')), { freq: 4 }),
    })
    .chain((r) =>
      bodyFor(r.target.seed).map((b): FuzzRequest => {
        const headers: Record<string, string> = { ...(r.target.seed?.headers ?? {}) };
        const ct = r.contentType ?? (b.text === undefined ? undefined : typeof r.target.seed?.body === 'string' ? (r.target.seed.body.startsWith('<') ? 'text/xml' : 'application/x-www-form-urlencoded') : 'application/fhir+json');
        if (ct !== undefined) headers['content-type'] = ct;
        if (r.accept !== undefined) headers.accept = r.accept;
        if (r.authorization !== undefined) headers.authorization = r.authorization;
        if (r.userId !== null) headers.userid = r.userId;
        if (r.extraHeader) headers[r.extraHeader[0]] = r.extraHeader[1];
        for (const k of Object.keys(headers)) headers[k] = String(headers[k]).replace(/[^\t\x20-\x7e]/g, '?');
        return {
          method: r.oddMethod ?? r.target.method,
          path: `${r.target.path}${r.query ?? ''}`,
          headers,
          body: b.text === undefined ? undefined : Buffer.from(b.text, 'utf8'),
          label: b.label,
        };
      }),
    );
}

function matches(pattern: string, path: string): boolean {
  const a = pattern.replace(/\\\$/g, '$').split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}
