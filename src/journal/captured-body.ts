// A journaled body as captured on the request path: decoded only as far as the cap (bytes kept as written: when
// first read), masked when first read.
import type { JournalMessage } from './journal.js';
import { headersLength, KEPT_LENGTH } from './kept-length.js';
import { maskBody, maskHeaders } from './mask.js';

/**
 * Bytes enough to hold `cap` UTF-16 units whatever the text (at most 3 bytes per unit), plus one partial
 * character: decoding only these gives the same first `cap` characters as decoding the whole body.
 */
const bytesFor = (cap: number) => cap * 3 + 4;

/**
 * A prefix of this many bytes past the cap is tried first. Only the units of its last 3 bytes can differ from the
 * whole body's decoding (a character cut there, or an invalid sequence judged without the bytes after it): at
 * most 3 units, so a prefix that decodes to cap + 4 units or more holds the cap + 1 the journal keeps.
 */
const PREFIX_SLACK = 16;

/**
 * The text a body contributes to the journal: at most `cap` characters (plus one, to tell a cut). A mostly ASCII
 * body (FHIR JSON) is decoded only as far as the cap: decoding all 145 KB of an `$everything` answer to keep
 * 64 K characters cost ~170 µs a request (~430 µs with accents).
 */
export function decodeCapped(raw: Buffer | readonly Buffer[] | undefined, cap: number): string | undefined {
  const size = raw === undefined ? 0 : Buffer.isBuffer(raw) ? raw.length : raw.reduce((n, c) => n + c.length, 0);
  if (!raw || size === 0) return undefined;
  // The first `bytes` of the body: of chunks, only those bytes are copied.
  const first = (bytes: number) => (Buffer.isBuffer(raw) ? raw : raw.length === 1 ? raw[0]! : Buffer.concat(raw, Math.min(size, bytes)));
  const end = Math.min(size, bytesFor(cap));
  const prefix = cap + 1 + PREFIX_SLACK;
  if (prefix < end) {
    const text = first(prefix).toString('utf8', 0, prefix);
    if (text.length >= cap + 4) return text;
  }
  return first(end).toString('utf8', 0, end);
}

/** How many bytes of a stream to keep so that `decodeCapped` sees all it needs. */
export const captureLimit = bytesFor;

/** ES2024 string methods (Node 20 has them; the project's lib is ES2023). */
type WellFormed = string & { isWellFormed(): boolean; toWellFormed(): string };

/**
 * The text a response written as strings contributes to the journal, the same as `decodeCapped` of its UTF-8
 * bytes: lone surrogates become U+FFFD. An answer within the cap is kept as it is (no copy); a longer one is cut
 * and copied, so that the journal does not keep the whole answer alive through a slice of it.
 */
export function cappedText(text: string, cap: number): string | undefined {
  if (text === '') return undefined;
  if (text.length <= cap) return (text as WellFormed).isWellFormed() ? text : (text as WellFormed).toWellFormed();
  return Buffer.from(text.slice(0, cap + 1), 'utf8').toString('utf8');
}

/** Headers as Node holds them, before masking. */
export type RawHeaders = Record<string, string | string[] | number | undefined>;

/**
 * A journal message whose `body` is cut at `cap` now (a slice, no copy of the rest) and whose headers and body
 * are masked on first read (the admin API, the live feed, a scenario's expectation), so a request nobody looks
 * at pays neither a regex scan nor a copy of its headers. `headers` must not change afterwards (the request's
 * own headers object, or `res.getHeaders()`, which is a copy).
 */
export function capturedMessage(headers: RawHeaders, text: string | undefined, cap: number): JournalMessage {
  return new CapturedMessage(headers, text, cap);
}

