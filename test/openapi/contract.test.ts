// Real answers of every surface checked against the API description: declared status, media type and schema.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createTestSandbox } from '../support/sandbox.js';
import { contractProblems, operationFor } from './support.js';

type Json = Record<string, unknown>;

let sandbox: Sandbox;
let doc: Json;
let registryToken: string;
let oceanToken: string;

const TOKEN = '/auth/realms/moh_applications/protocol/openid-connect/token';

/** The first example body the document gives for an operation. */
function exampleOf(method: string, path: string, media: string): unknown {
  const op = operationFor(doc, method, path)!.op;
  const examples = (op.requestBody as { content: Record<string, { examples: Record<string, { value: unknown }> }> }).content[media]!.examples;
  return Object.values(examples)[0]!.value;
}

async function check(method: 'get' | 'post', path: string, send: (r: request.Test) => request.Test = (r) => r): Promise<request.Response> {
  const res = await send(request(sandbox.app)[method](path));
  const operation = operationFor(doc, method, path);
  expect(operation, `${method.toUpperCase()} ${path} is described`).toBeDefined();
  const type = String(res.headers['content-type'] ?? '');
  const body = type.includes('json') ? (res.body as unknown) : res.text;
  expect(contractProblems(doc, operation!, res.status, type, body), `${method.toUpperCase()} ${path} -> ${res.status}`).toEqual([]);
  return res;
}

beforeAll(async () => {
  sandbox = await createTestSandbox({ config: { auth: true } });
  doc = (await request(sandbox.app).get('/openapi.json')).body as Json;
  registryToken = (await request(sandbox.app).post(TOKEN).type('form').send({ grant_type: 'client_credentials', client_id: 'demo-pos', client_secret: 'demo-secret' })).body.access_token;
  const site = sandbox.deps.population.oceanSites()[0]!;
  const creds = (await request(sandbox.app).post(`/admin/ocean/sites/${site.siteNum}/credentials`).send({ sharedEncryptionKey: site.sharedEncryptionKey })).body as { clientId: string; clientSecret: string };
  oceanToken = (await request(sandbox.app).post('/ocean/svc/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: creds.clientId, client_secret: creds.clientSecret })).body.access_token;
});
afterAll(() => sandbox.close());

describe('real answers match the API description', () => {
  it('registry tokens, and the OAuth error for bad credentials', async () => {
    const ok = await check('post', TOKEN, (r) => r.type('form').send({ grant_type: 'client_credentials', client_id: 'demo-pos', client_secret: 'demo-secret' }));
    expect(ok.status).toBe(200);
    const bad = await check('post', TOKEN, (r) => r.type('form').send({ grant_type: 'client_credentials', client_id: 'demo-pos', client_secret: 'wrong' }));
    expect(bad.status).toBe(401);
  });

  it('PLR queries, found and not found', async () => {
    const found = await check('get', '/plr/HSA-web/fhir-rs/Practitioner/$entityQuery?identifier=IPC.00100001.BC.PRS', (r) => r.set('Authorization', `Bearer ${registryToken}`).set('UserId', 'demo@IDIR'));
    expect(found.status).toBe(200);
    expect(found.body.resourceType).toBe('Bundle');
    const missing = await check('get', '/plr/HSA-web/fhir-rs/Practitioner/IPC.99999999.BC.PRS', (r) => r.set('Authorization', `Bearer ${registryToken}`).set('UserId', 'demo@IDIR'));
    expect(missing.status).toBe(404);
  });

  it("HCIM over FHIR and SOAP, sent with the document's own examples", async () => {
    const path = '/hcim/fhir/Patient/$GetDemographics';
    const fhirAnswer = await check('post', path, (r) => r.set('Authorization', `Bearer ${registryToken}`).set('UserId', 'demo@IDIR').type('application/fhir+json').send(JSON.stringify(exampleOf('post', path, 'application/fhir+json'))));
    expect(fhirAnswer.status).toBe(200);
    const soap = await check('post', '/hcim/soap', (r) => r.set('Authorization', `Bearer ${registryToken}`).set('SOAPAction', '""').type('text/xml').send(String(exampleOf('post', '/hcim/soap', 'text/xml'))));
    expect(soap.text).toContain('HCIM_IN_');
    const unauthenticated = await check('post', path, (r) => r.type('application/fhir+json').send('{}'));
    expect(unauthenticated.status).toBe(401);
  });

  it("Ocean's connection test and its refusal of a message it cannot use", async () => {
    const ns = await check('get', '/ocean/svc/fhir/v1/NamingSystem/id-site-number', (r) => r.set('Authorization', `Bearer ${oceanToken}`));
    expect(ns.status).toBe(200);
    const refused = await check('post', '/ocean/svc/fhir/v1/$process-messages', (r) => r.set('Authorization', `Bearer ${oceanToken}`).type('application/fhir+json').send('{"resourceType":"Bundle","type":"message"}'));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
  });

  it('the reference EMR discovery, the receiver and the admin API', async () => {
    expect((await check('get', '/pos/emr/fhir/.well-known/smart-configuration')).status).toBe(200);
    expect((await check('get', '/pos/receiver/policy')).status).toBe(200);
    expect((await check('get', '/admin/health')).status).toBe(200);
    expect((await check('post', '/admin/partners', (r) => r.send(exampleOf('post', '/admin/partners', 'application/json') as object))).status).toBe(201);
  });
});
