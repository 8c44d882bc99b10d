import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { attemptOffsets, OCEAN_CHANNEL, PLR_CHANNEL } from '../../src/delivery/index.js';
import { parseDuration } from '../../src/clock/index.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createTestSandbox } from '../support/sandbox.js';

let receiver: Receiver;
const open: Sandbox[] = [];
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await receiver.close();
});

async function sandboxOn(file?: string): Promise<Sandbox> {
  const s = await createTestSandbox({ config: { dataFile: file } });
  open.push(s);
  return s;
}

describe('the Ocean retry schedule', () => {
  it('tries several times in the first hour, then hourly, and gives up after 96 hours', () => {
    const offsets = attemptOffsets(OCEAN_CHANNEL.schedule);
    const hour = 3600_000;
    expect(offsets.filter((o) => o < hour).length).toBeGreaterThanOrEqual(4);
    expect(offsets.filter((o) => o >= hour).every((o) => o % hour === 0)).toBe(true);
    expect(offsets.at(-1)).toBe(96 * hour);
  });
});

describe('the delivery engine', () => {
  it('delivers at once when the receiver answers 2xx', async () => {
    const s = await sandboxOn();
    const m = s.deps.delivery.enqueue({ channel: 'ocean', url: receiver.url, body: '{"resourceType":"Bundle"}', correlation: { referral: 'r1' } });
    await s.deps.delivery.idle();
    expect(s.deps.delivery.get(m.id)).toMatchObject({ state: 'delivered', attempts: [{ status: 200 }] });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers['content-type']).toBe('application/fhir+json');
    const journaled = s.deps.journal.query({ direction: 'outbound', correlation: 'r1' });
    expect(journaled).toHaveLength(1);
  });

  it('keeps a queued delivery across a restart and delivers it once the receiver answers 2xx', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hie-delivery-'));
    const file = join(dir, 'sandbox.json');
    receiver.respondWith(503);
    const first = await sandboxOn(file);
    const m = first.deps.delivery.enqueue({ channel: 'ocean', url: receiver.url, body: '{}' });
    await first.deps.delivery.idle();
    expect(first.deps.delivery.get(m.id)!.state).toBe('pending');
    await first.close();
    open.splice(open.indexOf(first), 1);

    receiver.respondWith(200);
    const second = await sandboxOn(file);
    expect(second.deps.delivery.get(m.id)!.state).toBe('pending');
    await second.deps.clock.advance(parseDuration('PT2M')!);
    await second.deps.delivery.idle();
    const after = second.deps.delivery.get(m.id)!;
    expect(after.state).toBe('delivered');
    expect(after.attempts.map((a) => a.status)).toEqual([503, 200]);
    // Journal ids go on from where the kept attempts left them: the first attempt's entry is gone with the first
    // process, and no new exchange takes its number (the dashboard showed an unrelated exchange under it).
    const [before, again] = after.attempts.map((a) => Number(a.journalId));
    expect(again).toBeGreaterThan(before!);
    expect(second.deps.journal.query({}).map((e) => e.id)).not.toContain(String(before));
    await second.close();
    open.splice(open.indexOf(second), 1);
    await rm(dir, { recursive: true, force: true });
  });

  it('dead-letters a delivery that never succeeds after exactly its schedule', async () => {
    receiver.respondWith(500);
    const s = await sandboxOn();
    const m = s.deps.delivery.enqueue({ channel: 'ocean', url: receiver.url, body: '{}' });
    await s.deps.delivery.idle();
    await s.deps.clock.advance(parseDuration('PT95H')!);
    expect(s.deps.delivery.get(m.id)!.state).toBe('pending');
    await s.deps.clock.advance(parseDuration('PT2H')!);
    await s.deps.delivery.idle();
    const dead = s.deps.delivery.get(m.id)!;
    expect(dead.state).toBe('dead');
    const start = Date.parse(dead.attempts[0]!.at);
    expect(dead.attempts.map((a) => Date.parse(a.at) - start)).toEqual(attemptOffsets(OCEAN_CHANNEL.schedule));
    expect(s.deps.delivery.list({ state: 'dead' }).map((d) => d.id)).toEqual([m.id]);
  });

  it('stops retrying once the receiver answers 200', async () => {
    receiver.respondWith(500, 500, 200);
    const s = await sandboxOn();
    const m = s.deps.delivery.enqueue({ channel: 'ocean', url: receiver.url, body: '{}' });
    await s.deps.clock.advance(parseDuration('PT10H')!);
    await s.deps.delivery.idle();
    expect(s.deps.delivery.get(m.id)!.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(receiver.received).toHaveLength(3);
  });

  it('replays a dead letter as a new series of attempts', async () => {
    receiver.respondWith(500);
    const s = await sandboxOn();
    const m = s.deps.delivery.enqueue({ channel: 'plr', url: receiver.url, body: '{}' });
    await s.deps.clock.advance(parseDuration('PT25H')!);
    expect(s.deps.delivery.get(m.id)!.state).toBe('dead');
    receiver.respondWith(201);
    s.deps.delivery.replay(m.id);
    await s.deps.delivery.idle();
    expect(s.deps.delivery.get(m.id)).toMatchObject({ state: 'delivered', replays: 1 });
  });

  it('counts only 200 and 201 as delivered on the PLR channel', async () => {
    receiver.respondWith(202, 200);
    const s = await sandboxOn();
    const m = s.deps.delivery.enqueue({ channel: 'plr', url: receiver.url, method: 'PUT', body: '{}' });
    await s.deps.clock.advance(parseDuration(PLR_CHANNEL.schedule.retries[0]!)!);
    await s.deps.delivery.idle();
    expect(s.deps.delivery.get(m.id)!.attempts.map((a) => a.status)).toEqual([202, 200]);
  });

  it('keeps an ordered channel in order: the second waits for the first', async () => {
    receiver.respondWith(500, 200);
    const s = await sandboxOn();
    const first = s.deps.delivery.enqueue({ channel: 'plr', url: receiver.url, body: '{"n":1}' });
    const second = s.deps.delivery.enqueue({ channel: 'plr', url: receiver.url, body: '{"n":2}' });
    await s.deps.delivery.idle();
    expect(s.deps.delivery.get(second.id)!.attempts).toHaveLength(0);
    await s.deps.clock.advance(parseDuration('PT1M')!);
    await s.deps.delivery.idle();
    expect(receiver.received.map((r) => r.body)).toEqual(['{"n":1}', '{"n":1}', '{"n":2}']);
    expect(s.deps.delivery.get(first.id)!.state).toBe('delivered');
    expect(s.deps.delivery.get(second.id)!.state).toBe('delivered');
  });

  it('follows no redirect: a 3xx is a failed attempt, as only a 2xx is delivered for Ocean', async () => {
    const s = await sandboxOn();
    const redirector = await startReceiver(() => ({ status: 308, headers: { location: `${receiver.url}/moved` } }));
    try {
      const m = s.deps.delivery.enqueue({ channel: 'ocean', url: redirector.url, body: '{}' });
      await s.deps.delivery.idle();
      expect(s.deps.delivery.get(m.id)).toMatchObject({ state: 'pending', attempts: [{ status: 308 }] });
      expect(receiver.received).toHaveLength(0);
    } finally {
      await redirector.close();
    }
  });

  it('records a network failure as an attempt with an error', async () => {
    const s = await sandboxOn();
    await receiver.close();
    const m = s.deps.delivery.enqueue({ channel: 'ocean', url: receiver.url, body: '{}' });
    await s.deps.delivery.idle();
    expect(s.deps.delivery.get(m.id)!.attempts[0]!.error).toMatch(/ECONNREFUSED/);
    receiver = await startReceiver();
  });
});

describe('pending deliveries', () => {
  it('stay within their bound: past it the oldest are given up as dead, saying why, and the newest keep their place', async () => {
    // A manual clock and an endpoint that never answers 2xx: nothing would ever leave the queue on its own.
    const s = await createTestSandbox({ config: { clock: { kind: 'manual' }, bounds: { deliveryPending: 20 } } });
    open.push(s);
    receiver.respondWith(503);
    const ids = [];
    for (let i = 0; i < 60; i++) ids.push(s.deps.delivery.enqueue({ channel: 'plr', url: `${receiver.url}/e${i % 3}`, body: `{"n":${i}}` }).id);
    await s.deps.delivery.idle();
    const counts = s.deps.delivery.counts();
    expect(counts.pending).toBeLessThanOrEqual(20);
    expect(counts.pending + counts.dead).toBe(60);
    expect(s.deps.delivery.get(ids[59]!)!.state).toBe('pending');
    const first = s.deps.delivery.get(ids[0]!)!;
    expect(first.state).toBe('dead');
    expect(first.gaveUp).toMatch(/more than 20 deliveries were pending/);
  });
});
