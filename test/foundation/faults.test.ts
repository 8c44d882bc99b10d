import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { echoSystem } from '../support/echo-system.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
let phn: string;
beforeEach(async () => {
  sandbox = await createTestSandbox({ systems: [echoSystem] });
  phn = sandbox.deps.population.client(0).phn;
});
afterEach(() => sandbox.close());

const asText = (res: request.Response, done: (err: Error | null, body: string) => void) => {
  let text = '';
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => (text += c.toString()));
  stream.on('end', () => done(null, text));
};
const arm = (body: object) => request(sandbox.app).post('/admin/faults').send(body);

describe('faults', () => {
  it('lists every declared seam with a description', async () => {
    const res = await request(sandbox.app).get('/admin/faults/seams');
    const seams = res.body.map((s: { seam: string }) => s.seam);
    expect(seams).toEqual(expect.arrayContaining(['delivery.ocean', 'delivery.plr', 'delivery.hcim', 'echo.read']));
    expect(res.body.every((s: { description: string }) => s.description.length > 0)).toBe(true);
  });

  it('fires a status fault at its seam, the given number of times', async () => {
    await arm({ seam: 'echo.read', effect: { kind: 'status', status: 503 }, times: 2 }).expect(201);
    expect((await request(sandbox.app).get(`/hcim/Patient/${phn}`)).status).toBe(503);
    expect((await request(sandbox.app).get(`/hcim/Patient/${phn}`)).status).toBe(503);
    expect((await request(sandbox.app).get(`/hcim/Patient/${phn}`)).status).toBe(200);
    expect((await request(sandbox.app).get('/admin/faults')).body).toEqual([]);
  });

  it('fires only for the named partner', () => {
    sandbox.deps.faults.arm({ seam: 'delivery.ocean', effect: { kind: 'drop' }, partner: 'clinic-a' }, sandbox.deps.clock.iso());
    expect(sandbox.deps.faults.check('delivery.ocean', { partner: 'clinic-b' })).toBeUndefined();
    expect(sandbox.deps.faults.check('delivery.ocean', {})).toBeUndefined();
    expect(sandbox.deps.faults.check('delivery.ocean', { partner: 'clinic-a' })).toEqual({ kind: 'drop' });
  });

  it('does not fire at another seam', () => {
    sandbox.deps.faults.arm({ seam: 'delivery.plr', effect: { kind: 'drop' } }, sandbox.deps.clock.iso());
    expect(sandbox.deps.faults.check('delivery.ocean')).toBeUndefined();
    expect(sandbox.deps.faults.check('delivery.plr')).toEqual({ kind: 'drop' });
  });

  it('keeps firing until cleared when no count is given', async () => {
    const rule = (await arm({ seam: 'echo.read', effect: { kind: 'malformed' } })).body;
    for (let i = 0; i < 3; i++) {
      const res = await request(sandbox.app).get(`/hcim/Patient/${phn}`).buffer(true).parse(asText);
      expect(res.body).toMatch(/"type":"mess$/);
    }
    await request(sandbox.app).delete(`/admin/faults/${rule.id}`).expect(204);
    expect((await request(sandbox.app).get(`/hcim/Patient/${phn}`)).status).toBe(200);
  });

  it('drops the connection when asked', async () => {
    await arm({ seam: 'echo.read', effect: { kind: 'drop' }, times: 1 });
    await expect(request(sandbox.app).get(`/hcim/Patient/${phn}`)).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('adds latency and then answers normally', async () => {
    await arm({ seam: 'echo.read', effect: { kind: 'latency', ms: 120 }, times: 1 });
    const t0 = performance.now();
    const res = await request(sandbox.app).get(`/hcim/Patient/${phn}`);
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(100);
  });

  it('makes an outbound delivery fail without reaching the receiver', async () => {
    const receiver: Receiver = await startReceiver();
    await arm({ seam: 'delivery.ocean', effect: { kind: 'status', status: 502 }, times: 1 });
    const m = sandbox.deps.delivery.enqueue({ channel: 'ocean', url: receiver.url, body: '{}' });
    await sandbox.deps.delivery.idle();
    expect(sandbox.deps.delivery.get(m.id)!.attempts[0]).toMatchObject({ status: 502 });
    expect(receiver.received).toHaveLength(0);
    await receiver.close();
  });

  it('refuses an unknown seam or a bad effect with a 400 that says what to send', async () => {
    const unknown = await arm({ seam: 'nope', effect: { kind: 'drop' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issue[0].diagnostics).toMatch(/GET \/admin\/faults\/seams/);
    expect((await arm({ seam: 'echo.read', effect: { kind: 'status', status: 42 } })).status).toBe(400);
    expect((await arm({ seam: 'echo.read', effect: { kind: 'explode' } })).status).toBe(400);
    expect((await arm({ seam: 'echo.read', effect: { kind: 'drop' }, times: 0 })).status).toBe(400);
  });
});
