import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createTestSandbox, TEST_START } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createTestSandbox();
});
afterEach(() => sandbox.close());

describe('the admin API', () => {
  it('reports health with version, uptime, clock and counts', async () => {
    const res = await request(sandbox.app).get('/admin/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', version: expect.any(String), clock: { mode: 'manual', now: new Date(TEST_START).toISOString() } });
    expect(res.body.counts.store.partners).toBe(1);
    expect(res.body.counts.deliveries).toMatchObject({ pending: 0, delivered: 0, dead: 0, pruned: { delivered: 0, dead: 0 }, retention: { keptFor: 'P1D', keep: 1_000 } });
  });

  it('advances and sets the clock', async () => {
    const adv = await request(sandbox.app).post('/admin/clock/advance').send({ duration: 'PT96H' });
    expect(adv.body.now).toBe(new Date(TEST_START + 96 * 3600_000).toISOString());
    const set = await request(sandbox.app).post('/admin/clock/set').send({ time: '2026-04-01T00:00:00Z' });
    expect(set.body.now).toBe('2026-04-01T00:00:00.000Z');
    expect((await request(sandbox.app).get('/admin/clock')).body.now).toBe('2026-04-01T00:00:00.000Z');
  });

  it('refuses a clock request it cannot read, saying what to send', async () => {
    const res = await request(sandbox.app).post('/admin/clock/advance').send({ duration: '96 hours' });
    expect(res.status).toBe(400);
    expect(res.body.issue[0].diagnostics).toMatch(/PT96H/);
    expect((await request(sandbox.app).post('/admin/clock/set').send({ time: 'soon' })).status).toBe(400);
  });

  it('refuses to move the clock past what an instant can say (year 9999), and every surface keeps answering', async () => {
    for (const [path, body] of [
      ['/admin/clock/advance', { duration: 'P100000000D' }],
      ['/admin/clock/advance', { duration: 'P3000000D' }],
      ['/admin/clock/set', { time: '+275760-09-13T00:00:00Z' }],
      ['/admin/clock/set', { time: '+010000-01-01T00:00:00Z' }],
    ] as const) {
      const res = await request(sandbox.app).post(path).send(body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.issue[0].diagnostics).toContain('the clock goes no further than 9999-12-31T23:59:59.999Z');
    }
    expect((await request(sandbox.app).get('/admin/clock')).body.now).toBe(new Date(TEST_START).toISOString());
    expect((await request(sandbox.app).get('/admin/health')).status).toBe(200);
    expect((await request(sandbox.app).post('/admin/clock/set').send({ time: '9999-12-31T00:00:00Z' })).status).toBe(200);
    expect((await request(sandbox.app).get('/admin/health')).status).toBe(200);
  });

  it('answers malformed admin JSON with a 400 outcome', async () => {
    const res = await request(sandbox.app).post('/admin/faults').set('content-type', 'application/json').send('{nope');
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  it('adds partners with generated credentials and refuses duplicates', async () => {
    const res = await request(sandbox.app).post('/admin/partners').send({ name: 'clinic-a' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'clinic-a', clientId: 'clinic-a-pos', users: [{ username: 'clinic-a@IDIR' }] });
    expect(res.body.clientSecret.length).toBeGreaterThanOrEqual(20);
    expect((await request(sandbox.app).post('/admin/partners').send({ name: 'clinic-a' })).status).toBe(400);
    expect((await request(sandbox.app).post('/admin/partners').send({ name: 'Bad Name!' })).status).toBe(400);
  });

  it('replays a dead delivery and refuses to replay a pending one', async () => {
    const m = sandbox.deps.delivery.enqueue({ channel: 'ocean', url: 'http://127.0.0.1:9/unreachable', body: '{}' });
    const pending = await request(sandbox.app).post(`/admin/deliveries/${m.id}/replay`);
    expect(pending.status).toBe(400);
    expect((await request(sandbox.app).post('/admin/deliveries/nope/replay')).status).toBe(404);
  });
});
