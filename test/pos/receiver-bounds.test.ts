// The reference receiver's bounds: how many referrals it keeps, their clock timers, the policy's delay, each referral's history.
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { SystemFactory } from '../../src/app-deps.js';
import type { Sandbox } from '../../src/app.js';
import { createReceiver, DOCUMENTS_FETCHED, HISTORY_KEEP, type ReceivedReferral } from '../../src/pos/receiver/index.js';
import { createTestSandbox } from '../support/sandbox.js';
import { oceanMessage } from './support/ocean-message.js';

/** Only the receiver, at /pos/receiver, keeping at most `keepReferrals` (the default bound is too big for a quick test). */
const receiverOnly =
  (keepReferrals?: number): SystemFactory =>
  (deps) => {
    const receiver = createReceiver(deps, { keepReferrals });
    return { name: 'pos', router: express.Router().use('/receiver', receiver.router), resume: receiver.resume, endpoints: () => [] };
  };

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const post = (s: Sandbox, event: string, ref: string, letter = false) => request(s.app).post('/pos/receiver/$process-message').send(oceanMessage(s, event, ref, letter)).expect(200);
const kept = async (s: Sandbox) => ((await request(s.app).get('/pos/receiver/referrals').expect(200)).body as ReceivedReferral[]).map((r) => r.ref);

describe('the reference receiver keeps a bounded number of referrals', () => {
  it('forgets the oldest referrals past its bound, cancelled ones first', async () => {
    const s = (sandbox = await createTestSandbox({ systems: [receiverOnly(5)] }));
    await request(s.app).put('/pos/receiver/policy').send({ mode: 'manual' }).expect(200);
    for (let i = 1; i <= 5; i++) await post(s, 'add-service-request', `r-${i}`);
    await post(s, 'revoke-service-request', 'r-3');
    await post(s, 'add-service-request', 'r-6');
    expect(await kept(s)).toEqual(['r-1', 'r-2', 'r-4', 'r-5', 'r-6']);
    for (let i = 7; i <= 20; i++) {
      await post(s, 'add-service-request', `r-${i}`);
      expect((await kept(s)).length).toBeLessThanOrEqual(5);
    }
    expect((await kept(s)).at(-1)).toBe('r-20');
    await request(s.app).get('/pos/receiver/referrals/r-1').expect(404);
  });

  it('cancels the clock timers of a referral it forgets, so none outlive it', async () => {
    const s = (sandbox = await createTestSandbox({ systems: [receiverOnly(3)] }));
    await request(s.app).put('/pos/receiver/policy').send({ mode: 'complete', delay: 'PT1H' }).expect(200);
    const before = s.deps.clock.pending();
    // Each referral: three plan steps (accept, book, complete) and one document fetch.
    for (let i = 1; i <= 3; i++) await post(s, 'add-service-request', `r-${i}`, true);
    expect(s.deps.clock.pending() - before).toBe(12);
    for (let i = 4; i <= 30; i++) await post(s, 'add-service-request', `r-${i}`, true);
    expect(await kept(s)).toEqual(['r-28', 'r-29', 'r-30']);
    expect(s.deps.clock.pending() - before).toBe(12);
  });

  it('cancels the timers of referrals a reset forgot once more referrals hold timers than it keeps', async () => {
    const s = (sandbox = await createTestSandbox({ systems: [receiverOnly(3)] }));
    const before = s.deps.clock.pending();
    const filing = async (from: number, to: number) => {
      await request(s.app).put('/pos/receiver/policy').send({ mode: 'complete', delay: 'PT1H' }).expect(200);
      for (let i = from; i <= to; i++) await post(s, 'add-service-request', `r-${i}`, true);
    };
    await filing(1, 3);
    s.reset();
    await filing(4, 7);
    expect(await kept(s)).toEqual(['r-5', 'r-6', 'r-7']);
    expect(s.deps.clock.pending() - before).toBe(12);
  });
});

describe('the reference receiver policy', () => {
  it("refuses a delay longer than Ocean's 96-hour delivery horizon with a 400 OperationOutcome", async () => {
    const s = (sandbox = await createTestSandbox({ systems: [receiverOnly()] }));
    for (const delay of ['PT97H', 'P5D', 'P52W']) {
      const res = await request(s.app).put('/pos/receiver/policy').send({ mode: 'book', delay });
      expect(res.status).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].diagnostics).toContain('PT96H');
    }
    expect((await request(s.app).get('/pos/receiver/policy')).body).toEqual({ mode: 'book', delay: 'PT5M' });
    expect((await request(s.app).put('/pos/receiver/policy').send({ mode: 'accept', delay: 'PT96H' }).expect(200)).body).toEqual({ mode: 'accept', delay: 'PT96H' });
  });
});

