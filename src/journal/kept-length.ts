// How many characters a journaled message keeps, noted when it is captured, so the journal's byte bound is kept
// without masking a body to measure it (no Node types here: the dashboard's client compiles the journal's types).
import type { JournalMessage } from './journal.js';

/** A captured message's kept characters (a symbol: not serialized, not shown). */
export const KEPT_LENGTH = Symbol('keptLength');

/** Characters a message keeps, without masking it to find out. */
export const keptLength = (message: (JournalMessage & { [KEPT_LENGTH]?: number }) | undefined): number =>
  message === undefined ? 0 : (message[KEPT_LENGTH] ?? message.body?.length ?? 0);
