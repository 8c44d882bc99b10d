// The receiving reference POS's own surface: wrong-behaviour switches, documents fetched from Ocean, registry endpoints.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SYSTEMS } from '../../src/systems.js';
import { startListeningSandbox, type ListeningSandbox } from './support/listening-sandbox.js';

let sb: ListeningSandbox;
beforeAll(async () => void (sb = await startListeningSandbox(DEFAULT_SYSTEMS)));
afterAll(async () => sb.close());

const app = () => sb.sandbox.app;

/** A new referral with one text attachment, delivered to the reference POS (manual policy) on an imaging listing; its ref. */
async function referralToReferencePos(title: string, text: string): Promise<string> {
  const listing = sb.sandbox.deps.population.fixtures.imagingListingRef;
  const site = sb.sandbox.deps.population.oceanListings().find((l) => l.ref === listing)!.siteNum;
  await request(app()).post('/admin/ocean/integrations').send({ siteNum: site, url: `${sb.url}/pos/receiver/$process-message`, listings: [listing] }).expect(201);
  await request(app()).put('/pos/receiver/policy').send({ mode: 'manual' }).expect(200);
  const created = await request(app())
    .post('/admin/ocean/referrals')
    .send({ listingRef: listing, phn: sb.sandbox.deps.population.fixtures.ordinaryPatientPhn, attachments: [{ title, contentType: 'text/plain', data: Buffer.from(text).toString('base64') }] })
    .expect(201);
  await sb.sandbox.deps.delivery.idle();
  return created.body.ref as string;
}

describe('the reference POS at /pos/receiver', () => {
  it('switches wrong behaviours on and off, refusing unknown ones with an OperationOutcome', async () => {
    const bad = await request(app()).put('/pos/receiver/wrong').send({ behaviours: ['answer-500', 'be-rude'] });
    expect(bad.status).toBe(400);
    expect(bad.body.resourceType).toBe('OperationOutcome');
    expect(bad.body.issue[0].diagnostics).toContain('answer-500, unhonoured-status, skip-appointment');
    expect((await request(app()).put('/pos/receiver/wrong').send({ behaviours: ['answer-500'] })).body).toEqual({ behaviours: ['answer-500'] });
    const webhook = await request(app()).post('/pos/receiver/$process-message').send({ resourceType: 'Bundle', type: 'message', entry: [] });
    expect(webhook.status).toBe(500);
    const challenge = await request(app()).post('/pos/receiver/$process-message').send({ challenge: 'abc' });
    expect(challenge.body).toEqual({ challenge: 'abc' });
    expect((await request(app()).put('/pos/receiver/wrong').send({ behaviours: [] })).body).toEqual({ behaviours: [] });
    expect((await request(app()).post('/pos/receiver/$process-message').send({ resourceType: 'Bundle', type: 'message', entry: [] })).status).toBe(200);
  });

  it('fetches the letter and the attachments of a new referral from Ocean a minute later and keeps them on the referral', async () => {
    const ref = await referralToReferencePos('Report', 'a report');
    const before = await request(app()).get(`/pos/receiver/referrals/${ref}`).expect(200);
    expect(before.body.documents).toBeUndefined();
    await request(app()).post('/admin/clock/advance').send({ duration: 'PT2M' }).expect(200);
    const after = await request(app()).get(`/pos/receiver/referrals/${ref}`).expect(200);
    expect(after.body.documents.map((d: { url: string; status: number }) => [d.url.includes('$letter') ? 'letter' : d.url.includes('$binary') ? 'binary' : d.url, d.status])).toEqual([
      ['letter', 200],
      ['binary', 200],
    ]);
    expect(after.body.documents[1].bytes).toBe('a report'.length);
  });

  it('gets a new token and tries once more when Ocean refuses a document with 401 (the clock can pass its token\'s hour mid-call)', async () => {
    const ref = await referralToReferencePos('Scan', 'a scan');
    // Ocean refuses the next letter and the next attachment once, as it refuses an expired token.
    for (const seam of ['ocean.letter', 'ocean.binary']) await request(app()).post('/admin/faults').send({ seam, effect: { kind: 'status', status: 401 }, times: 1 }).expect(201);
    await request(app()).post('/admin/clock/advance').send({ duration: 'PT2M' }).expect(200);
    const after = await request(app()).get(`/pos/receiver/referrals/${ref}`).expect(200);
    expect(after.body.documents.map((d: { status: number }) => d.status)).toEqual([200, 200]);
    const fetched = (await request(app()).get('/admin/journal?system=ocean&limit=50')).body as Array<{ url: string; status: number }>;
    expect(fetched.filter((e) => e.url.includes('$binary')).map((e) => e.status).slice(-2)).toEqual([401, 200]);
  });

  it('keeps what the registries send and answers 200 (PLR distribution PUT, HCIM notification, .Async call-back)', async () => {
    await request(app()).put('/pos/receiver/plr/distribution/Bundle/1').send({ resourceType: 'Bundle', type: 'transaction' }).expect(200);
    await request(app()).post('/pos/receiver/hcim/notification').send({ resourceType: 'Bundle', type: 'collection' }).expect(200);
    await request(app()).post('/pos/receiver/hcim/callback/Patient/$AddPatient').send({ resourceType: 'Bundle', type: 'collection' }).expect(200);
    const bad = await request(app()).post('/pos/receiver/hcim/notification').send({ hello: 'world' });
    expect(bad.status).toBe(400);
    const kept = (await request(app()).get('/pos/receiver/registry-messages').expect(200)).body as Array<{ kind: string; path: string }>;
    expect(kept.map((m) => [m.kind, m.path])).toEqual([
      ['plr-distribution', '/plr/distribution/Bundle/1'],
      ['hcim-notification', '/hcim/notification'],
      ['hcim-callback', '/hcim/callback/Patient/$AddPatient'],
    ]);
  });
});
