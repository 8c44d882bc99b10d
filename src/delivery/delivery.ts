// Reliable outbound HTTP: a persisted queue, retries on the simulated clock, dead letters, replay.
import { readTextCapped } from '../http/read-capped.js';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock, ClockTimer } from '../clock/index.js';
import type { Faults } from '../faults/index.js';
import { FAULT_CORRELATION, maskBody, maskHeaders, type Journal } from '../journal/index.js';
import type { Store } from '../store/index.js';
import { createOutboundAuthorizer } from './outbound-auth.js';
import { describeNetworkError } from './network-error.js';
import { createRetention } from './retention.js';
import { attemptOffsets, isDelivered, type ChannelConfig } from './schedule.js';
import type { Delivery, DeliveryMessage } from './types.js';

export type { Delivery, DeliveryAttempt, DeliveryInput, DeliveryMessage, DeliveryQuery, DeliveryState } from './types.js';

export interface DeliveryDeps {
  store: Store;
  clock: Clock;
  journal: Journal;
  faults: Faults;
  channels: readonly ChannelConfig[];
  journalBodyCap?: number;
  fetchImpl?: typeof fetch;
  /** Delivered and dead messages are kept this long (simulated ms), then pruned. Default 1 day. */
  retentionMs?: number;
  /** ...and at most this many of them, whatever their age. Default 1,000. */
  keep?: number;
  /** Most messages pending at once; past it the oldest are given up as dead. Default 10,000. */
  maxPending?: number;
}

const COLLECTION = 'deliveries';

/**
 * The highest journal id the kept deliveries name: the journal lives in memory and a new process numbers its
 * entries after it, so an attempt's `journalId` never names another exchange after a restart.
 */
export function lastJournalId(store: Store): number {
  let last = 0;
  for (const m of store.values<DeliveryMessage>(COLLECTION)) for (const a of m.attempts) last = Math.max(last, Number(a.journalId) || 0);
  return last;
}

