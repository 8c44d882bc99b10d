// What a partner can pile up has a bound: Ocean referrals (with their Event Logs and attachments) and the PLR
// change log keep the newest records, settled referrals go first, and /admin/health counts without copying.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDistributor } from '../../src/plr/distribution/distributor.js';
import { createRegistry } from '../../src/plr/registry/registry.js';
import { createTestSandbox } from '../support/sandbox.js';
import { createOceanWorld, inbound, post, sendReferral, siteToken, task, type OceanWorld } from '../ocean/support/ocean-sandbox.js';

const PDF = Buffer.from('%PDF-1.4 retention').toString('base64');

describe('Ocean referral retention', () => {
  let world: OceanWorld;
  beforeAll(async () => {
    world = await createOceanWorld({ config: { bounds: { oceanReferrals: 20 } } });
  });
  afterAll(() => world.close());

  it('keeps at most its bound, forgets the settled ones first with their Event Logs and attachments, and counts them', async () => {
    const { store } = world.sandbox.deps;
    const first = await sendReferral(world, { attachments: [{ title: 'scan', contentType: 'application/pdf', data: PDF }] });
    const second = await sendReferral(world);
    const cancelled = await sendReferral(world);
    await request(world.sandbox.app).post(`/admin/ocean/referrals/${cancelled.ref}/cancel`).send({ reason: 'moved' }).expect(200);
    for (let i = 0; i < 17; i++) await sendReferral(world);
    expect(store.count('ocean.referrals')).toBe(20);
    await sendReferral(world);
    expect(store.count('ocean.referrals')).toBeLessThanOrEqual(20);
    expect(store.has('ocean.referrals', cancelled.ref)).toBe(false);
    expect(store.has('ocean.event-log', cancelled.ref)).toBe(false);
    expect(store.has('ocean.referrals', second.ref)).toBe(true);
    for (let i = 0; i < 5; i++) await sendReferral(world);
    expect(store.count('ocean.referrals')).toBeLessThanOrEqual(20);
    expect(store.has('ocean.referrals', first.ref)).toBe(false);
    expect(store.has('ocean.attachments', first.attachments[0]!.id)).toBe(false);
    const health = (await request(world.sandbox.app).get('/admin/health').expect(200)).body as { counts: { ocean: { referrals: number; referralsPruned: number }; bounds: { oceanReferrals: { kept: number; max: number; eventsEach: number; itemsEach: number } } } };
    expect(health.counts.ocean.referrals + health.counts.ocean.referralsPruned).toBe(26);
    expect(health.counts.bounds.oceanReferrals).toEqual({ kept: health.counts.ocean.referrals, max: 20, eventsEach: 1_000, itemsEach: 100, attachmentBytes: { kept: expect.any(Number), max: 256 * 1024 * 1024 }, referralBytes: { kept: expect.any(Number), max: 256 * 1024 * 1024 } });
  });

  it('answers the admin API and $process-messages about a forgotten referral with a FHIR 404, not a crash', async () => {
    const gone = world.sandbox.deps.store.values<{ ref: string }>('ocean.referrals').next().value!.ref;
    for (let i = 0; i < 21; i++) await sendReferral(world);
    expect(world.sandbox.deps.store.has('ocean.referrals', gone)).toBe(false);
    const res = await request(world.sandbox.app).get(`/admin/ocean/referrals/${gone}`);
    expect(res.status).toBe(404);
    expect(res.body.resourceType).toBe('OperationOutcome');
    const token = await siteToken(world, world.receiverSite);
    const late = await post(world, token, inbound('notify-update-process-request', gone, [task(gone, 'accepted')]));
    expect(late.status).toBe(404);
    expect(late.body.issue[0].diagnostics).toContain(`referral ${gone} does not exist`);
  });

  it('counts referrals for /admin/health without reading them one by one', async () => {
    const read = await collectionReads(world, () => request(world.sandbox.app).get('/admin/health').expect(200));
    expect(read.filter((r) => r.includes('ocean.referrals') || r.includes('ocean.event-log'))).toEqual([]);
  });

  it('serves an attachment through $binary by key, without reading every referral', async () => {
    const sent = await sendReferral(world, { attachments: [{ title: 'scan', contentType: 'application/pdf', data: PDF }] });
    const token = await siteToken(world, world.receiverSite);
    let status = 0;
    const read = await collectionReads(world, async () => {
      const res = await request(world.sandbox.app).get(`/ocean/svc/fhir/v1/DocumentReference/${sent.attachments[0]!.id}/$binary`).set('Authorization', `Bearer ${token}`).buffer(true);
      status = res.status;
      expect(Buffer.from(res.body as Buffer).toString()).toBe('%PDF-1.4 retention');
    });
    expect(status).toBe(200);
    expect(read.filter((r) => r.includes('ocean.referrals'))).toEqual([]);
  });
});

