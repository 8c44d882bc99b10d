// The request journal: every inbound and outbound exchange, in a bounded ring, with a live feed.
import { keptLength } from './kept-length.js';

export type JournalDirection = 'inbound' | 'outbound';

export interface JournalMessage {
  headers: Record<string, string>;
  body?: string;
  /** True when the body was cut at the cap. */
  truncated?: boolean;
}

export interface JournalEntry {
  /** Monotonic sequence number, as a string. */
  id: string;
  seq: number;
  /** Simulated time of the request. */
  time: string;
  system: string;
  partner?: string;
  direction: JournalDirection;
  method: string;
  url: string;
  status?: number;
  durationMs: number;
  request: JournalMessage;
  response?: JournalMessage;
  /** Referral, message, PHN, delivery ids... */
  correlation: Record<string, string>;
  /** Network error or fault applied, when there was one. */
  error?: string;
}

export type JournalInput = Omit<JournalEntry, 'id' | 'seq'>;

/**
 * The request header the sandbox's own dashboard puts on the calls it makes to the simulated systems with a
 * partner's credentials (a letter fetched for display, a registry look-up): they are not the partner's evidence.
 */
export const SANDBOX_UI_HEADER = 'x-hie-sandbox-ui';

/** The correlation key an exchange a simulated fault answered carries (the seam that fired). */
export const FAULT_CORRELATION = 'fault';

/** The correlation key of a delivery that answers an asynchronous request (HCIM `.Async`, HL7v3 acceptAckCode AL): the operation. */
export const CALLBACK_CORRELATION = 'callback';

/** The correlation key of an answer that refused some of a batch's entries though its status is 200 (their count). */
export const REFUSED_ENTRIES = 'refusedEntries';

/**
 * The correlation key of a request the sandbox accepted though the real system may refuse it (a short reason): the
 * conformance worksheet does not count such an exchange as a pass.
 */
export const LENIENT_CORRELATION = 'lenientAcceptance';

export interface JournalQuery {
  system?: string;
  partner?: string;
  direction?: JournalDirection;
  /** An entry id (exclusive) or an ISO instant (inclusive). */
  since?: string;
  /** Any correlation value equal to this. */
  correlation?: string;
  limit?: number;
}

export interface Journal {
  record(input: JournalInput): JournalEntry;
  get(id: string): JournalEntry | undefined;
  /** Newest last. */
  query(q?: JournalQuery): JournalEntry[];
  subscribe(listener: (entry: JournalEntry) => void): () => void;
  size(): number;
  /** The id of the oldest entry kept (the ones before it fell off), or undefined when the journal is empty. */
  oldestId(): string | undefined;
  /**
   * Size of what the entries keep: characters of text (bodies, headers, URLs, correlation ids, errors), and the
   * memory held by bodies kept as written bytes.
   */
  bytes(): number;
  readonly capacity: number;
  /** The oldest entries fall off once what they keep exceeds this size (as `bytes()` counts it). */
  readonly maxBytes: number;
}

export { maskBody, maskHeaders } from './mask.js';

/** What an entry holds, as the byte bound counts it: bodies, headers, URL, correlation ids and error (all can be client input). */
function entryBytes(e: JournalEntry): number {
  let n = keptLength(e.request) + keptLength(e.response) + e.url.length + (e.error?.length ?? 0);
  for (const key in e.correlation) n += key.length + (e.correlation[key]?.length ?? 0);
  return n;
}

/**
 * A journal holding at most `capacity` entries and `maxBytes` (as `bytes()` counts them); the oldest fall off. Ids
 * start after `after` (what an earlier process numbered, as far as the store still names it).
 */
export function createJournal(capacity = 10_000, maxBytes = 16 * 1024 * 1024, after = 0): Journal {
  // The live entries are ring[start..]: the oldest fall off by moving `start`, and the array is compacted only
  // once the dead head is as long as the live part (a splice per request would move every entry every time).
  let ring: JournalEntry[] = [];
  let start = 0;
  const listeners = new Set<(entry: JournalEntry) => void>();
  let seq = after;
  let bytes = 0;
  const live = () => (start ? ring.slice(start) : ring);

  const matches = (e: JournalEntry, q: JournalQuery, sinceSeq: number | undefined) =>
    (!q.system || e.system === q.system) &&
    (!q.partner || e.partner === q.partner) &&
    (!q.direction || e.direction === q.direction) &&
    (sinceSeq === undefined ? !q.since || e.time >= q.since : e.seq > sinceSeq) &&
    (!q.correlation || Object.values(e.correlation).includes(q.correlation));

  return {
    capacity,
    maxBytes,
    record(input) {
      seq += 1;
      const entry: JournalEntry = { id: String(seq), seq, ...input };
      ring.push(entry);
      bytes += entryBytes(entry);
      while (ring.length - start > 1 && (ring.length - start > capacity || bytes > maxBytes)) {
        bytes -= entryBytes(ring[start]!);
        ring[start++] = undefined as unknown as JournalEntry;
      }
      if (start > 0 && start >= ring.length - start) {
        ring = ring.slice(start);
        start = 0;
      }
      for (const l of listeners) {
        try {
          l(entry);
        } catch {
          // A broken listener must not break the exchange being journaled.
        }
      }
      return entry;
    },
    get(id) {
      // Sequence numbers are consecutive from the oldest kept entry on.
      const first = ring[start];
      if (!first || !/^\d+$/.test(id)) return undefined;
      const e = ring[start + Number(id) - first.seq];
      return e?.id === id ? e : undefined;
    },
    query(q = {}) {
      const sinceSeq = q.since && /^\d+$/.test(q.since) ? Number(q.since) : undefined;
      const hits = live().filter((e) => matches(e, q, sinceSeq));
      const limit = q.limit ?? 100;
      return hits.slice(Math.max(0, hits.length - limit));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => ring.length - start,
    oldestId: () => ring[start]?.id,
    bytes: () => bytes,
  };
}
