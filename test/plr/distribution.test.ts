import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { formatIpc } from '../../src/plr/vocabulary.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { LOC, ORG } from './support/fixture-population.js';
import { collection, filledTemplate, maintainParameters } from './support/maintain-builders.js';
import { createPlrSandbox, demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

let sandbox: Sandbox;
let plr: PlrClient;
let receiver: Receiver;
beforeEach(async () => {
  sandbox = await createPlrSandbox();
  plr = plrClient(sandbox, await demoToken(sandbox));
  receiver = await startReceiver();
});
afterEach(async () => {
  await sandbox.close();
  await receiver.close();
});

const subscribe = (form: 'transaction' | 'distribution', url = `${receiver.url}/plr-inbox`) => request(sandbox.app).post('/admin/plr/subscriptions').send({ partner: 'demo', url, form });
const advance = async (duration: string) => {
  await request(sandbox.app).post('/admin/clock/advance').send({ duration });
  await sandbox.deps.delivery.idle();
};

describe('distributions', () => {
  it('delivers a maintained practitioner once, as a PUT transaction Bundle, after two failures, on the simulated clock', async () => {
    expect((await subscribe('transaction')).status).toBe(201);
    receiver.respondWith(500, 503, 200);
    const res = await plr.post('/$maintain', filledTemplate({ idValue: 'R5555' }));
    expect(res.status).toBe(200);
    await sandbox.deps.delivery.idle();
    expect(receiver.received).toHaveLength(1);
    await advance('PT1M');
    expect(receiver.received).toHaveLength(2);
    await advance('PT4M');
    expect(receiver.received).toHaveLength(3);
    await advance('PT1H');
    expect(receiver.received).toHaveLength(3);
    const last = receiver.received[2]!;
    expect(last.method).toBe('PUT');
    expect(last.url).toBe('/plr-inbox');
    const bundle = JSON.parse(last.body) as fhir.Bundle;
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry!.map((e) => e.resource!.resourceType)).toEqual(['Practitioner', 'PractitionerRole']);
    expect(bundle.entry![0]!.request).toEqual({ method: 'PUT', url: `Practitioner/${bundle.entry![0]!.resource!.id}` });
    const [delivery] = sandbox.deps.delivery.list({ channel: 'plr' });
    expect(delivery).toMatchObject({ state: 'delivered' });
    expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    const journal = await request(sandbox.app).get('/admin/journal').query({ system: 'plr' });
    expect(JSON.stringify(journal.body)).toContain('/plr-inbox');
  });

  it("sends the IG's $distribution Parameters to a subscriber that chose that form", async () => {
    await subscribe('distribution');
    await plr.post('/$maintain', maintainParameters(collection({ resourceType: 'Practitioner', id: formatIpc(2), gender: 'unknown' })));
    await sandbox.deps.delivery.idle();
    const body = JSON.parse(receiver.received[0]!.body) as fhir.Parameters;
    expect(receiver.received[0]!.method).toBe('POST');
    expect(body.parameter!.map((p) => p.name)).toEqual(['messageId', 'messageTime', 'distribution']);
    const content = body.parameter![2]!.resource as fhir.Bundle;
    expect(content.type).toBe('collection');
    expect((content.entry![0]!.resource as fhir.Practitioner).gender).toBe('unknown');
  });

  it('distributes a registry-side licence suspension, with the ended status kept in the content', async () => {
    await subscribe('transaction');
    const res = await request(sandbox.app).post('/admin/plr/changes').send({ id: formatIpc(1), change: 'suspend' });
    expect(res.status).toBe(201);
    expect(res.body.entities).toEqual([formatIpc(1)]);
    const bundle = JSON.parse(receiver.received[0]!.body) as fhir.Bundle;
    const practitioner = bundle.entry![0]!.resource as fhir.Practitioner;
    const statuses = practitioner.extension!.filter((e) => e.url.endsWith('bc-license-status-extension')).map((e) => e.extension!.find((x) => x.url === 'statusCode')!.valueCodeableConcept!.coding![0]!.code);
    expect(statuses).toEqual(['ACTIVE', 'SUSPENDED']);
    const query = await plr.get(`/Practitioner/$entityQuery?identifier=10001&status=SUSPENDED`);
    expect(query.body.total).toBe(1);
    const changes = await request(sandbox.app).get('/admin/plr/changes');
    expect(changes.body.at(-1)).toMatchObject({ cause: { kind: 'registry' }, entities: [formatIpc(1)] });
  });

  it('sends targets before the records that point at them when one change touches several entities', async () => {
    await subscribe('transaction');
    const res = await request(sandbox.app).post('/admin/plr/changes').send({ ids: [formatIpc(1), ORG, LOC], change: 'touch' });
    expect(res.body.entities).toEqual([LOC, ORG, formatIpc(1)]);
    await sandbox.deps.delivery.idle();
    const firstTypes = receiver.received.map((r) => (JSON.parse(r.body) as fhir.Bundle).entry![0]!.resource!.resourceType);
    expect(firstTypes).toEqual(['Location', 'Organization', 'Practitioner']);
  });

  it('refuses a subscription with a bad URL or form, and removes one on request', async () => {
    expect((await subscribe('transaction', 'not a url')).status).toBe(400);
    expect((await request(sandbox.app).post('/admin/plr/subscriptions').send({ url: receiver.url, form: 'email' })).status).toBe(400);
    const made = await subscribe('transaction');
    expect((await request(sandbox.app).get('/admin/plr/subscriptions')).body).toHaveLength(1);
    expect((await request(sandbox.app).delete(`/admin/plr/subscriptions/${made.body.id}`)).status).toBe(204);
    expect((await request(sandbox.app).delete(`/admin/plr/subscriptions/${made.body.id}`)).status).toBe(404);
  });

  it('refuses an unknown registry change or id with a 400 outcome', async () => {
    const res = await request(sandbox.app).post('/admin/plr/changes').send({ id: formatIpc(1), change: 'explode' });
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect((await request(sandbox.app).post('/admin/plr/changes').send({ id: 'IPC.99999999.BC.PRS', change: 'touch' })).status).toBe(400);
  });
});
