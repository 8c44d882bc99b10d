// What Ocean keeps between the steps of a launch: pending authorize states and launched sessions.
import { randomBytes } from 'node:crypto';
import type * as fhir from '../../fhir/types.js';
import { removeOldestBeyond, type Store } from '../../store/index.js';
import type { Finding } from './conformance.js';
import type { Discovered } from './discovery.js';
import type { ChartAttachment } from './attachments.js';

/** A launch waiting for the EHR's redirect back (keyed by `state`). */
export interface PendingLaunch {
  state: string;
  iss: string;
  launch: string;
  action: string;
  siteNum?: string;
  codeVerifier?: string;
  nonce: string;
  discovered: Discovered;
  expiresAt: number;
}

/** A launched Ocean session: the patient, keywords, attachments, and what went wrong on the way. */
export interface LaunchSession {
  id: string;
  iss: string;
  action: string;
  siteNum?: string;
  /** `key` is how Ocean links accounts (`sub@iss`); `name` comes from reading `fhirUser`. */
  user: { sub: string; fhirUser?: string; key: string; name?: string };
  patientId?: string;
  patient?: fhir.Patient;
  sharedEncryptionKey?: string;
  keywords: Record<string, string>;
  attachments: ChartAttachment[];
  findings: Finding[];
  accessToken: string;
  createdAt: string;
  sent: Array<{ referralRef: string; listingRef: string; at: string }>;
  /** false when the EHR draws its own banner (`need_patient_banner: false`): Ocean then shows none. */
  needPatientBanner?: boolean;
  /** The EHR's `smart_style_url`; Ocean styles the page from it. */
  styleUrl?: string;
  /** The fetched style, reduced to checked CSS values (colours, font family, radius). */
  style?: Record<string, string>;
  /** The encounter in context, when the EHR sent one. */
  encounterId?: string;
}

/** 256 bits of randomness, base64url (SMART asks for at least 122 bits in `state`). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Most launches kept waiting for the EHR's redirect back. Anyone can open /auth, and only the callback removes a state;
 * a launch comes back within seconds and is refused after 10 minutes, so 1,000 is far more than are under way at once.
 * Past it, the expired go first, then the oldest.
 */
export const PENDING_KEEP = 1_000;
/**
 * Most launched sessions kept. Nothing ends a session (its page works until a reset) and the reference EMR launches
 * Ocean without sign-in, so each launch adds one. A session holds its patient's chart (6-16 KB from the reference
 * EMR), so 1,000 is at most ~16 MB, and far more than a sandbox's users have open. The oldest go first: a session
 * has no expiry of its own.
 */
export const SESSION_KEEP = 1_000;

/** Most sends a session remembers for its portal page, the newest (a session can send without end); the referrals stay in Ocean. */
export const SENT_KEEP = 100;

const PENDING = 'ocean.smart-pending';
const SESSIONS = 'ocean.smart-sessions';

/** What Ocean's launch state holds against its bounds, for /admin/health (counts, no copies). */
export function launchBounds(store: Store) {
  return { pending: { kept: store.count(PENDING), max: PENDING_KEEP }, sessions: { kept: store.count(SESSIONS), max: SESSION_KEEP }, sendsEach: SENT_KEEP };
}

export function createLaunchStore(store: Store) {
  return {
    /** Puts a pending launch, then trims the pending ones to PENDING_KEEP (`now` judges which have expired). */
    putPending(p: PendingLaunch, now: number) {
      store.put(PENDING, p.state, p);
      removeOldestBeyond<PendingLaunch>(store, PENDING, PENDING_KEEP, { keyOf: (v) => v.state, prefer: (v) => v.expiresAt < now });
    },
    /** A state works once. */
    takePending(state: string): PendingLaunch | undefined {
      const p = store.get<PendingLaunch>(PENDING, state);
      if (p) store.remove(PENDING, state);
      return p;
    },
    /** Puts a session (new or updated), then trims the sessions to SESSION_KEEP, oldest first. */
    putSession(s: LaunchSession) {
      store.put(SESSIONS, s.id, s);
      removeOldestBeyond<LaunchSession>(store, SESSIONS, SESSION_KEEP, { keyOf: (v) => v.id });
    },
    session: (id: string) => store.get<LaunchSession>(SESSIONS, id),
  };
}

export type LaunchStore = ReturnType<typeof createLaunchStore>;
