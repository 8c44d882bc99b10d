// The journal keeps the first `cap` characters of an answer written as bytes (plus one, to tell a cut). Decoding the
// whole of a 145 KB answer for that cost ~170-430 µs a request; a mostly ASCII answer needs only a prefix.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capturedBytes, capturedMessage, captureLimit, decodeCapped } from '../../src/journal/captured-body.js';
import { keptLength } from '../../src/journal/kept-length.js';

afterEach(() => vi.restoreAllMocks());

/** Pieces of a body's bytes: text, arbitrary bytes (invalid sequences included), and the given special strings. */
const bodyPiece = (...specials: string[]) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 12 }).map((a) => Buffer.from(a)),
    fc.constantFrom(...specials).map((s) => Buffer.from(s)),
  );

/** What the journal must keep: the first cap + 1 UTF-16 units of the whole body's decoding. */
const expected = (raw: Buffer, cap: number) => raw.toString('utf8').slice(0, cap + 1);

describe('decodeCapped', () => {
  it('gives the first cap + 1 characters of the whole decoding, whatever the bytes (cut characters, invalid sequences)', () => {
    const piece = bodyPiece('é', '€', '😀', '\u{10FFFF}');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 0, max: 120 }), (pieces, cap) => {
        const raw = Buffer.concat(pieces);
        const got = decodeCapped(raw, cap);
        if (raw.length === 0) {
          expect(got).toBeUndefined();
        } else {
          expect(got!.slice(0, cap + 1)).toBe(expected(raw, cap));
          // The cut is told the same way: more than cap characters exactly when the whole decoding has more.
          expect(got!.length > cap).toBe(raw.toString('utf8').length > cap);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a body written in chunks as their concatenation, copying only the prefix it decodes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 30 }), { maxLength: 20 }), fc.integer({ min: 0, max: 80 }), (parts, cap) => {
        const chunks = parts.map((p) => Buffer.from(p));
        const whole = Buffer.concat(chunks);
        expect(decodeCapped(chunks, cap)?.slice(0, cap + 1)).toBe(decodeCapped(whole, cap)?.slice(0, cap + 1));
      }),
      { numRuns: 1000 },
    );
    const concat = vi.spyOn(Buffer, 'concat');
    decodeCapped([Buffer.from('x'.repeat(100_000)), Buffer.from('y'.repeat(100_000))], 1000);
    expect(Math.max(...concat.mock.results.map((r) => (r.value as Buffer).length))).toBeLessThan(1100);
  });

  it('decodes only a prefix of a long ASCII answer', () => {
    const raw = Buffer.from('x'.repeat(200_000));
    const toString = vi.spyOn(Buffer.prototype, 'toString');
    expect(decodeCapped(raw, 1000)!.slice(0, 1001)).toBe('x'.repeat(1001));
    const decoded = toString.mock.calls.map(([, start, end]) => Number(end ?? raw.length) - Number(start ?? 0));
    expect(Math.max(...decoded)).toBeLessThan(1100);
  });
});

describe('capturedMessage', () => {
  const token = 'Bearer abcdefghijklmnopqrstuvwxyz';

  it('serializes as the masked message only: headers, a body when there is one, truncated only when cut', () => {
    const headers = { Authorization: token, 'content-type': 'application/json', skipped: undefined };
    const whole = capturedMessage(headers, '{"password":"hunter22","a":1}', 100);
    expect(JSON.parse(JSON.stringify(whole))).toEqual({
      headers: { authorization: 'Bearer ***wxyz', 'content-type': 'application/json' },
      body: '{"password":"***","a":1}',
    });
    // The body's 29 characters and the headers as received (names and values, masking aside).
    expect(keptLength(whole)).toBe(29 + 'Authorization'.length + token.length + 'content-type'.length + 'application/json'.length + 'skipped'.length);

    for (const empty of [undefined, '']) {
      const bare = capturedMessage({ a: '1' }, empty, 100);
      expect(JSON.parse(JSON.stringify(bare))).toEqual({ headers: { a: '1' } });
      expect(bare.body).toBeUndefined();
      expect(keptLength(bare)).toBe('a1'.length);
    }

    const cut = capturedMessage({}, 'x'.repeat(50), 10);
    expect(JSON.parse(JSON.stringify(cut))).toEqual({ headers: {}, body: 'x'.repeat(10), truncated: true });
    expect(cut.truncated).toBe(true);
    expect(keptLength(cut)).toBe(10);
  });

  it('masks on first read and reuses the result (readers see one object, the raw secret never)', () => {
    const message = capturedMessage({ authorization: token }, 'client_secret=s3cr3t&x=1', 100);
    expect(message.headers).toBe(message.headers);
    expect(message.body).toBe('client_secret=***&x=1');
    expect(JSON.stringify(message)).not.toContain('abcdefghijklmnop');
    expect(JSON.stringify(message)).not.toContain('s3cr3t');
  });
});

