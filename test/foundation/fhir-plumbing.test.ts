import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { echoSystem } from '../support/echo-system.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
let phn: string;

beforeEach(async () => {
  sandbox = await createTestSandbox({ systems: [echoSystem] });
  phn = sandbox.deps.population.client(0).phn;
});
afterEach(() => sandbox.close());

const issueOf = (body: { resourceType: string; issue: Array<{ severity: string; code: string; diagnostics?: string }> }) => {
  expect(body.resourceType).toBe('OperationOutcome');
  return body.issue[0]!;
};

describe('FHIR error outcomes', () => {
  it('answers malformed JSON with a 400 structure OperationOutcome', async () => {
    const res = await request(sandbox.app).post('/hcim/Patient').set('content-type', 'application/fhir+json').send('{"resourceType": "Pat');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/fhir\+json/);
    expect(issueOf(res.body)).toMatchObject({ severity: 'error', code: 'structure' });
    expect(issueOf(res.body).diagnostics).toMatch(/not valid JSON/);
  });

  it('answers a wrong content type with a 415 that names the accepted types', async () => {
    const res = await request(sandbox.app).post('/hcim/Patient').set('content-type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
    expect(issueOf(res.body).diagnostics).toMatch(/application\/fhir\+json/);
  });

  it('answers a body over the limit with a 413', async () => {
    const small = await createTestSandbox({ systems: [echoSystem], config: { bodyLimitBytes: 1024 } });
    const big = JSON.stringify({ resourceType: 'Patient', text: 'x'.repeat(5000) });
    const res = await request(small.app).post('/hcim/Patient').set('content-type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(issueOf(res.body).code).toBe('too-costly');
    await small.close();
  });

  it('answers an unknown route with a 404 that points at the endpoint list (the echo system has no metadata)', async () => {
    const res = await request(sandbox.app).get('/hcim/Nope/1');
    expect(res.status).toBe(404);
    expect(issueOf(res.body).diagnostics).toMatch(/GET \/ui\/plain lists every endpoint/);
  });

  it('answers a known route with the wrong method with a 405 and an Allow header', async () => {
    const res = await request(sandbox.app).delete(`/hcim/Patient/${phn}`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
    expect(issueOf(res.body).code).toBe('not-supported');
  });

  it('answers a missing resource with a 404 not-found outcome', async () => {
    const res = await request(sandbox.app).get('/hcim/Patient/9999999999');
    expect(res.status).toBe(404);
    expect(issueOf(res.body)).toMatchObject({ code: 'not-found', diagnostics: 'Patient/9999999999 is not known' });
  });

  it('turns a bug into a 500 exception outcome without a stack trace', async () => {
    const res = await request(sandbox.app).get('/hcim/Bug');
    expect(res.status).toBe(500);
    expect(issueOf(res.body).code).toBe('exception');
    expect(JSON.stringify(res.body)).not.toMatch(/secret internal detail|at .*\.ts/);
  });

  it('answers an unmounted system with a 404 saying it is not simulated', async () => {
    const res = await request(sandbox.app).get('/plr/HSA-web/fhir-rs/metadata');
    expect(res.status).toBe(404);
    expect(issueOf(res.body).diagnostics).toMatch(/PLR is not simulated/);
  });
});

describe('content negotiation', () => {
  it('answers application/fhir+json by default', async () => {
    const res = await request(sandbox.app).get(`/hcim/Patient/${phn}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.body.resourceType).toBe('Patient');
  });

  it('answers application/json when the client asks for it', async () => {
    const res = await request(sandbox.app).get(`/hcim/Patient/${phn}`).set('accept', 'application/json');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('lets _format override Accept and parses Accept parameters leniently', async () => {
    const res = await request(sandbox.app).get(`/hcim/Patient/${phn}?_format=json`).set('accept', 'application/fhir+json; fhirVersion=4; BCPLRVersion=1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
  });

  it('refuses XML with a 406 outcome', async () => {
    const res = await request(sandbox.app).get(`/hcim/Patient/${phn}`).set('accept', 'application/fhir+xml');
    expect(res.status).toBe(406);
    expect(issueOf(res.body).diagnostics).toMatch(/JSON/);
  });

  it('takes a media range marked q=0 as not acceptable (RFC 9110), and refuses when every range is', async () => {
    const refused = await request(sandbox.app).get(`/hcim/Patient/${phn}`).set('accept', 'application/fhir+json;q=0, application/json; q=0');
    expect(refused.status).toBe(406);
    const plain = await request(sandbox.app).get(`/hcim/Patient/${phn}`).set('accept', 'application/fhir+json;q=0, application/json');
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    const wildcard = await request(sandbox.app).get(`/hcim/Patient/${phn}`).set('accept', 'application/fhir+json;q=0, */*');
    expect(wildcard.headers['content-type']).toMatch(/^application\/json/);
    expect((await request(sandbox.app).get(`/hcim/Patient/${phn}`).set('accept', '*/*;q=0')).status).toBe(406);
  });

  it('indents the body when _pretty=true', async () => {
    const res = await request(sandbox.app).get(`/hcim/Patient/${phn}?_pretty=true`);
    expect(res.text).toContain('\n  "resourceType"');
    const compact = await request(sandbox.app).get(`/hcim/Patient/${phn}`);
    expect(compact.text).not.toContain('\n');
  });
});

describe('CapabilityStatement', () => {
  it('lists the interactions and operations of the route table', async () => {
    const res = await request(sandbox.app).get('/hcim/metadata');
    expect(res.body.resourceType).toBe('CapabilityStatement');
    expect(res.body.fhirVersion).toBe('4.0.1');
    const patient = res.body.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patient.interaction.map((i: { code: string }) => i.code).sort()).toEqual(['create', 'read']);
    expect(res.body.rest[0].operation).toEqual([{ name: 'guarded', definition: 'http://example.org/OperationDefinition/guarded' }]);
  });
});

describe('FHIR responses', () => {
  it('carry no content-hash ETag (FHIR ETags name a version, and no resource here is versioned), so a read is not hashed', async () => {
    const res = await request(sandbox.app).get(`/hcim/Patient/${phn}`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    const again = await request(sandbox.app).get(`/hcim/Patient/${phn}`).set('if-none-match', 'W/"f6-U/RobdS2pwu5CKGOK6KbSal+KDE"');
    expect(again.status).toBe(200);
    expect(again.body.resourceType).toBe('Patient');
  });
});
