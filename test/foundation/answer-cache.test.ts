// The answer cache: hits only for the version and clock window a text was made for, and never over its byte bound.
import { expect, it } from 'vitest';
import { createAnswerCache, createRawJsonWriter } from '../../src/fhir/index.js';

const forever = { version: 0, from: -Infinity, until: Infinity };

it('misses for another version or an instant outside the window', () => {
  const cache = createAnswerCache(1_000);
  cache.set('k', { text: '[1]', version: 3, from: 100, until: 200 });
  expect(cache.get('k', 3, 100)?.text).toBe('[1]');
  expect(cache.get('k', 3, 199)?.text).toBe('[1]');
  expect(cache.get('k', 3, 200)).toBeUndefined();
  expect(cache.get('k', 3, 99)).toBeUndefined();
  expect(cache.get('k', 4, 150)).toBeUndefined();
  expect(cache.get('other', 3, 150)).toBeUndefined();
});

it('drops the oldest entries to stay within its byte bound, and keeps nothing larger than the bound', () => {
  const cache = createAnswerCache(100);
  for (let i = 0; i < 10; i++) cache.set(`key${i}`, { text: 'x'.repeat(26), ...forever });
  // 30 bytes each (26 + the key's 4): three fit.
  expect(cache.stats()).toEqual({ entries: 3, bytes: 90, maxBytes: 100 });
  expect(cache.get('key9', 0, 0)).toBeDefined();
  expect(cache.get('key6', 0, 0)).toBeUndefined();
  cache.set('big', { text: 'y'.repeat(200), ...forever });
  expect(cache.get('big', 0, 0)).toBeUndefined();
  expect(cache.stats().bytes).toBeLessThanOrEqual(100);
  const none = createAnswerCache(0);
  none.set('k', { text: '1', ...forever });
  expect(none.stats()).toEqual({ entries: 0, bytes: 0, maxBytes: 0 });
});

it('writes raw JSON parts where they stand, and strings that look like markers as strings', () => {
  const { raw, write } = createRawJsonWriter();
  const doc = { a: 1, b: raw('[{"x":"é"}]'), c: { d: raw('{}') }, e: ['\u0000raw-json-\u0000'] };
  const expected = JSON.stringify({ a: 1, b: [{ x: 'é' }], c: { d: {} }, e: ['\u0000raw-json-\u0000'] });
  expect(write(doc)).toBe(expected);
  expect(write(doc)).toBe(expected);
  const bytes = write({ ...doc, b: raw(Buffer.from('[{"x":"é"}]')) });
  expect(Array.isArray(bytes) && Buffer.concat(bytes).toString()).toBe(expected);
  // The bytes go out as they are, not copied.
  const part = Buffer.from('[1]');
  expect(write({ b: raw(part) })).toEqual([Buffer.from('{"b":'), part, Buffer.from('}')]);
  expect((write({ b: raw(part) }) as Buffer[])[1]).toBe(part);
  expect(write({ b: raw(part), c: raw('2'), d: raw(part) })).toEqual([Buffer.from('{"b":'), part, Buffer.from(',"c":2,"d":'), part, Buffer.from('}')]);
  expect(write({ plain: true })).toBe('{"plain":true}');
});
