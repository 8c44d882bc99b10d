// Integrations: challenge validation and outbound auth; delivery on Ocean's retry schedule; manual resend.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/clock/index.js';
import { attemptOffsets, OCEAN_CHANNEL } from '../../src/delivery/index.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createOceanWorld, receivedEvents, registerIntegration, sendReferral, startWebhook, type OceanWorld } from './support/ocean-sandbox.js';

describe('integration registration', () => {
  let world: OceanWorld;
  let other: Receiver;
  beforeEach(async () => {
    world = await createOceanWorld();
  });
  afterEach(async () => {
    await world.close();
    await other?.close();
  });

  it('refuses an endpoint that does not echo the challenge with a 422 and stores nothing', async () => {
    other = await startReceiver(() => ({ status: 200, body: '{"success":true}' }));
    const before = world.ctx.repo.integrations().length;
    const res = await request(world.sandbox.app).post('/admin/ocean/integrations').send({ siteNum: world.senderSite, url: other.url });
    expect(res.status).toBe(422);
    expect(res.body.issue[0].diagnostics).toContain('did not echo the challenge');
    expect(JSON.parse(other.received[0]!.body)).toHaveProperty('challenge');
    expect(world.ctx.repo.integrations()).toHaveLength(before);
  });

  it('refuses an endpoint that answers the challenge with a redirect, even to an endpoint that would echo it', async () => {
    other = await startReceiver(() => ({ status: 308, headers: { location: world.receiver.url } }));
    const res = await request(world.sandbox.app).post('/admin/ocean/integrations').send({ siteNum: world.senderSite, url: other.url });
    expect(res.status).toBe(422);
    expect(res.body.issue[0].diagnostics).toContain('answered HTTP 308');
    expect(res.body.issue[0].diagnostics).toContain('redirects are not followed');
  });

  it('refuses an unreachable endpoint and a malformed auth scheme', async () => {
    const down = await request(world.sandbox.app).post('/admin/ocean/integrations').send({ siteNum: world.senderSite, url: 'http://127.0.0.1:9/hook' });
    expect(down.status).toBe(422);
    const auth = await request(world.sandbox.app).post('/admin/ocean/integrations').send({ siteNum: world.senderSite, url: world.receiver.url, auth: { type: 'basic' } });
    expect(auth.status).toBe(400);
  });

  it('authenticates the challenge and the webhooks with Basic credentials', async () => {
    other = await startWebhook();
    await registerIntegration(world.sandbox, { siteNum: world.senderSite, url: other.url, auth: { type: 'basic', username: 'ocean', password: 'pw' } });
    await sendReferral(world);
    const expected = `Basic ${Buffer.from('ocean:pw').toString('base64')}`;
    expect(other.received.map((r) => r.headers.authorization)).toEqual([expected, expected]);
  });

  it('sends the client secret to the registered token URL only: a token URL answering with a redirect fails the registration', async () => {
    const elsewhere = await startReceiver(() => ({ status: 200, body: JSON.stringify({ access_token: 'stolen', expires_in: 3600 }) }));
    const tokens = await startReceiver(() => ({ status: 307, headers: { location: `${elsewhere.url}/token` } }));
    try {
      const res = await request(world.sandbox.app)
        .post('/admin/ocean/integrations')
        .send({ siteNum: world.senderSite, url: world.receiver.url, auth: { type: 'oauth', tokenUrl: `${tokens.url}/token`, clientId: 'ocean', clientSecret: 's3cret' } });
      expect(res.status).toBe(422);
      expect(res.body.issue[0].diagnostics).toContain('redirects are not followed');
      expect(elsewhere.received).toEqual([]);
    } finally {
      await Promise.all([tokens.close(), elsewhere.close()]);
    }
  });

  it('gets an OAuth client-credentials token from the partner\'s token URL before posting', async () => {
    const tokens = await startReceiver((r) => (r.url === '/token' ? { status: 200, body: JSON.stringify({ access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 }) } : undefined));
    other = await startWebhook();
    try {
      await registerIntegration(world.sandbox, { siteNum: world.senderSite, url: other.url, auth: { type: 'oauth', tokenUrl: `${tokens.url}/token`, clientId: 'ocean', clientSecret: 's3cret' } });
      await sendReferral(world);
      expect(tokens.received[0]!.body).toContain('grant_type=client_credentials');
      expect(other.received.at(-1)!.headers.authorization).toBe('Bearer tok-1');
    } finally {
      await tokens.close();
    }
  });
});

