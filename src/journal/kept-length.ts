// How much a journaled message keeps (characters of text, or the bytes an undecoded body holds), noted when it is
// captured, so the journal's byte bound is kept without decoding or masking a body to measure it (no Node types
// here: the dashboard's client compiles the journal's types).
import type { JournalMessage } from './journal.js';

/** What a captured message keeps, as the journal counts it (a symbol: not serialized, not shown). */
export const KEPT_LENGTH = Symbol('keptLength');

/** What a message keeps, without decoding or masking it to find out. */
export const keptLength = (message: (JournalMessage & { [KEPT_LENGTH]?: number }) | undefined): number =>
  message === undefined ? 0 : (message[KEPT_LENGTH] ?? message.body?.length ?? 0);
