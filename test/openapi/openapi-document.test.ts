import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { describeApp, isDescribed, listLiveRoutes, ROUTE_NOTES } from '../../src/openapi/index.js';
import { createTestSandbox } from '../support/sandbox.js';

type Json = Record<string, unknown>;

let sandbox: Sandbox;
let doc: Json;

beforeAll(async () => {
  sandbox = await createTestSandbox();
  doc = (await request(sandbox.app).get('/openapi.json').expect(200)).body as Json;
});
afterAll(() => sandbox.close());

const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document by an independent validator', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes every route the app mounts, except the dashboard, assets and refusals, and nothing else', () => {
    const live = listLiveRoutes(sandbox.app).filter(isDescribed).map((r) => `${r.method} ${r.path}`).sort();
    expect(operations().map((o) => o.key).sort()).toEqual(live);
    for (const key of ['POST /ocean/svc/fhir/v1/$process-messages', 'POST /hcim/fhir/Patient/$GetDemographics', 'GET /plr/HSA-web/fhir-rs/Practitioner/$entityQuery', 'POST /hcim/soap', 'POST /auth/realms/moh_applications/protocol/openid-connect/token', 'POST /admin/partners']) {
      expect(live).toContain(key);
    }
  });

  it('has a note for every plain route, and no note for a route that is not mounted', () => {
    const live = new Set(listLiveRoutes(sandbox.app).filter(isDescribed).map((r) => `${r.method} ${r.path}`));
    expect(Object.keys(ROUTE_NOTES).filter((k) => !live.has(k))).toEqual([]);
    const unnoted = listLiveRoutes(sandbox.app)
      .filter(isDescribed)
      .filter((r) => !r.def && !Object.hasOwn(ROUTE_NOTES, `${r.method} ${r.path}`))
      .map((r) => `${r.method} ${r.path}`);
    expect(unnoted).toEqual([]);
  });

  it('takes request examples from the scenario library, with the sandbox URL filled in', () => {
    const op = operations().find((o) => o.key === 'POST /hcim/fhir/Patient/$GetDemographics')!.op;
    const media = (op.requestBody as { content: Record<string, { examples: Record<string, { summary: string; value: Json }> }> }).content['application/fhir+json']!;
    const example = Object.values(media.examples)[0]!;
    expect(example.summary).toMatch(/^From the scenario library: hcim-/);
    expect(example.value.resourceType).toBe('Bundle');
    const soap = operations().find((o) => o.key === 'POST /hcim/soap')!.op;
    const soapExamples = (soap.requestBody as { content: Record<string, { examples: Record<string, { value: string }> }> }).content['text/xml']!.examples;
    expect(Object.keys(soapExamples)).toEqual(expect.arrayContaining(['HCIM_IN_GetDemographics', 'HCIM_IN_PersonRevised']));
    expect(soapExamples.HCIM_IN_GetDemographics!.value).toContain('<interactionId root="2.16.840.1.113883.3.51.1.1.2" extension="HCIM_IN_GetDemographics"/>');
    expect(JSON.stringify(doc)).not.toContain('${sandbox}');
    expect(JSON.stringify(soapExamples)).not.toContain('${');
  });

  it('names the security each surface needs and leaves discovery open', () => {
    const byKey = new Map(operations().map((o) => [o.key, o.op]));
    expect(byKey.get('POST /hcim/fhir/Patient/$GetDemographics')!.security).toEqual([{ registryToken: [] }]);
    expect(byKey.get('POST /ocean/svc/fhir/v1/$process-messages')!.security).toEqual([{ oceanToken: [] }]);
    expect(byKey.get('GET /plr/HSA-web/fhir-rs/metadata')!.security).toEqual([]);
    expect(byKey.get('GET /pos/emr/fhir/.well-known/smart-configuration')!.security).toEqual([]);
  });

  it('gives every operation a unique operationId and a summary', () => {
    const ids = operations().map((o) => o.op.operationId as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations().filter((o) => typeof o.op.summary !== 'string' || !o.op.summary)).toEqual([]);
  });

  it('is the same document the builder makes, and a page lists every operation under the strict CSP', async () => {
    expect(await describeApp(sandbox.app, sandbox.deps)).toEqual(doc);
    const page = await request(sandbox.app).get('/openapi').expect(200).expect('content-type', /html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    for (const { key } of operations()) expect(page.text).toContain(`<code>${key.replace(/&/g, '&amp;')}</code>`);
  });
});
