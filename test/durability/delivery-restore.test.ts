// A reset or a snapshot restore while a delivery is on the wire: the attempt's outcome belongs to the state it was
// sent from, and is never written into the new one (it would bring a removed message back, or mark another message
// that reused its id as delivered).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { formatIpc } from '../../src/plr/vocabulary.js';
import { collection, maintainParameters } from '../plr/support/maintain-builders.js';
import { createPlrSandbox, demoToken, plrClient, type PlrClient } from '../plr/support/plr-sandbox.js';

/** A subscriber that holds the first distribution until released and answers every later one `later`. */
async function holdingSubscriber(later: number) {
  let release!: (status: number) => void;
  const released = new Promise<number>((r) => (release = r));
  let arrived!: () => void;
  const first = new Promise<void>((r) => (arrived = r));
  const bodies: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      if (bodies.length === 1) {
        arrived();
        void released.then((status) => res.writeHead(status).end());
      } else res.writeHead(later).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/plr`, bodies, first, release, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let sandbox: Sandbox;
let plr: PlrClient;
let subscriber: Awaited<ReturnType<typeof holdingSubscriber>>;
beforeEach(async () => {
  sandbox = await createPlrSandbox();
  plr = plrClient(sandbox, await demoToken(sandbox));
  subscriber = await holdingSubscriber(500);
});
afterEach(async () => {
  subscriber.release(200);
  await sandbox.close();
  await subscriber.close();
});

const change = (n: number) => plr.post('/$maintain', maintainParameters(collection({ resourceType: 'Practitioner', id: formatIpc(n), gender: 'unknown' })));
const deliveries = () => sandbox.deps.delivery.list({ channel: 'plr' });

describe('a delivery on the wire across a restore or a reset', () => {
  it('does not mark the message that reused its id after a restore as delivered: the subscriber refused that one', async () => {
    expect((await request(sandbox.app).post('/admin/plr/subscriptions').send({ partner: 'demo', url: subscriber.url, form: 'transaction' })).status).toBe(201);
    sandbox.deps.store.snapshot('before', sandbox.deps.clock.iso());
    expect((await change(2)).status).toBe(200);
    await subscriber.first;
    const a = deliveries()[0]!;
    expect(sandbox.restore('before')).toBe(true);
    expect((await change(3)).status).toBe(200);
    const b = deliveries()[0]!;
    expect(b.id).toBe(a.id); // the restored change counter numbers the new change as the old one
    subscriber.release(200);
    await sandbox.deps.delivery.idle();
    const after = sandbox.deps.delivery.get(b.id)!;
    expect(after.state).toBe('pending');
    expect(after.attempts.map((x) => x.status)).toEqual([500]);
    expect(subscriber.bodies).toHaveLength(2);
  });

  it('does not bring a message back after a reset removed it', async () => {
    expect((await request(sandbox.app).post('/admin/plr/subscriptions').send({ partner: 'demo', url: subscriber.url, form: 'transaction' })).status).toBe(201);
    expect((await change(2)).status).toBe(200);
    await subscriber.first;
    sandbox.reset();
    expect(deliveries()).toEqual([]);
    subscriber.release(503);
    await sandbox.deps.delivery.idle();
    expect(deliveries()).toEqual([]);
    // The attempt did happen: the journal says so.
    expect(sandbox.deps.journal.query({ system: 'plr', direction: 'outbound' }).some((e) => e.status === 503)).toBe(true);
  });
});

describe('a delivery on the wire when the pending bound gave it up', () => {
  it('stays given up, with no next attempt, when its endpoint refuses it', async () => {
    const { createTestSandbox } = await import('../support/sandbox.js');
    let release!: (status: number) => void;
    const held = new Promise<number>((r) => (release = r));
    let calls = 0;
    const fetchImpl = (async () => new Response('{}', { status: ++calls === 1 ? await held : 500 })) as typeof fetch;
    const sb = await createTestSandbox({ config: { clock: { kind: 'manual' }, bounds: { deliveryPending: 1 } }, deps: { fetchImpl } });
    try {
      const a = sb.deps.delivery.enqueue({ channel: 'ocean', url: 'http://127.0.0.1:9/a', body: '{}' });
      while (calls === 0) await new Promise((r) => setTimeout(r, 2));
      sb.deps.delivery.enqueue({ channel: 'ocean', url: 'http://127.0.0.1:9/b', body: '{}' });
      expect(sb.deps.delivery.get(a.id)!.state).toBe('dead');
      release(503);
      await sb.deps.delivery.idle();
      const after = sb.deps.delivery.get(a.id)!;
      expect(after.state).toBe('dead');
      expect(after.nextAttemptAt).toBeUndefined();
      expect(after.attempts.map((x) => x.status)).toEqual([503]);
    } finally {
      release(200);
      await sb.close();
    }
  });
});
