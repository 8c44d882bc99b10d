import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { PLR_CODES } from '../../src/plr/error-codes.js';
import { formatIpc } from '../../src/plr/vocabulary.js';
import { batchParameters, collection, filledTemplate, locationBundle, maintainBundleOf } from './support/maintain-builders.js';
import { ACCEPT, BASE, createPlrSandbox, demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

let sandbox: Sandbox;
let plr: PlrClient;
let token: string;
beforeEach(async () => {
  sandbox = await createPlrSandbox();
  token = await demoToken(sandbox);
  plr = plrClient(sandbox, token);
});
afterEach(() => sandbox.close());

const batchOf = (...bundles: fhir.Bundle[]): fhir.Bundle => ({
  resourceType: 'Bundle',
  id: 'batch-1',
  type: 'batch',
  entry: bundles.map((resource, i) => ({ fullUrl: `urn:uuid:10000000-0000-0000-0000-${String(i).padStart(12, '0')}`, resource, request: { method: 'PUT', url: 'Bundle' } })),
});

describe('$batch', () => {
  it('processes the good entries and reports the bad one in its own OperationOutcome', async () => {
    const good1 = maintainBundleOf(filledTemplate({ idValue: 'B1' }));
    const bad = maintainBundleOf(filledTemplate({ idValue: 'B2', family: '' }));
    const good2 = maintainBundleOf(filledTemplate({ idValue: 'B3' }));
    const res = await plr.post('/$batch', batchParameters(batchOf(good1, bad, good2)));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const response = res.body.parameter.find((p: fhir.ParametersParameter) => p.name === 'batch').resource as fhir.Bundle;
    expect(response.type).toBe('batch-response');
    expect(response.entry!.map((e) => e.response!.status)).toEqual(['201 Created', '400 Bad Request', '201 Created']);
    expect((response.entry![1]!.response!.outcome as fhir.OperationOutcome).issue[0]!.details!.coding![0]!.code).toBe(PLR_CODES.mandatory.code);
    for (const id of ['B1', 'B3']) expect((await plr.get(`/Practitioner/$entityQuery?identifier=${id}`)).body.total).toBe(1);
    expect((await plr.get('/Practitioner/$entityQuery?identifier=B2')).body.total).toBe(0);
  });

  it('accepts the seed form: a batch Bundle POSTed to the base', async () => {
    const res = await plr.post('', batchOf(maintainBundleOf(filledTemplate({ idValue: 'B9' }))));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('batch-response');
  });

  it.each([
    ['a POST request', (e: fhir.BundleEntry) => ({ ...e, request: { method: 'POST', url: 'Bundle' } }), 'SANDBOX.STRUCTURE', 'Bundle.entry[1].request.method'],
    ['no request', ({ request: _request, ...e }: fhir.BundleEntry) => e, PLR_CODES.mandatory.code, 'Bundle.entry[1].request'],
    ['a request without a url', (e: fhir.BundleEntry) => ({ ...e, request: { method: 'PUT' } }), PLR_CODES.mandatory.code, 'Bundle.entry[1].request.url'],
    ['no fullUrl', ({ fullUrl: _fullUrl, ...e }: fhir.BundleEntry) => e, PLR_CODES.mandatory.code, 'Bundle.entry[1].fullUrl'],
  ] as const)('refuses the whole batch, before running any entry, when an entry has %s (bc-batch-bundle)', async (_label, breakEntry, code, where) => {
    const batch = batchOf(maintainBundleOf(filledTemplate({ idValue: 'E1' })), maintainBundleOf(filledTemplate({ idValue: 'E2' })));
    batch.entry![1] = breakEntry(batch.entry![1]!) as fhir.BundleEntry;
    for (const res of [await plr.post('/$batch', batchParameters(batch)), await plr.post('', batch)]) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue.map((i: fhir.OperationOutcomeIssue) => [i.details!.coding![0]!.code, i.expression?.[0]])).toEqual([[code, where]]);
    }
    for (const id of ['E1', 'E2']) expect((await plr.get(`/Practitioner/$entityQuery?identifier=${id}`)).body.total).toBe(0);
  });

  it("refuses the whole batch when an entry is an organization or facility bundle: bc-batch-bundle's only live slice is the practitioner bundle", async () => {
    const organization = collection({ resourceType: 'Organization', name: 'Batch Org', identifier: [{ system: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-plr-ipc', value: 'IPC.00399999.BC.PRS' }] } as fhir.Organization);
    for (const other of [organization, locationBundle()]) {
      const batch = batchOf(maintainBundleOf(filledTemplate({ idValue: 'O1' })), other);
      const res = await plr.post('/$batch', batchParameters(batch));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].expression).toEqual(['Bundle.entry[1].resource']);
      expect(res.body.issue[0].diagnostics).toMatch(/practitioner bundles only.*\$maintain/);
    }
    expect((await plr.get('/Practitioner/$entityQuery?identifier=O1')).body.total).toBe(0);
  });

  it('refuses a batch parameter that is not a batch Bundle, or has no entries', async () => {
    expect((await plr.post('/$batch', batchParameters({ resourceType: 'Bundle', type: 'collection' }))).status).toBe(400);
    expect((await plr.post('/$batch', batchParameters({ resourceType: 'Bundle', type: 'batch', entry: [] }))).status).toBe(400);
  });
});

describe('the PLR request rules', () => {
  const path = `${BASE}/Practitioner/$entityQuery?family=Smith&given=Ann`;

  it('refuses a request without a bearer token with a 401 OperationOutcome', async () => {
    const res = await request(sandbox.app).get(path).set('userID', 'demo@IDIR');
    expect(res.status).toBe(401);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  it('refuses a request without a UserId header, and accepts both spellings', async () => {
    const res = await request(sandbox.app).get(path).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
    expect(res.body.issue[0].diagnostics).toMatch(/UserId/);
    expect((await request(sandbox.app).get(path).set('authorization', `Bearer ${token}`).set('UserId', 'a@IDIR')).status).toBe(200);
  });

  it('parses the Accept parameters leniently but refuses other versions with a 406', async () => {
    const call = (accept: string) => request(sandbox.app).get(path).set('authorization', `Bearer ${token}`).set('userID', 'a@IDIR').set('accept', accept);
    expect((await call(ACCEPT)).status).toBe(200);
    expect((await call('application/fhir+json; fhirVersion=4; BCPLRVersion=1')).status).toBe(200);
    expect((await call('application/fhir+json;fhirVersion=3.0')).status).toBe(406);
    expect((await call('application/fhir+json;BCPLRVersion=2')).status).toBe(406);
  });

  it('answers reads with current data and a 404 OperationOutcome for unknown ids', async () => {
    const read = await plr.get(`/Practitioner/${formatIpc(1)}`);
    expect(read.status).toBe(200);
    expect(read.body.name.map((n: fhir.HumanName) => n.family)).toEqual(['Smith']);
    expect((await plr.get('/PractitionerRole/RELN.1.PRS')).body.organization.identifier.value).toBe(formatIpc(101));
    expect((await plr.get('/OrganizationAffiliation/RELN.3.PRS')).status).toBe(200);
    expect((await plr.get('/Location/IFC.00000201.BC.PRS')).status).toBe(200);
    const missing = await plr.get('/Practitioner/IPC.99999999.BC.PRS');
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
  });

  it('searches PractitionerRole and OrganizationAffiliation by IPC or IFC', async () => {
    const roles = await plr.get(`/PractitionerRole?practitioner=Practitioner/${formatIpc(1)}`);
    expect(roles.body.entry.map((e: fhir.BundleEntry) => e.resource!.id)).toEqual([formatIpc(1), 'RELN.1.PRS', 'RELN.2.PRS']);
    const atLocation = await plr.get('/OrganizationAffiliation?location=IFC.00000201.BC.PRS');
    expect(atLocation.body.entry.map((e: fhir.BundleEntry) => e.resource!.id)).toEqual(['RELN.3.PRS']);
    expect((await plr.get('/PractitionerRole?name=x')).status).toBe(400);
  });
});

describe('conformance', () => {
  it('serves a CapabilityStatement listing the operations and reads it implements, without a token', async () => {
    const res = await request(sandbox.app).get(`${BASE}/metadata`);
    expect(res.status).toBe(200);
    const rest = (res.body as fhir.CapabilityStatement).rest![0]!;
    const practitioner = rest.resource!.find((r) => r.type === 'Practitioner')!;
    expect(practitioner.operation!.map((o) => o.name)).toEqual(['entityQuery', 'extendedQuery', 'full', 'dereference']);
    expect(practitioner.interaction!.map((i) => i.code)).toEqual(['read']);
    expect(rest.operation!.map((o) => o.name)).toEqual(['maintain', 'batch']);
  });

  it('serves each OperationDefinition the CapabilityStatement points at, with every accepted parameter', async () => {
    const cs = (await request(sandbox.app).get(`${BASE}/metadata`)).body as fhir.CapabilityStatement;
    const urls = new Set([...cs.rest![0]!.operation!, ...cs.rest![0]!.resource!.flatMap((r) => r.operation ?? [])].map((o) => o.definition));
    for (const url of urls) {
      const id = url.split('/').pop();
      const res = await request(sandbox.app).get(`${BASE}/OperationDefinition/${id}`);
      expect(res.status, url).toBe(200);
      expect(res.body.url).toBe(url);
    }
    const def = (await request(sandbox.app).get(`${BASE}/OperationDefinition/bc-entity-practitioner-query`)).body as fhir.OperationDefinition;
    expect(def.parameter!.map((p) => p.name)).toEqual(expect.arrayContaining(['identifier', 'family', 'given', 'status', 'address-city', 'gender', 'role', 'communication', 'expertise', 'status-reason', 'withHistory', 'bundle']));
    expect((await request(sandbox.app).get(`${BASE}/OperationDefinition/nope`)).status).toBe(404);
  });
});

describe('reset', () => {
  it('clears maintained records, ended attributes, subscriptions and message ids, back to the population', async () => {
    await request(sandbox.app).post('/admin/plr/subscriptions').send({ url: 'http://127.0.0.1:9/x' });
    expect((await plr.post('/$maintain', filledTemplate({ idValue: 'RESET1', messageId: 'reset-msg' }))).status).toBe(200);
    await request(sandbox.app).post('/admin/plr/changes').send({ id: formatIpc(2), change: 'rename', family: 'Renamed' });
    sandbox.reset();
    expect((await plr.get('/Practitioner/$entityQuery?identifier=RESET1')).body.total).toBe(0);
    expect((await plr.get('/Practitioner/$entityQuery?family=Smithers&given=Bob')).body.total).toBe(1);
    expect((await request(sandbox.app).get('/admin/plr/subscriptions')).body).toEqual([]);
    expect((await plr.post('/$maintain', filledTemplate({ idValue: 'RESET1', messageId: 'reset-msg' }))).status).toBe(200);
  });
});