/**
 * A journal message whose body was written as bytes (a cached answer, a raw request body): the first
 * `captureLimit(cap)` bytes are kept as they are, views of the same memory, and decoded when the body is first
 * read. Decoding 64 K characters of every large answer on the request path, and keeping that copy on V8's heap
 * until the journal let go of it, was most of the collector's work on those paths (`bench/README.md`). Views
 * that are a small part of the memory they keep alive (a pool slab, the head of a larger answer) are decoded now
 * instead, so the journal never holds much more than it counts. The bytes must not change once written.
 */
export function capturedBytes(headers: RawHeaders, chunks: Buffer | readonly Buffer[], cap: number): JournalMessage {
  const limit = captureLimit(cap);
  const views: Buffer[] = [];
  // The memory the views keep alive, each buffer once (the small pieces of an answer share a pool slab).
  const buffers = new Set<ArrayBufferLike>();
  let kept = 0;
  let held = 0;
  for (const chunk of Buffer.isBuffer(chunks) ? [chunks] : chunks) {
    if (kept >= limit) break;
    const view = kept + chunk.length > limit ? chunk.subarray(0, limit - kept) : chunk;
    if (view.length === 0) continue;
    views.push(view);
    kept += view.length;
    if (!buffers.has(view.buffer)) {
      buffers.add(view.buffer);
      held += view.buffer.byteLength;
    }
  }
  if (kept === 0) return new CapturedMessage(headers, undefined, cap);
  if (held > HELD_PER_KEPT * kept) return new CapturedMessage(headers, decodeCapped(views, cap), cap);
  return new CapturedMessage(headers, views, cap, held);
}

/** Memory the views of an undecoded body may keep alive, per byte they show; past it the body is decoded now. */
const HELD_PER_KEPT = 2;

/**
 * One object a message, its masked forms computed on first read: the journal holds thousands of these and every
 * one outlives the young generation, so each closure or per-object accessor it saves is work the collector no
 * longer does (a literal with two getter closures was six objects a message).
 */
class CapturedMessage implements JournalMessage {
  /** What the journal counts this message as holding: characters of text, or the bytes its undecoded views keep alive. */
  readonly [KEPT_LENGTH]: number;
  readonly #raw: RawHeaders;
  readonly #cap: number;
  /** The body as written, until first read. */
  #bytes: Buffer[] | undefined;
  #kept: string | undefined;
  #truncated = false;
  #headers: Record<string, string> | undefined;
  #body: string | undefined;

  constructor(raw: RawHeaders, body: string | Buffer[] | undefined, cap: number, held = 0) {
    this.#raw = raw;
    this.#cap = cap;
    if (Array.isArray(body)) {
      this.#bytes = body;
      this[KEPT_LENGTH] = held + headersLength(raw);
    } else {
      this.#keep(body);
      this[KEPT_LENGTH] = (this.#kept?.length ?? 0) + headersLength(raw);
    }
  }

  /** Keeps `text` cut at the cap; an empty text is no body. */
  #keep(text: string | undefined): void {
    this.#truncated = text !== undefined && text.length > this.#cap;
    this.#kept = this.#truncated ? text!.slice(0, this.#cap) : text === '' ? undefined : text;
  }

  /** The kept text, cut at the cap; bytes kept as written are decoded (once) here. */
  #text(): string | undefined {
    if (this.#bytes) {
      this.#keep(decodeCapped(this.#bytes, this.#cap));
      this.#bytes = undefined;
    }
    return this.#kept;
  }

  get headers(): Record<string, string> {
    return (this.#headers ??= maskHeaders(this.#raw));
  }

  get body(): string | undefined {
    const kept = this.#text();
    return kept === undefined ? undefined : (this.#body ??= maskBody(kept, this.#cap).body);
  }

  /** True when the body was cut at the cap (absent otherwise, as in the JSON). */
  get truncated(): true | undefined {
    this.#text();
    return this.#truncated || undefined;
  }

  /** What the admin API, the live feed and reports show: the masked message, as a plain object. */
  toJSON(): JournalMessage {
    const body = this.body;
    return { headers: this.headers, ...(body === undefined ? {} : { body }), ...(this.truncated ? { truncated: true } : {}) };
  }
}
