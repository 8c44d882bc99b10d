// Finding 6: admin and reference-POS inputs of the wrong JSON type are a 400 naming the field, and never reach the state.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ config: { auth: false } });
});
afterAll(() => sandbox.close());

const admin = () => request(sandbox.app);

describe('coerced input at the admin door', () => {
  it('refuses a partner whose name is an array, and the partner list still answers', async () => {
    const res = await admin().post('/admin/partners').send({ name: ['x1'] });
    expect(res.status).toBe(400);
    expect(res.body.issue[0].diagnostics).toContain('"name" must be a JSON string');
    const list = await admin().get('/admin/partners');
    expect(list.status).toBe(200);
    expect(list.body.map((p: { name: unknown }) => typeof p.name)).not.toContain('object');
  });

  it('refuses a partner whose clientSecret is a number', async () => {
    const res = await admin().post('/admin/partners').send({ name: 'acme', clientSecret: 12345 });
    expect(res.status).toBe(400);
    expect((await admin().get('/admin/partners/acme')).status).toBe(404);
  });

  it('refuses a receiver policy whose delay is an array, and keeps the policy it had', async () => {
    const before = (await admin().get('/pos/receiver/policy')).body;
    const res = await admin().put('/pos/receiver/policy').send({ mode: 'accept', delay: ['PT5M'] });
    expect(res.status).toBe(400);
    expect(res.body.issue[0].diagnostics).toContain('"delay" must be a JSON string');
    expect((await admin().get('/pos/receiver/policy')).body).toEqual(before);
  });

  it('refuses an HCIM subscription whose headers hold a number or whose events hold an object', async () => {
    const headers = await admin().post('/admin/hcim/subscriptions').send({ partner: 'demo', endpoint: 'http://127.0.0.1:9/x', headers: { 'x-a': 1 } });
    expect(headers.status).toBe(400);
    expect(headers.body.issue[0].diagnostics).toContain('headers.x-a');
    const events = await admin().post('/admin/hcim/subscriptions').send({ partner: 'demo', endpoint: 'http://127.0.0.1:9/x', events: [{}] });
    expect(events.status).toBe(400);
  });

  it('refuses an Ocean admin referral whose patient, form or attachments have the wrong types', async () => {
    const fx = sandbox.deps.population.fixtures;
    const base = { listingRef: fx.imagingListingRef };
    const patient = await admin().post('/admin/ocean/referrals').send({ ...base, patient: { resourceType: 'Patient', name: [{ given: [7] }] } });
    expect(patient.status).toBe(400);
    expect(patient.body.issue[0].diagnostics).toContain('Patient.name[0].given[0]');
    const form = await admin().post('/admin/ocean/referrals').send({ ...base, phn: fx.ordinaryPatientPhn, form: { items: 'x' } });
    expect(form.status).toBe(400);
    const attachments = await admin().post('/admin/ocean/referrals').send({ ...base, phn: fx.ordinaryPatientPhn, attachments: [{ title: ['x'] }] });
    expect(attachments.status).toBe(400);
  });
});
