// What the receiving reference POS keeps: its answering policy and the referrals it received.

/** How the reference receiver answers a new referral. `manual` = only when told, step by step. */
export type ReceiverMode = 'accept' | 'book' | 'complete' | 'decline' | 'ask' | 'manual';
export const RECEIVER_MODES: readonly ReceiverMode[] = ['accept', 'book', 'complete', 'decline', 'ask', 'manual'];

export interface ReceiverPolicy {
  mode: ReceiverMode;
  /** Simulated time between the receiver's actions (ISO 8601 duration). Default PT5M. */
  delay: string;
}

/** One thing the receiver does to a referral, posted to Ocean's $process-messages. */
export type ReceiverAction =
  | { type: 'status'; status: string; reason?: string; event?: string }
  | { type: 'appointment'; participantStatus?: 'tentative' | 'accepted'; start?: string; minutes?: number; instructions?: string; event?: string }
  | { type: 'communication'; text: string }
  | { type: 'correction'; categoryText: string };

/** A referral as the receiving POS filed it. */
export interface ReceivedReferral {
  ref: string;
  receivedAt: string;
  /** The receiving Ocean site (from the listing PractitionerRole's id-site-number). */
  siteNum?: string;
  listingRef?: string;
  /** The identifier systems Ocean minted (echoed back so Ocean finds the referral). */
  refSystem: string;
  siteSystem?: string;
  patientName?: string;
  phn?: string;
  /** Auto-match against the local patient list (the population): the matched PHN, or why not. */
  match: { phn?: string; how: 'phn' | 'none' };
  state: 'received' | 'cancelled' | string;
  attachments: number;
  formAnswers: number;
  /** Events received from Ocean for this referral, oldest first (the newest HISTORY_KEEP). */
  events: Array<{ at: string; event: string }>;
  /** What the receiver sent to Ocean, with Ocean's answer (status 0: not sent, see outcome); the newest HISTORY_KEEP. */
  sent: Array<{ at: string; event: string; status: number; outcome?: string }>;
  /** The letter and attachments fetched from Ocean and attached to the chart. */
  documents?: ReceivedDocument[];
  /**
   * What the receiver will still do, and when (simulated epoch ms): kept with the referral, so that a restart carries
   * it out (the webhook's 200 said the referral was filed and would be acted on). A step leaves once done.
   */
  planned?: PlannedStep[];
}

/** One step the receiver planned: an action posted to Ocean, or fetching the referral's documents. */
export type PlannedStep = { n: number; at: number } & ({ action: ReceiverAction } | { fetch: Array<{ url: string; title?: string }> });

/** One document fetched from Ocean (`$letter` or `$binary`). */
export interface ReceivedDocument {
  url: string;
  title?: string;
  status: number;
  bytes: number;
  contentType?: string;
}

/**
 * Entries kept in a referral's `events` and `sent`: a whole referral workflow takes about a dozen, but Ocean's
 * messages and the actions endpoint can add to a referral without end.
 */
export const HISTORY_KEEP = 50;

/** Appends `entry` to a referral's `events` or `sent`, dropping the oldest beyond HISTORY_KEEP. */
export function appendToHistory<T>(history: T[], entry: T): void {
  history.push(entry);
  if (history.length > HISTORY_KEEP) history.splice(0, history.length - HISTORY_KEEP);
}

/**
 * The bodies the registry endpoints keep, in all: the endpoints answer anyone, and each body may be as large as the
 * body limit (5 MiB), so the count bound alone (1,000) let them hold gigabytes. The oldest go first.
 */
export const REGISTRY_MESSAGE_BYTES = 32 * 1024 * 1024;

export const COLLECTIONS = { referrals: 'pos.receiver.referrals', policy: 'pos.receiver.policy', registry: 'pos.receiver.registry' } as const;
export const DEFAULT_POLICY: ReceiverPolicy = { mode: 'book', delay: 'PT5M' };

/** The plan a policy makes for a new referral. */
export function planFor(mode: ReceiverMode): ReceiverAction[] {
  const accept: ReceiverAction = { type: 'status', status: 'accepted', event: 'notify-add-process-request' };
  const book: ReceiverAction = { type: 'appointment', participantStatus: 'accepted', minutes: 30, instructions: 'Please arrive 15 minutes early.' };
  switch (mode) {
    case 'accept':
      return [accept];
    case 'book':
      return [accept, book];
    case 'complete':
      return [accept, book, { type: 'status', status: 'completed' }];
    case 'decline':
      return [{ type: 'status', status: 'rejected', reason: 'Service not offered for this indication', event: 'notify-add-process-request' }];
    case 'ask':
      return [{ type: 'communication', text: 'Please send the most recent imaging report before we can book.' }];
    case 'manual':
      return [];
  }
}
