// The shapes of the admin API answers the dashboard reads (mirrors src/journal, src/delivery, src/faults).
export type { JournalEntry, JournalMessage } from '../../journal/journal.js';

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  durationMs: number;
  journalId?: string;
}

export interface DeliveryMessage {
  id: string;
  seq: number;
  channel: string;
  partner?: string;
  url: string;
  method: string;
  state: 'pending' | 'delivered' | 'dead';
  createdAt: string;
  nextAttemptAt?: number;
  attempts: DeliveryAttempt[];
  correlation: Record<string, string>;
  deliveredAt?: string;
  deadAt?: string;
  replays: number;
}

export interface FaultRule {
  id: string;
  seam: string;
  effect: { kind: string; status?: number; ms?: number; body?: string };
  remaining?: number;
  partner?: string;
  fired: number;
  createdAt: string;
}

export interface Seam {
  seam: string;
  description: string;
}

export interface Partner {
  name: string;
  clientId: string;
  clientSecret: string;
  users: Array<{ username: string; password: string }>;
  audiences: string[];
  createdAt: string;
}

export interface ClockView {
  mode: string;
  now: string;
  pendingTimers: number;
  factor?: number;
}

export interface Health {
  status: string;
  version: string;
  clock: ClockView;
  auth: string;
  counts: Record<string, unknown>;
}

export interface Overview {
  version: string;
  baseUrl: string;
  auth: boolean;
  clock: { mode: string; now: string };
  systems: string[];
  endpoints: Array<{ label: string; url: string }>;
  demoPartner: { name: string; clientId: string; clientSecret: string; username: string; password: string };
}
