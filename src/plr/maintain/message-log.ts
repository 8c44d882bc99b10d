// Message ids already processed: the source "is required to use a unique identifier for each message".
import { plainIssue, plrFailure } from '../error-codes.js';
import { forgetOlderThan, type Store } from '../../store/index.js';

const COLLECTION = 'plr.messages';

interface SeenMessage {
  messageId: string;
  partner?: string;
  at: string;
  result: string;
}

const key = (partner: string | undefined, messageId: string) => `${partner ?? '-'}|${messageId}`;

/** The replay window a message id is judged in: now (simulated, ISO), how long ids are kept, and at most how many. */
export interface MessageWindow {
  at: string;
  windowMs: number;
  keep: number;
}

/** Refuses a message id this partner already had processed within the window (409); an older one is new again. */
export function assertNewMessage(store: Store, partner: string | undefined, messageId: string, window: MessageWindow): void {
  const seen = store.get<SeenMessage>(COLLECTION, key(partner, messageId));
  if (seen && Date.parse(seen.at) >= Date.parse(window.at) - window.windowMs) {
    throw plrFailure(409, plainIssue('error', 'duplicate', `Message id '${messageId}' was already processed at ${seen.at} (${seen.result}); every message needs a new id.`));
  }
}

/** Records a processed message id; ids older than the window (simulated time, default a day) are forgotten. */
export function rememberMessage(store: Store, partner: string | undefined, messageId: string, result: string, window: MessageWindow): void {
  forgetOlderThan<SeenMessage>(store, COLLECTION, Date.parse(window.at), window.windowMs, (v) => key(v.partner, v.messageId), window.keep);
  // An expired id the sweep did not reach is put again at the end, so that insertion order stays time order.
  store.remove(COLLECTION, key(partner, messageId));
  store.put(COLLECTION, key(partner, messageId), { messageId, partner, at: window.at, result } satisfies SeenMessage);
}