/** Builds the delivery engine. Each channel declares the fault seam `delivery.<channel>`. */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const { store, clock, journal, faults } = deps;
  const fetchImpl = deps.fetchImpl ?? fetch;
  const authorize = createOutboundAuthorizer(clock, fetchImpl);
  const channels = new Map(deps.channels.map((c) => [c.name, c]));
  const offsets = new Map(deps.channels.map((c) => [c.name, attemptOffsets(c.schedule)]));
  const timers = new Map<string, ClockTimer>();
  const inFlight = new Set<Promise<void>>();
  /** Aborts attempts in flight on stop: a shutdown never waits for a slow endpoint (the message stays pending). */
  let halt = new AbortController();
  let stopped = false;
  let lastSeq: number | undefined;
  /**
   * Which state the queue belongs to: every start (a process start, a reset, a snapshot restore) begins a new one.
   * An attempt that was on the wire when the state was replaced writes nothing back into the new one (its message
   * is gone, or is another message that reused its id).
   */
  let generation = 0;
  /** Messages with an attempt on the wire: one attempt at a time per message id. */
  const sending = new Set<string>();
  /** Messages whose attempt came due while another attempt with the same id was on the wire: tried once it ends. */
  const waiting = new Set<string>();
  for (const c of deps.channels) faults.declare({ seam: `delivery.${c.name}`, description: `each outbound ${c.name} delivery attempt` });

  const channelOf = (name: string) => {
    const c = channels.get(name);
    if (!c) throw new Error(`unknown delivery channel "${name}"`);
    return c;
  };
  const save = (m: DeliveryMessage) => store.put(COLLECTION, m.id, m);
  const retention = createRetention(store, clock, { retentionMs: deps.retentionMs ?? 86_400_000, keep: deps.keep ?? 1_000 });
  const load = (id: string) => store.get<DeliveryMessage>(COLLECTION, id);
  const maxPending = Math.max(1, deps.maxPending ?? 10_000);
  const journalBodyCap = deps.journalBodyCap ?? 65_536;
  /** The pending bound is checked every this many messages queued (one pass over the queue: 1% overshoot at most). */
  const trimEvery = Math.max(1, Math.floor(maxPending / 100));
  let queuedSinceTrim = 0;
  /** A counter, found once from the store (after a start, reset or restore), never a scan per message. */
  const nextSeq = () => {
    if (lastSeq === undefined) {
      lastSeq = 0;
      for (const m of store.values<DeliveryMessage>(COLLECTION)) lastSeq = Math.max(lastSeq, m.seq);
    }
    return (lastSeq += 1);
  };

  /** In an ordered channel, the pending message that must go before this one, if any. */
  const blocker = (m: DeliveryMessage) =>
    channelOf(m.channel).ordered
      ? firstOf(store.values<DeliveryMessage>(COLLECTION), (o) => o.state === 'pending' && o.channel === m.channel && o.url === m.url && o.seq < m.seq)
      : undefined;

  function schedule(m: DeliveryMessage): void {
    if (stopped || m.state !== 'pending' || blocker(m)) return;
    const old = timers.get(m.id);
    if (old) clock.cancel(old);
    timers.set(m.id, clock.schedule(Math.max(m.nextAttemptAt ?? clock.now(), clock.now()), () => track(attempt(m.id))));
  }

  function track(p: Promise<void>): Promise<void> {
    inFlight.add(p);
    return p.finally(() => inFlight.delete(p));
  }

  function scheduleNextInLine(m: DeliveryMessage): void {
    if (!channelOf(m.channel).ordered) return;
    // The stored views, not copies: copying every pending message of the endpoint after each delivery made draining
    // a long queue quadratic in its bodies.
    let next: Readonly<DeliveryMessage> | undefined;
    for (const o of store.values<DeliveryMessage>(COLLECTION)) {
      if (o.state === 'pending' && o.channel === m.channel && o.url === m.url && (!next || o.seq < next.seq)) next = o;
    }
    if (next) schedule(next as DeliveryMessage);
  }

  /**
   * Gives up the oldest pending messages beyond `maxPending`, as dead letters saying why (they can be replayed). A
   * manual clock never reaches a schedule's end, so without this a dead endpoint's queue grew with every write.
   */
  function trimPending(): void {
    queuedSinceTrim = 0;
    // The stored views, not copies: a copy of every pending body each time would cost more than the queue.
    const pending: Array<Readonly<DeliveryMessage>> = [];
    for (const m of store.values<DeliveryMessage>(COLLECTION)) if (m.state === 'pending') pending.push(m);
    if (pending.length <= maxPending) return;
    pending.sort((a, b) => a.seq - b.seq);
    const reason = `given up: more than ${maxPending} deliveries were pending (HIE_SANDBOX_DELIVERY_PENDING); the oldest go first`;
    const endpoints = new Map<string, DeliveryMessage>();
    for (const old of pending.slice(0, pending.length - maxPending)) {
      const timer = timers.get(old.id);
      if (timer) {
        clock.cancel(timer);
        timers.delete(old.id);
      }
      const m = load(old.id)!;
      m.state = 'dead';
      m.deadAt = clock.iso();
      m.gaveUp = reason;
      delete m.nextAttemptAt;
      save(m);
      endpoints.set(`${m.channel} ${m.url}`, m);
      retention.settled();
    }
    // In an ordered channel, what waited behind a message given up is next in line now.
    for (const m of endpoints.values()) scheduleNextInLine(m);
  }

  async function send(m: DeliveryMessage): Promise<{ status?: number; error?: string; responseBody?: string; responseTruncated?: boolean; responseHeaders?: Record<string, string>; fault?: string }> {
    const seam = `delivery.${m.channel}`;
    const effect = faults.check(seam, { partner: m.partner });
    if (effect?.kind === 'status') return { status: effect.status, error: `simulated fault: HTTP ${effect.status}`, fault: seam };
    if (effect?.kind === 'drop') return { error: 'simulated fault: connection dropped', fault: seam };
    if (effect?.kind === 'latency') await sleep(effect.ms, undefined, { signal: halt.signal }).catch(() => undefined);
    const body = effect?.kind === 'malformed' ? (effect.body ?? m.body.slice(0, Math.floor(m.body.length / 2))) : m.body;
    const headers: Record<string, string> = { 'content-type': m.contentType, ...m.headers };
    try {
      const authorization = await authorize(m.auth);
      if (authorization) headers.authorization = authorization;
      const signal = AbortSignal.any([AbortSignal.timeout(channelOf(m.channel).attemptTimeoutMs ?? 10_000), halt.signal]);
      // No redirect is followed: the endpoint's own answer is the attempt's (Ocean counts only a 2xx as received).
      const res = await fetchImpl(m.url, { method: m.method, headers, body, signal, redirect: 'manual' });
      // Only what the journal keeps is read: the endpoint decides how much it sends, and a retry reads it again.
      // A body that breaks off or does not decode is kept as cut: what it said cannot be judged (not an empty answer).
      const { text: responseBody, truncated: responseTruncated } = await readTextCapped(res, journalBodyCap).catch(() => ({ text: '', truncated: true }));
      const responseHeaders: Record<string, string> = {};
      res.headers.forEach((value, key) => (responseHeaders[key] = value));
      return { status: res.status, responseBody, responseTruncated, responseHeaders, ...(effect?.kind === 'malformed' ? { fault: seam } : {}) };
    } catch (err) {
      return { error: describeNetworkError(err) };
    }
  }

  async function attempt(id: string): Promise<void> {
    timers.delete(id);
    if (sending.has(id)) return void waiting.add(id);
    const m = load(id);
    if (!m || m.state !== 'pending' || stopped) return;
    if (blocker(m)) return;
    const gen = generation;
    sending.add(id);
    try {
      await sendAndRecord(m, gen);
    } finally {
      sending.delete(id);
      const next = waiting.delete(id) ? load(id) : undefined;
      if (next) schedule(next);
    }
  }

  /** One attempt of `m`, read from the queue state `gen`: sent, journaled, and its outcome stored unless that state is gone. */
  async function sendAndRecord(m: DeliveryMessage, gen: number): Promise<void> {
    const id = m.id;
    const channel = channelOf(m.channel);
    // At-least-once across a crash: nothing leaves before the message itself is durable.
    await store.committed().catch(() => undefined);
    if (stopped || gen !== generation) return;
    const startedAt = clock.now();
    m.firstAttemptAt ??= startedAt;
    const t0 = performance.now();
    const result = await send(m);
    if (stopped) return; // cut short by the shutdown: still pending, sent again after the restart
    const durationMs = Math.round((performance.now() - t0) * 100) / 100;
    const entry = journal.record({
      time: new Date(startedAt).toISOString(),
      system: m.channel,
      partner: m.partner,
      direction: 'outbound',
      method: m.method,
      url: m.url,
      status: result.status,
      durationMs,
      request: { headers: maskHeaders({ 'content-type': m.contentType, ...m.headers }), ...maskBody(m.body, journalBodyCap) },
      response: { headers: result.responseHeaders ?? {}, ...maskBody(result.responseBody, journalBodyCap), ...(result.responseTruncated ? { truncated: true } : {}) },
      // A simulated fault is marked: what it answered (or garbled) is no partner's evidence.
      correlation: { ...m.correlation, delivery: m.id, attempt: String(m.attempts.length + 1), ...(result.fault ? { [FAULT_CORRELATION]: result.fault } : {}) },
      error: result.error,
    });
    // A reset or a restore while it was on the wire: the attempt happened (the journal says so), but the state it was
    // sent from is gone; writing its outcome back would bring the message back, or mark another one with its id.
    if (gen !== generation) return;
    const fresh = load(id) ?? m;
    fresh.firstAttemptAt ??= m.firstAttemptAt;
    fresh.attempts.push({ at: new Date(startedAt).toISOString(), status: result.status, error: result.error, durationMs, journalId: entry.id });
    const all = offsets.get(m.channel)!;
    if (result.status !== undefined && !result.error && isDelivered(channel, result.status)) {
      fresh.state = 'delivered';
      fresh.deliveredAt = clock.iso();
      delete fresh.nextAttemptAt;
    } else if (fresh.state !== 'pending') {
      // Given up while on the wire (the pending bound): the attempt is recorded, and no next one is planned.
      delete fresh.nextAttemptAt;
    } else if (fresh.attemptIndex + 1 >= all.length) {
      fresh.state = 'dead';
      fresh.deadAt = clock.iso();
      delete fresh.nextAttemptAt;
    } else {
      fresh.attemptIndex += 1;
      fresh.nextAttemptAt = fresh.firstAttemptAt! + all[fresh.attemptIndex]!;
    }
    save(fresh);
    if (fresh.state === 'pending') schedule(fresh);
    else {
      scheduleNextInLine(fresh);
      retention.settled();
    }
  }

  return {
    enqueue(input) {
      channelOf(input.channel);
      const m: DeliveryMessage = {
        id: input.id ?? randomUUID(),
        seq: nextSeq(),
        channel: input.channel,
        partner: input.partner,
        url: input.url,
        method: input.method ?? 'POST',
        body: input.body,
        contentType: input.contentType ?? 'application/fhir+json',
        headers: input.headers ?? {},
        correlation: input.correlation ?? {},
        auth: input.auth,
        state: 'pending',
        createdAt: clock.iso(),
        attemptIndex: 0,
        nextAttemptAt: clock.now(),
        attempts: [],
        replays: 0,
      };
      if (load(m.id)) m.id = `${m.id}-${m.seq}`;
      save(m);
      schedule(m);
      if (++queuedSinceTrim >= trimEvery) trimPending();
      return m;
    },
    get: load,
    list(q = {}) {
      return store
        .find<DeliveryMessage>(
          COLLECTION,
          (m) =>
            (!q.state || m.state === q.state) &&
            (!q.channel || m.channel === q.channel) &&
            (!q.partner || m.partner === q.partner) &&
            (!q.correlation || m.id === q.correlation || Object.values(m.correlation).includes(q.correlation)),
        )
        .sort((a, b) => a.seq - b.seq);
    },
    replay(id) {
      const m = load(id);
      if (!m) return undefined;
      m.state = 'pending';
      m.attemptIndex = 0;
      delete m.firstAttemptAt;
      m.nextAttemptAt = clock.now();
      m.replays += 1;
      save(m);
      schedule(m);
      return m;
    },
    start() {
      stopped = false;
      halt = new AbortController();
      lastSeq = undefined;
      generation += 1;
      // The timers of the state replaced: the pending messages of this one are scheduled below.
      for (const t of timers.values()) clock.cancel(t);
      timers.clear();
      for (const m of store.find<DeliveryMessage>(COLLECTION, (x) => x.state === 'pending').sort((a, b) => a.seq - b.seq)) schedule(m);
    },
    async idle() {
      for (let i = 0; i < 1000; i++) {
        await new Promise((r) => setImmediate(r));
        if (inFlight.size === 0) {
          const due = [...timers.values()].some((t) => t.at <= clock.now());
          if (!due) return;
          await sleep(1);
        } else {
          await Promise.allSettled([...inFlight]);
        }
      }
    },
    async stop() {
      stopped = true;
      halt.abort();
      for (const t of timers.values()) clock.cancel(t);
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
    channels: () => deps.channels,
    counts: () => retention.counts(),
  };
}

function firstOf<T>(values: Iterable<T>, predicate: (v: T) => boolean): T | undefined {
  for (const v of values) if (predicate(v)) return v;
  return undefined;
}