/** The collections read whole (list, find, values) while `action` runs. */
async function collectionReads(world: OceanWorld, action: () => Promise<unknown>): Promise<string[]> {
  const { store } = world.sandbox.deps;
  const read: string[] = [];
  type Reader = (c: string, ...rest: unknown[]) => unknown;
  const spied = store as unknown as Record<'list' | 'find' | 'values', Reader>;
  const originals = { list: spied.list, find: spied.find, values: spied.values };
  for (const name of ['list', 'find', 'values'] as const) {
    spied[name] = (c, ...rest) => {
      read.push(`${name} ${c}`);
      return originals[name].call(store, c, ...rest);
    };
  }
  try {
    await action();
  } finally {
    Object.assign(store, originals);
  }
  return read;
}

describe('the PLR change log', () => {
  it('keeps the newest changes within its bound, numbered without reuse', async () => {
    const sandbox = await createTestSandbox({ config: { bounds: { plrChanges: 50 } } });
    const registry = createRegistry(sandbox.deps.population, sandbox.deps.store);
    const distributor = createDistributor(sandbox.deps, registry);
    for (let i = 0; i < 120; i++) distributor.changed([], { kind: 'registry', description: `change ${i}` });
    const changes = distributor.changes();
    expect(changes.length).toBeLessThanOrEqual(50);
    expect(changes.at(-1)!.seq).toBe(120);
    expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => 120 - changes.length + 1 + i));
    await sandbox.close();
  });
});

describe("Ocean's attachment bytes", () => {
  let world: OceanWorld;
  beforeAll(async () => {
    world = await createOceanWorld({ config: { bounds: { oceanAttachmentBytes: 100_000 } } });
  });
  afterAll(() => world.close());

  it('stay within their bound: the oldest referrals with attachments go (settled first), the newest stays, whatever the count bound', async () => {
    const { store } = world.sandbox.deps;
    // Each ~30 KB of base64: five of them are over the 100,000 bound, far under the referral count bound.
    const scan = (i: number) => ({ attachments: [{ title: `scan ${i}`, contentType: 'application/pdf', data: Buffer.alloc(22_000, i).toString('base64') }] });
    const sent = [await sendReferral(world, scan(0)), await sendReferral(world, scan(1))];
    const settled = sent[1]!;
    await request(world.sandbox.app).post(`/admin/ocean/referrals/${settled.ref}/cancel`).send({ reason: 'moved' }).expect(200);
    for (let i = 2; i < 7; i++) sent.push(await sendReferral(world, scan(i)));
    // As stored: each attachment's JSON text (its base64 data and its referral's key).
    let bytes = 0;
    for (const a of store.values<{ data: string }>('ocean.attachments')) bytes += JSON.stringify(a).length;
    expect(bytes).toBeLessThanOrEqual(100_000);
    // The cancelled one went first, though the first is older; then the oldest; the newest stays.
    expect(store.has('ocean.referrals', settled.ref)).toBe(false);
    expect(store.has('ocean.referrals', sent[0]!.ref)).toBe(false);
    expect(store.has('ocean.referrals', sent.at(-1)!.ref)).toBe(true);
    expect(store.has('ocean.attachments', settled.attachments[0]!.id)).toBe(false);
    const health = (await request(world.sandbox.app).get('/admin/health').expect(200)).body as { counts: { bounds: { oceanReferrals: { attachmentBytes: { kept: number; max: number } } } } };
    expect(health.counts.bounds.oceanReferrals.attachmentBytes).toEqual({ kept: bytes, max: 100_000 });
  });
});

