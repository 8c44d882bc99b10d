// What the delivery engine takes and keeps: inputs, messages, attempts and the engine's interface.
import type { OutboundAuth } from './outbound-auth.js';
import type { ChannelConfig } from './schedule.js';

export interface DeliveryInput {
  channel: string;
  partner?: string;
  url: string;
  method?: 'POST' | 'PUT';
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  correlation?: Record<string, string>;
  auth?: OutboundAuth;
  /** A stable id (e.g. the Bundle id); a fresh UUID when omitted. */
  id?: string;
}

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  durationMs: number;
  journalId?: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'dead';

export interface DeliveryMessage extends Required<Pick<DeliveryInput, 'channel' | 'url' | 'method' | 'body' | 'contentType'>> {
  id: string;
  seq: number;
  partner?: string;
  headers: Record<string, string>;
  correlation: Record<string, string>;
  auth?: OutboundAuth;
  state: DeliveryState;
  createdAt: string;
  /** Epoch ms of the first attempt of the current series (replay starts a new series). */
  firstAttemptAt?: number;
  /** Index into the schedule's attempt offsets of the next attempt. */
  attemptIndex: number;
  nextAttemptAt?: number;
  attempts: DeliveryAttempt[];
  deliveredAt?: string;
  deadAt?: string;
  /** Why it was given up before its schedule ended (too many deliveries pending). */
  gaveUp?: string;
  replays: number;
}

export interface DeliveryQuery {
  state?: DeliveryState;
  channel?: string;
  partner?: string;
  correlation?: string;
}

export interface Delivery {
  enqueue(input: DeliveryInput): DeliveryMessage;
  get(id: string): DeliveryMessage | undefined;
  list(q?: DeliveryQuery): DeliveryMessage[];
  /** Puts a delivered or dead message back in the queue for a new series of attempts. */
  replay(id: string): DeliveryMessage | undefined;
  /** Schedules every pending message found in the store (after a restart). */
  start(): void;
  /** Resolves once no attempt is in flight and none is due. */
  idle(): Promise<void>;
  stop(): Promise<void>;
  channels(): readonly ChannelConfig[];
  /** Messages by state, pruned totals and the retention bounds (no copy of the queue). */
  counts(): DeliveryCounts;
}

export interface DeliveryCounts {
  pending: number;
  delivered: number;
  dead: number;
  /** Delivered and dead messages removed after the retention period (dead letters stay counted here). */
  pruned: { delivered: number; dead: number };
  retention: { keptFor: string; keep: number };
}
