// Everything that grows has a bound: the journal (entries and bytes), message-id windows, deliveries,
// the reference receiver's registry messages, WebSocket subscribers that stop reading.
import request from 'supertest';
import { createServer } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { attachEventFeed } from '../../src/admin/events.js';
import { loadConfig } from '../../src/config.js';
import { createRegistry } from '../../src/hcim/registry/registry.js';
import { createJournal, maskBody } from '../../src/journal/index.js';
import { createLogger } from '../../src/log.js';
import { startSandbox } from '../../src/main.js';
import type { Population } from '../../src/population/types.js';
import { openStore } from '../../src/store/index.js';
import { createTestSandbox, TEST_SIZES } from '../support/sandbox.js';

describe('the journal', () => {
  it('survives a 5000-deep JSON body on a receiver route (it does not re-stringify it without a guard)', async () => {
    const sandbox = await createTestSandbox();
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const res = await request(sandbox.app).post('/pos/receiver/$process-message').set('content-type', 'application/json').send(deep);
    expect(res.status).toBeLessThan(500);
    await new Promise((r) => setImmediate(r));
    expect((await request(sandbox.app).get('/admin/health')).status).toBe(200);
    const entry = sandbox.deps.journal.query({ system: 'pos' }).at(-1)!;
    expect(entry.request.body!.length).toBeLessThan(20_000);
    await sandbox.close();
  });

  it('drops the oldest entries once the kept bodies exceed its byte bound', () => {
    const journal = createJournal(1000, 50_000);
    for (let i = 0; i < 100; i++) {
      journal.record({ time: '', system: 'x', direction: 'inbound', method: 'POST', url: '/', durationMs: 0, request: { headers: {}, body: 'b'.repeat(10_000) }, correlation: {} });
    }
    expect(journal.bytes()).toBeLessThanOrEqual(50_000);
    expect(journal.size()).toBeLessThanOrEqual(5);
    expect(journal.query({ limit: 1 })[0]!.seq).toBe(100);
  });

  it('masks a secret even when the cap cuts through it, and copies only the kept part', () => {
    const body = `{"client_secret":"${'s'.repeat(100)}","pad":"${'p'.repeat(1_000_000)}"}`;
    const masked = maskBody(body, 40);
    expect(masked).toEqual({ body: '{"client_secret":"***', truncated: true });
  });
});

describe('message-id replay windows', () => {
  it('refuses a reused HCIM message id inside the window (simulated time) and forgets it after', async () => {
    const store = await openStore();
    const registry = createRegistry(store, {} as Population, { messageWindowMs: 60 * 60_000 });
    expect(registry.claimMessageId('demo', 'm-1', '2026-03-02T09:00:00Z')).toBe(true);
    expect(registry.claimMessageId('demo', 'm-1', '2026-03-02T09:59:00Z')).toBe(false);
    for (let i = 0; i < 1000; i++) registry.claimMessageId('demo', `burst-${i}`, '2026-03-02T09:59:30Z');
    expect(registry.claimMessageId('demo', 'm-1', '2026-03-02T10:01:00Z')).toBe(true);
    expect(registry.claimMessageId('demo', 'late', '2026-03-02T11:30:00Z')).toBe(true);
    expect(store.count('hcim.messages')).toBe(1);
  });
});

describe('deliveries', () => {
  it('prunes delivered messages past the count bound and counts what it pruned', async () => {
    const ok = () => Promise.resolve(new Response('{}', { status: 200 }));
    const sandbox = await createTestSandbox({ config: { bounds: { deliveryKeep: 10 } }, deps: { fetchImpl: ok as typeof fetch } });
    for (let i = 0; i < 150; i++) sandbox.deps.delivery.enqueue({ channel: 'ocean', url: 'http://127.0.0.1:9/hook', body: '{}' });
    await sandbox.deps.delivery.idle();
    const counts = sandbox.deps.delivery.counts();
    expect(counts.delivered).toBeLessThanOrEqual(60);
    expect(counts.pruned.delivered).toBeGreaterThanOrEqual(90);
    expect(counts.delivered + counts.pruned.delivered).toBe(150);
    const next = sandbox.deps.delivery.enqueue({ channel: 'ocean', url: 'http://127.0.0.1:9/hook', body: '{}' });
    expect(next.seq).toBe(151);
    await sandbox.close();
  });
});

