// What a FHIR answer looks like on the wire, and in the journal: headers, HEAD, conditional reads, captured bodies.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemFactory } from '../../src/app-deps.js';
import type { Sandbox } from '../../src/app.js';
import { createFhirRouter, type RouteDef } from '../../src/fhir/index.js';
import { maskBody } from '../../src/journal/index.js';
import { createTestSandbox } from '../support/sandbox.js';

const CAP = 300;

/** A system that answers what it is sent (`$mirror`), and a versioned read that carries an ETag. */
const mirrorSystem: SystemFactory = (deps) => {
  const routes: RouteDef[] = [
    { method: 'POST', path: '/\\$mirror', name: 'mirror', capability: { kind: 'none' }, handler: (req) => ({ resource: req.body as Record<string, unknown> }) },
    {
      method: 'GET', path: '/Basic/:id', name: 'read', capability: { kind: 'none' },
      handler: (req) => ({ resource: { resourceType: 'Basic', id: req.params.id!, meta: { versionId: '3' }, text: { status: 'generated', div: '<div>Ŀøñğ 🙂</div>' } }, headers: { ETag: 'W/"3"' } }),
    },
    { method: 'GET', path: '/Plain/:id', name: 'plain', capability: { kind: 'none' }, handler: (req) => ({ resource: { resourceType: 'Basic', id: req.params.id!, note: 'é'.repeat(600) } }) },
  ];
  return { name: 'hcim', router: createFhirRouter({ routes, faults: deps.faults, baseUrl: (req) => `${deps.config.baseUrl}${req.baseUrl}`, bodyLimitBytes: deps.config.bodyLimitBytes, log: deps.log }), endpoints: () => [] };
};

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [mirrorSystem], config: { journalBodyCap: CAP } });
});
afterAll(() => sandbox.close());

describe('a FHIR answer on the wire', () => {
  it('says its type with the charset and its exact length in bytes, multi-byte characters included', async () => {
    for (const path of ['/hcim/Plain/1', '/hcim/Basic/1']) {
      const res = await request(sandbox.app).get(path).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      expect(Number(res.headers['content-length'])).toBe((res.body as Buffer).length);
      expect(JSON.parse((res.body as Buffer).toString('utf8')).resourceType).toBe('Basic');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await request(sandbox.app).get('/hcim/Plain/1');
    const head = await request(sandbox.app).head('/hcim/Plain/1');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.text ?? '').toBe('');
  });

  it('answers a conditional read of the same version with 304 and no body, another version with 200', async () => {
    const same = await request(sandbox.app).get('/hcim/Basic/1').set('if-none-match', 'W/"3"');
    expect(same.status).toBe(304);
    expect(same.text ?? '').toBe('');
    const other = await request(sandbox.app).get('/hcim/Basic/1').set('if-none-match', 'W/"2"');
    expect(other.status).toBe(200);
    expect(other.headers.etag).toBe('W/"3"');
    // Express's freshness rule: `If-None-Match: *` matches any current representation, validator or not.
    expect((await request(sandbox.app).get('/hcim/Plain/1').set('if-none-match', '*')).status).toBe(304);
    expect((await request(sandbox.app).get('/hcim/Plain/1').set('if-modified-since', 'Tue, 01 Jan 2030 00:00:00 GMT')).status).toBe(200);
  });

  it('indents with _pretty and answers application/json when asked', async () => {
    const res = await request(sandbox.app).get('/hcim/Basic/1?_pretty=true').set('accept', 'application/json');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toContain('\n  "resourceType": "Basic"');
  });
});

describe('the journal of an answer', () => {
  const last = () => sandbox.deps.journal.query({ system: 'hcim' }).at(-1)!;

  it('keeps the response body as masking the whole text would: cut at the cap, multi-byte characters and secrets included', async () => {
    const long = { resourceType: 'Basic', password: 'hunter2', note: 'Ŀøñğ-Ñåmé🙂日本'.repeat(100) };
    const short = { resourceType: 'Basic', access_token: 'abc', note: 'é🙂' };
    for (const resource of [long, short]) {
      const res = await request(sandbox.app).post('/hcim/$mirror').set('content-type', 'application/fhir+json').send(JSON.stringify(resource));
      expect(res.status).toBe(200);
      const entry = last();
      expect({ body: entry.response!.body, truncated: entry.response!.truncated }).toEqual(maskBody(res.text, CAP));
      expect(entry.response!.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      expect(entry.status).toBe(200);
    }
    expect(last().response!.body).toContain('"access_token":"***"');
  });

  it('keeps a HEAD answer without a body and a 304 without a body', async () => {
    await request(sandbox.app).head('/hcim/Plain/1');
    expect(last()).toMatchObject({ method: 'HEAD', status: 200 });
    expect(last().response!.body).toBeUndefined();
    await request(sandbox.app).get('/hcim/Basic/1').set('if-none-match', 'W/"3"');
    expect(last()).toMatchObject({ method: 'GET', status: 304 });
    expect(last().response!.body).toBeUndefined();
  });
});
