// A referral made through the admin API (as a POS's sending side would have Ocean make it) is bounded like Ocean's
// own form: a few hundred items and a handful of attachments, not as many as a 5 MiB body holds.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENTS, MAX_FORM_ITEMS } from '../../src/ocean/referrals/create-referral.js';
import { createOceanWorld, sendReferral, type OceanWorld } from './support/ocean-sandbox.js';

let world: OceanWorld;
beforeAll(async () => {
  world = await createOceanWorld();
});
afterAll(() => world.close());

const create = (extra: Record<string, unknown>) =>
  request(world.sandbox.app).post('/admin/ocean/referrals').send({ phn: world.sandbox.deps.population.fixtures.ordinaryPatientPhn, listingRef: world.listingRef, siteNum: world.senderSite, ...extra });

describe('a referral made through the admin API', () => {
  it('takes up to MAX_FORM_ITEMS form items and MAX_ATTACHMENTS attachments, and refuses more with a 400 naming the bound', async () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ linkId: `q${i}`, text: `Question ${i}`, answer: 'Y' }));
    const files = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `scan-${i}.txt`, contentType: 'text/plain', data: 'aGk=' }));
    expect((await sendReferral(world, { form: { formRef: 'quick', items: items(MAX_FORM_ITEMS) }, attachments: files(MAX_ATTACHMENTS) })).form.items).toHaveLength(MAX_FORM_ITEMS);
    const tooMany = await create({ form: { formRef: 'quick', items: items(MAX_FORM_ITEMS + 1) } }).expect(400);
    expect(tooMany.body.issue[0].diagnostics).toBe(`form.items has ${MAX_FORM_ITEMS + 1} items; a referral's form takes at most ${MAX_FORM_ITEMS}`);
    const tooManyFiles = await create({ attachments: files(MAX_ATTACHMENTS + 1) }).expect(400);
    expect(tooManyFiles.body.issue[0].diagnostics).toBe(`attachments has ${MAX_ATTACHMENTS + 1} files; a referral takes at most ${MAX_ATTACHMENTS}`);
  });
});