describe('capturedBytes', () => {
  /** Bytes in memory of their own (as a cached answer or a large `Buffer.from` is), not a view of a larger buffer. */
  const own = (bytes: Uint8Array) => {
    const b = Buffer.allocUnsafeSlow(bytes.length);
    b.set(bytes);
    return b;
  };
  const asJson = (m: unknown) => JSON.parse(JSON.stringify(m));

  it('shows what decoding the bytes now would show, whatever the bytes, the chunks and the cap', () => {
    const piece = bodyPiece('é', '€', '😀', '"password":"x"');
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 8 }), { maxLength: 8 }), fc.integer({ min: 0, max: 120 }), fc.boolean(), (parts, cap, owned) => {
        const chunks = parts.map((p) => (owned ? own(Buffer.concat(p)) : Buffer.concat(p)));
        const eager = capturedMessage({ a: '1' }, decodeCapped(chunks, cap), cap);
        const lazy = capturedBytes({ a: '1' }, chunks, cap);
        expect(asJson(lazy)).toEqual(asJson(eager));
        expect(lazy.truncated).toBe(eager.truncated);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps a large answer as written and decodes it only when read, once', () => {
    const answer = own(Buffer.from(JSON.stringify({ resourceType: 'Bundle', entry: Array.from({ length: 3000 }, (_, i) => ({ fullUrl: `urn:uuid:${i}` })) })));
    // Past the cap, and within twice the bytes the journal keeps of it (the head of a cached answer is all of it).
    const cap = 20_000;
    expect(answer.length).toBeGreaterThan(captureLimit(cap));
    expect(answer.length).toBeLessThan(2 * captureLimit(cap));
    const toString = vi.spyOn(Buffer.prototype, 'toString');
    const message = capturedBytes({}, [answer], cap);
    expect(toString).not.toHaveBeenCalled();
    expect(keptLength(message)).toBe(answer.length);
    expect(message.body).toBe(answer.toString('utf8', 0, cap));
    expect(message.truncated).toBe(true);
    const calls = toString.mock.calls.length;
    expect(message.body).toBe(message.body);
    expect(toString.mock.calls.length).toBe(calls);
  });

  it('decodes at once bytes that would keep much more memory alive than they show, and counts only what it keeps', () => {
    const cap = 1000;
    // The head of a 10 MB answer, and a small body in a shared pool slab: views of far larger memory.
    const big = own(Buffer.alloc(10 * 1024 * 1024, 'x'));
    const pooled = Buffer.from('{"a":1}');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length * 2);
    for (const chunk of [big, pooled]) {
      const toString = vi.spyOn(Buffer.prototype, 'toString');
      const message = capturedBytes({}, [chunk], cap);
      expect(toString).toHaveBeenCalled();
      expect(keptLength(message)).toBeLessThanOrEqual(cap);
      expect(message.body).toBe(chunk.toString('utf8', 0, Math.min(chunk.length, cap)));
      vi.restoreAllMocks();
    }
    // What is kept as written stays within twice what it shows, at most twice the capture limit.
    const written = own(Buffer.alloc(captureLimit(cap) + 500, 'y'));
    const kept = capturedBytes({}, [written], cap);
    expect(keptLength(kept)).toBe(written.length);
    expect(keptLength(kept)).toBeLessThanOrEqual(2 * captureLimit(cap));
  });

  it('keeps an answer of pieces as written when its small pieces share one pool slab, counting the slab once', () => {
    // How a PLR query answer is written: envelope text encoded into the shared pool around a cached entity.
    // (A pool slab of Node's size, made here so that both pieces surely share it.)
    const slab = Buffer.alloc(Buffer.poolSize);
    const piece = (text: string, at: number) => slab.subarray(at, at + slab.write(text, at));
    const head = piece('{"resourceType":"Bundle","entry":[', 0);
    const entity = own(Buffer.from(JSON.stringify({ fullUrl: 'x', resource: { resourceType: 'Practitioner', text: 'y'.repeat(9000) } })));
    const tail = piece(']}', 4000);
    const toString = vi.spyOn(Buffer.prototype, 'toString');
    const message = capturedBytes({}, [head, entity, tail], 20_000);
    expect(toString).not.toHaveBeenCalled();
    expect(keptLength(message)).toBe(head.buffer.byteLength + entity.length);
    expect(message.body).toBe(Buffer.concat([head, entity, tail]).toString());
  });

  it('is an empty message for no bytes', () => {
    for (const chunks of [[], [Buffer.alloc(0)], own(new Uint8Array(0))]) {
      const message = capturedBytes({ b: '2' }, chunks, 10);
      expect(asJson(message)).toEqual({ headers: { b: '2' } });
      expect(keptLength(message)).toBe('b2'.length);
    }
  });
});
