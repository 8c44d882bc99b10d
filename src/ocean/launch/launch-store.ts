// What Ocean keeps between the steps of a launch: pending authorize states and launched sessions.
import { randomBytes } from 'node:crypto';
import type * as fhir from '../../fhir/types.js';
import type { Store } from '../../store/index.js';
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

export function createLaunchStore(store: Store) {
  return {
    putPending: (p: PendingLaunch) => store.put('ocean.smart-pending', p.state, p),
    /** A state works once. */
    takePending(state: string): PendingLaunch | undefined {
      const p = store.get<PendingLaunch>('ocean.smart-pending', state);
      if (p) store.remove('ocean.smart-pending', state);
      return p;
    },
    putSession: (s: LaunchSession) => store.put('ocean.smart-sessions', s.id, s),
    session: (id: string) => store.get<LaunchSession>('ocean.smart-sessions', id),
  };
}

export type LaunchStore = ReturnType<typeof createLaunchStore>;
