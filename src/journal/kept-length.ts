// How much a journaled message keeps (characters of text, or the bytes an undecoded body holds), noted when it is
// captured, so the journal's byte bound is kept without decoding or masking a body to measure it (no Node types
// here: the dashboard's client compiles the journal's types).
import type { JournalMessage } from './journal.js';

/** What a captured message keeps, as the journal counts it (a symbol: not serialized, not shown). */
export const KEPT_LENGTH = Symbol('keptLength');

/** What a message keeps, without decoding or masking it to find out: its body and its headers. */
export const keptLength = (message: (JournalMessage & { [KEPT_LENGTH]?: number }) | undefined): number =>
  message === undefined ? 0 : (message[KEPT_LENGTH] ?? (message.body?.length ?? 0) + headersLength(message.headers));

/**
 * Characters of a message's header names and values. Request headers are client input (up to Node's 16 KiB each
 * request), so the journal's byte bound counts them as it counts bodies.
 */
export function headersLength(headers: Readonly<Record<string, string | string[] | number | undefined>>): number {
  let n = 0;
  for (const name in headers) {
    const value = headers[name];
    n += name.length + (typeof value === 'string' ? value.length : Array.isArray(value) ? value.reduce((m, v) => m + v.length, 0) : value === undefined ? 0 : String(value).length);
  }
  return n;
}
