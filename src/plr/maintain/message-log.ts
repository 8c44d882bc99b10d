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

/** Refuses a message id this partner already had processed (409). */
export function assertNewMessage(store: Store, partner: string | undefined, messageId: string): void {
  const seen = store.get<SeenMessage>(COLLECTION, key(partner, messageId));
  if (seen) throw plrFailure(409, plainIssue('error', 'duplicate', `Message id '${messageId}' was already processed at ${seen.at} (${seen.result}); every message needs a new id.`));
}

/** Records a processed message id; ids older than the window (simulated time, default a day) are forgotten. */
export function rememberMessage(store: Store, partner: string | undefined, messageId: string, at: string, result: string, windowMs = 86_400_000, keep = Infinity): void {
  forgetOlderThan<SeenMessage>(store, COLLECTION, Date.parse(at), windowMs, (v) => key(v.partner, v.messageId), keep);
  store.put(COLLECTION, key(partner, messageId), { messageId, partner, at, result } satisfies SeenMessage);
}