describe('the reference receiver', () => {
  it('keeps only the newest registry messages, numbered without reuse', async () => {
    const sandbox = await createTestSandbox({ config: { bounds: { receiverMessages: 3 } } });
    for (let i = 0; i < 5; i++) await request(sandbox.app).post('/pos/receiver/hcim/notification').send({ resourceType: 'Bundle', type: 'message' }).expect(200);
    const kept = (await request(sandbox.app).get('/pos/receiver/registry-messages')).body as Array<{ seq: number }>;
    expect(kept.map((m) => m.seq)).toEqual([3, 4, 5]);
    await sandbox.close();
  });
});

describe('/admin/health', () => {
  it('shows the fixed bounds beside the settable ones, with what is held against each', async () => {
    const sandbox = await createTestSandbox({ config: { bounds: { receiverMessages: 3 } } });
    await request(sandbox.app).post('/pos/receiver/hcim/notification').send({ resourceType: 'Bundle', type: 'message' }).expect(200);
    const { bounds } = ((await request(sandbox.app).get('/admin/health').expect(200)).body as { counts: { bounds: Record<string, unknown> } }).counts;
    expect(bounds.receiverMessages).toEqual({ kept: 1, max: 3, maxBytes: 32 * 1024 * 1024 });
    expect(bounds.receiverReferrals).toEqual({ kept: 0, max: 1_000, eventsAndSendsEach: 50 });
    expect(bounds.emrGrants).toEqual({ launches: { kept: 0, max: 1_000 }, codes: { kept: 0, max: 1_000 }, refreshTokens: { kept: 0, max: 1_000 } });
    expect(bounds.realmSessions).toEqual({ kept: 0, max: 10_000 });
    expect(bounds.oceanLaunches).toEqual({ pending: { kept: 0, max: 1_000 }, sessions: { kept: 0, max: 1_000 }, sendsEach: 100 });
    await sandbox.close();
  });
});

describe('the live feed', () => {
  it('drops a subscriber that stops reading with close code 1008 instead of buffering without limit', async () => {
    const config = loadConfig({}, { port: 0, dataFile: undefined, clock: { kind: 'manual' }, sizes: TEST_SIZES, bounds: { subscriberBufferBytes: 256 * 1024 } });
    const running = await startSandbox(config, createLogger('silent'));
    const ws = new WebSocket(`${running.url.replace(/^http/, 'ws')}/admin/events`);
    await new Promise((r) => ws.once('message', r));
    const socket = (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const big = 'x'.repeat(60_000);
    for (let i = 0; i < 400; i++) running.sandbox.deps.journal.record({ time: '', system: 'x', direction: 'inbound', method: 'POST', url: '/', durationMs: 0, request: { headers: {}, body: big }, correlation: {} });
    socket.resume();
    expect(await closed).toBe(1008);
    await running.stop();
  });

  it('refuses a subscriber beyond its bound with 503, and takes one again once another leaves', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const journal = createJournal(100);
    const detach = attachEventFeed(server, journal, { maxSubscribers: 2 });
    const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/admin/events`;
    const open = async () => {
      const ws = new WebSocket(url);
      const status = await new Promise<number>((resolve) => {
        ws.once('message', () => resolve(101));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      });
      return { ws, status };
    };
    try {
      const [a, b] = [await open(), await open()];
      expect([a.status, b.status]).toEqual([101, 101]);
      expect((await open()).status).toBe(503);
      await new Promise((resolve) => (a.ws.once('close', resolve), a.ws.close()));
      await vi.waitFor(async () => expect((await open()).status).toBe(101));
    } finally {
      await detach();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a message from a subscriber (the feed reads none) with close code 1009, instead of buffering up to 100 MiB', async () => {
    const running = await startSandbox(loadConfig({}, { port: 0, dataFile: undefined, clock: { kind: 'manual' }, sizes: TEST_SIZES }), createLogger('silent'));
    try {
      const ws = new WebSocket(`${running.url.replace(/^http/, 'ws')}/admin/events`);
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send('x'.repeat(64 * 1024));
      expect(await closed).toBe(1009);
      expect((await fetch(`${running.url}/admin/health`)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });
});
