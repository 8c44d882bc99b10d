// The request journal: every inbound and outbound exchange, in a bounded ring, with a live feed.

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
  /** Characters of bodies currently kept. */
  bytes(): number;
  readonly capacity: number;
  /** The oldest entries fall off once the kept bodies exceed this many characters. */
  readonly maxBytes: number;
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'sitekey', 'sitecredential']);
const SECRET_FIELDS = /((?:client_secret|password|refresh_token|access_token|code_verifier)=)[^&\s]*/g;
const SECRET_JSON = /("(?:client_secret|clientSecret|password|refresh_token|access_token|id_token|sharedEncryptionKey|oceanSharedEncryptionKey)"\s*:\s*")[^"]*/g;

/** Masks credentials in headers: keeps the scheme and the last 4 characters. */
export function maskHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : String(v);
    out[k.toLowerCase()] = SECRET_HEADERS.has(k.toLowerCase()) ? maskSecret(value) : value;
  }
  return out;
}

function maskSecret(value: string): string {
  const [scheme, ...rest] = value.split(' ');
  const secret = rest.length ? rest.join(' ') : scheme!;
  const tail = secret.length > 12 ? secret.slice(-4) : '';
  return rest.length ? `${scheme} ***${tail}` : `***${tail}`;
}

/**
 * Cuts a form or JSON body at `cap` characters, then masks secrets in what is kept: only the kept part is
 * copied and scanned. A secret cut at the end is still masked (its pattern runs to the end of the text).
 */
export function maskBody(body: string | undefined, cap: number): { body?: string; truncated?: boolean } {
  if (body === undefined || body === '') return {};
  const truncated = body.length > cap;
  const kept = (truncated ? body.slice(0, cap) : body).replace(SECRET_FIELDS, '$1***').replace(SECRET_JSON, '$1***');
  return truncated ? { body: kept, truncated: true } : { body: kept };
}

const entryBytes = (e: JournalEntry) => (e.request.body?.length ?? 0) + (e.response?.body?.length ?? 0) + e.url.length;

/** A journal holding at most `capacity` entries and `maxBytes` characters of bodies; the oldest fall off. */
export function createJournal(capacity = 10_000, maxBytes = 16 * 1024 * 1024): Journal {
  const ring: JournalEntry[] = [];
  const listeners = new Set<(entry: JournalEntry) => void>();
  let seq = 0;
  let bytes = 0;

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
      let drop = 0;
      while (ring.length - drop > 1 && (ring.length - drop > capacity || bytes > maxBytes)) bytes -= entryBytes(ring[drop++]!);
      if (drop) ring.splice(0, drop);
      for (const l of listeners) {
        try {
          l(entry);
        } catch {
          // A broken listener must not break the exchange being journaled.
        }
      }
      return entry;
    },
    get: (id) => ring.find((e) => e.id === id),
    query(q = {}) {
      const sinceSeq = q.since && /^\d+$/.test(q.since) ? Number(q.since) : undefined;
      const hits = ring.filter((e) => matches(e, q, sinceSeq));
      const limit = q.limit ?? 100;
      return hits.slice(Math.max(0, hits.length - limit));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => ring.length,
    bytes: () => bytes,
  };
}
