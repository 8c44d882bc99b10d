// Finding 1: a deeply nested JSON body is a 400 in the surface's dialect at the parser, and the journal keeps its raw text.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { jsonDepth, MAX_JSON_DEPTH } from '../../src/fhir/json-body.js';
import { createTestSandbox } from '../support/sandbox.js';

const deep = (n: number) => '['.repeat(n) + '1' + ']'.repeat(n);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(() => sandbox.close());

describe('deep JSON at the parser', () => {
  it('measures nesting depth in one pass, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[{{{{"}]}')).toBe(3);
    expect(jsonDepth('"\\"[[["')).toBe(0);
    expect(jsonDepth(deep(5000), 10)).toBe(11);
  });

  const routes: Array<[string, string]> = [
    ['POST', '/pos/receiver/$process-message'],
    ['GET', '/pos/receiver/policy'],
    ['PUT', '/pos/receiver/policy'],
    ['POST', '/ocean/svc/fhir/v1/$process-messages'],
    ['POST', '/admin/partners'],
    ['POST', '/plr/HSA-web/fhir-rs/$maintain'],
    ['POST', '/hcim/fhir/Patient/$findCandidates'],
  ];
  for (const [method, path] of routes) {
    it(`answers ${method} ${path} with 5000 nested arrays as a 400 structure outcome naming the depth bound`, async () => {
      const res = await request(sandbox.app)[method.toLowerCase() as 'post'](path).set('Content-Type', 'application/json').send(deep(5000));
      expect(res.status).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].code).toBe('structure');
      expect(res.body.issue[0].diagnostics).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    });
  }

  it('journals the receiver request with its raw body text, not a re-serialised parse', async () => {
    const raw = '{ "resourceType" : "Parameters",  "spacing": "kept" }';
    await request(sandbox.app).post('/pos/receiver/$process-message').set('Content-Type', 'application/json').send(raw);
    const entry = sandbox.deps.journal.query({ system: 'pos' }).find((e) => e.url === '/pos/receiver/$process-message' && e.request.body?.includes('spacing'));
    expect(entry?.request.body).toBe(raw);
  });

  it('still parses a body nested right up to the bound', async () => {
    const res = await request(sandbox.app).put('/pos/receiver/policy').set('Content-Type', 'application/json').send(`{"mode":"book","x":${deep(MAX_JSON_DEPTH - 1)}}`);
    expect(res.status).toBe(200);
  });
});