describe("Ocean's referral bytes", () => {
  let world: OceanWorld;
  const MAX = 400_000;
  beforeAll(async () => {
    world = await createOceanWorld({ config: { bounds: { oceanReferralBytes: MAX } } });
  });
  afterAll(() => world.close());

  /** A receiver's message carrying a ~20 KB file inline, as "Send Communication with attachment" may. */
  const withFile = (ref: string, i: number) =>
    inbound('send-communication-from-provider', ref, [
      { resourceType: 'Communication', id: crypto.randomUUID(), status: 'completed', basedOn: [{ reference: `ServiceRequest/${ref}` }], payload: [{ contentString: `results ${i}` }, { contentAttachment: { contentType: 'application/pdf', title: `results-${i}.pdf`, data: Buffer.alloc(15_000, i).toString('base64') } }] },
    ]);
  const recordBytes = () => {
    let bytes = 0;
    for (const r of world.sandbox.deps.store.values('ocean.referrals')) bytes += JSON.stringify(r).length;
    return bytes;
  };

  it('stay within their bound as receivers send files in messages: the oldest referrals go, never the one just written', async () => {
    const token = await siteToken(world, world.receiverSite);
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push(await sendReferral(world));
    // Messages to the oldest referral, then to each in turn: each ~20 KB, 40 in all (~800 KB), twice the bound.
    for (let i = 0; i < 40; i++) {
      const ref = sent[i % sent.length]!.ref;
      expect((await post(world, token, withFile(ref, i))).status).toBe(200);
      expect(world.sandbox.deps.store.has('ocean.referrals', ref)).toBe(true);
    }
    expect(recordBytes()).toBeLessThanOrEqual(MAX);
    const health = (await request(world.sandbox.app).get('/admin/health').expect(200)).body as { counts: { bounds: { oceanReferrals: { referralBytes: { kept: number; max: number } } } } };
    expect(health.counts.bounds.oceanReferrals.referralBytes).toEqual({ kept: recordBytes(), max: MAX });
  });

  it("keep one referral's messages within a sixteenth of the bound, its newest message always kept", async () => {
    const token = await siteToken(world, world.receiverSite);
    const { ref } = await sendReferral(world);
    for (let i = 0; i < 12; i++) expect((await post(world, token, withFile(ref, i))).status).toBe(200);
    const kept = world.ctx.repo.referral(ref)!;
    expect(JSON.stringify(kept.communications).length).toBeLessThanOrEqual(MAX / 16 + 25_000);
    expect(kept.communications.at(-1)!.payload![0]!.contentString).toBe('results 11');
    expect(kept.communications.length).toBeLessThan(12);
  });
});

describe('the retention settings', () => {
  it('default to thousands and are read from HIE_SANDBOX_OCEAN_REFERRAL_KEEP and HIE_SANDBOX_PLR_CHANGE_KEEP', () => {
    expect(loadConfig({}).bounds).toMatchObject({ oceanReferrals: 5_000, plrChanges: 10_000, oceanReferralEvents: 1_000, oceanReferralItems: 100, hcimRevisions: 100, plrHistory: 100, oceanAttachmentBytes: 256 * 1024 * 1024, oceanReferralBytes: 256 * 1024 * 1024 });
    expect(loadConfig({ HIE_SANDBOX_OCEAN_REFERRAL_BYTES: '1000000' }).bounds.oceanReferralBytes).toBe(1_000_000);
    expect(loadConfig({ HIE_SANDBOX_OCEAN_REFERRAL_EVENTS: '7', HIE_SANDBOX_OCEAN_REFERRAL_ITEMS: '8', HIE_SANDBOX_HCIM_REVISIONS: '9', HIE_SANDBOX_PLR_HISTORY: '10' }).bounds).toMatchObject({ oceanReferralEvents: 7, oceanReferralItems: 8, hcimRevisions: 9, plrHistory: 10 });
    expect(loadConfig({ HIE_SANDBOX_OCEAN_REFERRAL_KEEP: '250', HIE_SANDBOX_PLR_CHANGE_KEEP: '40' }).bounds).toMatchObject({ oceanReferrals: 250, plrChanges: 40 });
    expect(() => loadConfig({ HIE_SANDBOX_OCEAN_REFERRAL_KEEP: 'lots' })).toThrow(/whole number/);
  });
});
