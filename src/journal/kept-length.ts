// How many characters a journaled message keeps, noted when it is captured, so the journal's byte bound is kept
// without masking a body to measure it (no Node types here: the dashboard's client compiles the journal's types).
import type { JournalMessage } from './journal.js';

const KEPT = new WeakMap<JournalMessage, number>();

export const noteKeptLength = (message: JournalMessage, length: number): void => void KEPT.set(message, length);

/** Characters a message keeps, without masking it to find out. */
export const keptLength = (message: JournalMessage | undefined): number =>
  message === undefined ? 0 : (KEPT.get(message) ?? message.body?.length ?? 0);