describe('delivery on Ocean\'s retry schedule', () => {
  let world: OceanWorld;
  beforeEach(async () => {
    world = await createOceanWorld();
  });
  afterEach(() => world.close());

  const attemptTimes = () => {
    const start = Date.parse(world.sandbox.deps.delivery.list({ channel: 'ocean' })[0]!.attempts[0]!.at);
    return world.sandbox.deps.delivery.list({ channel: 'ocean' })[0]!.attempts.map((a) => Date.parse(a.at) - start);
  };

  it('retries a receiver answering 500 exactly on Ocean\'s schedule for 96 hours and then dead-letters it', async () => {
    world.receiver.respondWith(500);
    await sendReferral(world);
    for (let h = 0; h < 97; h++) {
      await world.sandbox.deps.clock.advance(parseDuration('PT1H')!);
      await world.sandbox.deps.delivery.idle();
    }
    const [message] = world.sandbox.deps.delivery.list({ channel: 'ocean' });
    expect(message!.state).toBe('dead');
    const expected = attemptOffsets(OCEAN_CHANNEL.schedule);
    expect(expected.slice(0, 6)).toEqual(['PT0S', 'PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H'].map((d) => parseDuration(d)));
    expect(expected.at(-1)).toBe(parseDuration('PT96H'));
    expect(attemptTimes()).toEqual(expected);
    expect(world.receiver.received.filter((r) => r.body.includes('add-service-request'))).toHaveLength(expected.length);
  });

  it('stops retrying once the receiver answers 200', async () => {
    world.receiver.respondWith(500, 503, 200);
    const { ref } = await sendReferral(world);
    await world.sandbox.deps.clock.advance(parseDuration('PT10M')!);
    await world.sandbox.deps.delivery.idle();
    await world.sandbox.deps.clock.advance(parseDuration('PT10H')!);
    await world.sandbox.deps.delivery.idle();
    const [message] = world.sandbox.deps.delivery.list({ correlation: ref });
    expect(message!.state).toBe('delivered');
    expect(message!.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(attemptTimes()).toEqual([0, parseDuration('PT1M'), parseDuration('PT5M')]);
  });

  it('resends a referral as new or as updated, and logs it in the Event Log', async () => {
    const { ref } = await sendReferral(world);
    const asNew = await request(world.sandbox.app).post(`/admin/ocean/referrals/${ref}/resend`).send({ mode: 'new' });
    const asUpdated = await request(world.sandbox.app).post(`/admin/ocean/referrals/${ref}/resend`).send({ mode: 'updated' });
    expect([asNew.status, asUpdated.status]).toEqual([202, 202]);
    await world.sandbox.deps.delivery.idle();
    expect(receivedEvents(world.receiver).map((e) => e.event)).toEqual(['add-service-request', 'add-service-request', 'notify-update-service-request']);
    expect(world.ctx.repo.events(ref).filter((e) => e.kind === 'resent').map((e) => e.text)).toEqual([expect.stringContaining('as a new referral'), expect.stringContaining('as an updated referral')]);
    const bad = await request(world.sandbox.app).post(`/admin/ocean/referrals/${ref}/resend`).send({ mode: 'sideways' });
    expect(bad.status).toBe(400);
  });
});

describe('registering an integration while its endpoint takes its time to answer the challenge', () => {
  it('keeps a listing change made meanwhile, and after a reset meanwhile writes over the listing as the reset left it', async () => {
    const { createServer } = await import('node:http');
    let answer!: () => void;
    const slow = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(slow.address() as import('node:net').AddressInfo).port}/hook`;
    const world = await createOceanWorld();
    try {
      const app = world.sandbox.app;
      const listing = 'broadway_medical_ima-7310042';
      const waitForChallenge = async () => {
        while (!answer) await new Promise((r) => setTimeout(r, 5));
      };
      const registering = request(app).post('/admin/ocean/integrations').send({ siteNum: '1008', url, listings: [listing] }).then((r) => r);
      await waitForChallenge();
      expect((await request(app).patch(`/admin/ocean/listings/${listing}`).send({ acceptsReferrals: false })).status).toBe(200);
      answer();
      expect((await registering).status).toBe(201);
      const after = (await request(app).get(`/admin/ocean/listings`)).body as Array<{ ref: string; acceptsReferrals: boolean; externalServiceId?: string }>;
      expect(after.find((l) => l.ref === listing)).toMatchObject({ acceptsReferrals: false, externalServiceId: expect.any(String) });

      // A reset during the challenge: the registration lands in the new state, over the listing as the reset left it.
      answer = undefined as unknown as () => void;
      const second = request(app).post('/admin/ocean/integrations').send({ siteNum: '1008', url, listings: [listing] }).then((r) => r);
      await waitForChallenge();
      world.sandbox.reset();
      answer();
      expect((await second).status).toBe(201);
      expect(world.ctx.repo.listing(listing)).toMatchObject({ acceptsReferrals: true, externalServiceId: expect.any(String) });
    } finally {
      await world.close();
      await new Promise<void>((r) => slow.close(() => r()));
    }
  });
});
