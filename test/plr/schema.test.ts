// Every kind of PLR response, and both distribution forms, validate against the FHIR R4 JSON schema.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { formatIpc } from '../../src/plr/vocabulary.js';
import { assertValidFhir } from '../support/fhir-schema.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { LOC, ORG } from './support/fixture-population.js';
import { filledTemplate, maintainBundleOf, nextMessageId } from './support/maintain-builders.js';
import { BASE, createPlrSandbox, demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

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

const valid = (body: unknown) => {
  expect(() => assertValidFhir(body)).not.toThrow();
};

describe('FHIR R4 schema validity of PLR responses', () => {
  it('holds for query searchsets (matches, includes, no match, overflow) and reads', async () => {
    for (const path of [
      '/Practitioner/$extendedQuery?communication=F16,S31,M06',
      `/Organization/${ORG}/$extendedQuery`,
      `/Location/${LOC}/$dereference`,
      '/Practitioner/$entityQuery?family=Nobody&given=Al',
      '/Practitioner/$entityQuery?address-city=Prince%20George',
      `/Practitioner/${formatIpc(1)}`,
      '/PractitionerRole/RELN.1.PRS',
      '/OrganizationAffiliation/RELN.3.PRS',
      `/PractitionerRole?practitioner=${formatIpc(1)}`,
      `/OrganizationAffiliation?organization=${ORG}`,
    ]) {
      const res = await plr.get(path);
      expect(res.status, path).toBe(200);
      valid(res.body);
    }
  });

  it('holds for error outcomes (7018, 5000, 7036, 401, 404, 406, 405)', async () => {
    const responses = [
      await plr.get('/Practitioner/$entityQuery?family=*&given=Ann'),
      await plr.get('/Practitioner/$entityQuery?gender=female'),
      await plr.post('/$maintain', filledTemplate({ family: '' })),
      await plr.post('/$maintain', { resourceType: 'Parameters', parameter: [] }),
      await request(sandbox.app).get(`${BASE}/Practitioner/$entityQuery?family=Smith&given=Ann`),
      await plr.get('/Practitioner/IPC.99999999.BC.PRS'),
      await plr.get('/Practitioner/$entityQuery?family=Smith&given=Ann').set('accept', 'application/fhir+json;fhirVersion=3.0'),
      await request(sandbox.app).delete(`${BASE}/Practitioner/${formatIpc(1)}`),
    ];
    for (const res of responses) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      valid(res.body);
    }
  });

  it('holds for $maintain, the seed PUT, $batch and the batch POST', async () => {
    valid((await plr.post('/$maintain', filledTemplate({ idValue: 'S1' }))).body);
    valid((await plr.put('/Bundle/schema-put', { ...maintainBundleOf(filledTemplate({ idValue: 'S2' })), type: 'transaction' })).body);
    const batch = { resourceType: 'Bundle', type: 'batch', entry: [maintainBundleOf(filledTemplate({ idValue: 'S3' })), maintainBundleOf(filledTemplate({ family: '' }))].map((resource, i) => ({ fullUrl: `urn:uuid:20000000-0000-0000-0000-00000000000${i}`, resource, request: { method: 'PUT', url: 'Bundle' } })) };
    valid((await plr.post('/$batch', { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: nextMessageId() }, { name: 'messageTime', valueDateTime: '2026-03-02T00:00:00Z' }, { name: 'batch', resource: batch }] })).body);
    valid((await plr.post('', batch)).body);
  });

  it('holds for the CapabilityStatement and every OperationDefinition', async () => {
    const cs = (await request(sandbox.app).get(`${BASE}/metadata`)).body;
    // The bundled JSON schema's fhirVersion enum stops at 4.0.0; PLR (and R4's current release) say 4.0.1.
    expect(cs.fhirVersion).toBe('4.0.1');
    valid({ ...cs, fhirVersion: '4.0.0' });
    const defs = (await request(sandbox.app).get(`${BASE}/OperationDefinition`)).body;
    valid(defs);
    expect(defs.entry.length).toBe(13);
  });

  it('holds for both distribution forms', async () => {
    await request(sandbox.app).post('/admin/plr/subscriptions').send({ url: `${receiver.url}/a`, form: 'transaction' });
    await request(sandbox.app).post('/admin/plr/subscriptions').send({ url: `${receiver.url}/b`, form: 'distribution' });
    await request(sandbox.app).post('/admin/plr/changes').send({ ids: [formatIpc(1), ORG, LOC], change: 'touch' });
    await sandbox.deps.delivery.idle();
    expect(receiver.received).toHaveLength(6);
    for (const r of receiver.received) valid(JSON.parse(r.body));
  });
});