describe("a referral's history", () => {
  it('keeps only the newest events received and actions sent', async () => {
    const s = (sandbox = await createTestSandbox({ systems: [receiverOnly()] }));
    await request(s.app).put('/pos/receiver/policy').send({ mode: 'manual' }).expect(200);
    await request(s.app).put('/pos/receiver/wrong').send({ behaviours: ['skip-appointment'] }).expect(200);
    await post(s, 'add-service-request', 'r-1');
    const times: string[] = [];
    for (let i = 0; i < HISTORY_KEEP + 5; i++) {
      await s.deps.clock.advance(1000);
      times.push(s.deps.clock.iso());
      await post(s, 'update-service-request', 'r-1');
      await request(s.app).post('/pos/receiver/referrals/r-1/actions').send({ type: 'appointment' }).expect(200);
    }
    const r = (await request(s.app).get('/pos/receiver/referrals/r-1').expect(200)).body as ReceivedReferral;
    expect(r.events.map((e) => e.at)).toEqual(times.slice(-HISTORY_KEEP));
    expect(r.events.every((e) => e.event === 'update-service-request')).toBe(true);
    expect(r.sent.map((e) => e.at)).toEqual(times.slice(-HISTORY_KEEP));
  });
});

describe("a referral's documents", () => {
  it('are fetched at most DOCUMENTS_FETCHED a referral, each URL once: the webhook answers anyone, and each fetch renders a letter', async () => {
    const s = (sandbox = await createTestSandbox({ systems: [receiverOnly()] }));
    const message = oceanMessage(s, 'add-service-request', 'r-1', true) as { entry: Array<{ fullUrl: string; resource: { resourceType: string } }> };
    const letter = message.entry.find((e) => e.resource.resourceType === 'DocumentReference')!;
    // The letter twice, then many more documents on Ocean's base than any referral carries.
    const more = Array.from({ length: 200 }, (_, i) => ({ ...letter, fullUrl: `urn:uuid:0c1b5f0e-0000-4000-8000-1${String(i).padStart(11, '0')}`, resource: { resourceType: 'DocumentReference', status: 'current', content: [{ attachment: { url: `${s.deps.config.baseUrl}/ocean/svc/fhir/v1/Binary/b-${i}/$binary`, title: `scan ${i}` } }] } }));
    message.entry.splice(2, 0, letter, ...more);
    await request(s.app).post('/pos/receiver/$process-message').send(message).expect(200);
    const r = (await request(s.app).get('/pos/receiver/referrals/r-1').expect(200)).body as ReceivedReferral;
    const fetch = r.planned!.flatMap((p) => ('fetch' in p ? p.fetch : []));
    expect(fetch).toHaveLength(DOCUMENTS_FETCHED);
    expect(new Set(fetch.map((d) => d.url)).size).toBe(DOCUMENTS_FETCHED);
    expect(fetch[0]!.title).toBe('Letter');
  });
});

describe('the registry endpoints keep a bounded size of bodies', () => {
  it('drop the oldest messages once their bodies pass the byte bound, whatever their count', async () => {
    const registryBytes = 100_000;
    sandbox = await createTestSandbox({ systems: [(deps) => ({ name: 'pos', router: express.Router().use('/receiver', createReceiver(deps, { registryBytes }).router), endpoints: () => [] })] });
    // Twenty 20 KB distributions: 400 KB sent, well within the count bound of 1,000.
    const bundle = (i: number) => ({ resourceType: 'Bundle', type: 'collection', id: `d${i}`, meta: { tag: [{ code: 'x'.repeat(20_000) }] } });
    for (let i = 0; i < 20; i++) await request(sandbox.app).post('/pos/receiver/plr/distribution').send(bundle(i)).expect(200);
    const kept = (await request(sandbox.app).get('/pos/receiver/registry-messages').expect(200)).body as Array<{ body: { id: string } }>;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(5);
    expect(kept.at(-1)!.body.id).toBe('d19');
  });
});

