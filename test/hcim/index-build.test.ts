// A population above the in-request build limit is indexed in the background: the process keeps answering
// while it builds, searches answer FC.2.0004 (retryable) until the index is ready, then answer correctly.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { queryOf } from '../../src/hcim/evaluate.js';
import { createHcimSystem } from '../../src/hcim/index.js';
import { createTestSandbox } from '../support/sandbox.js';
import { codeOf, createHcimClient, diagnosticsOf, idsOf, requestBundle, type HcimPost } from './support/hcim-client.js';

/** Just above the 10,000 records the engine indexes inside a request: this population builds in the background. */
const PATIENTS = 12_000;

let sandbox: Sandbox;
let post: HcimPost;
beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [createHcimSystem], config: { auth: false, sizes: { patients: PATIENTS, practitioners: 120, organizations: 30, facilities: 40 } } });
  post = createHcimClient(sandbox);
});
afterAll(async () => sandbox.close());

describe('HCIM while its candidate index builds', () => {
  it('answers health and refuses searches with FC.2.0004 mid-build, then finds the record once built (same message id retried)', async () => {
    const wanted = sandbox.deps.population.client(PATIENTS - 7);
    const body = requestBundle(queryOf(wanted.patient, 'full'));

    const health = await request(sandbox.app).get('/admin/health');
    const early = await post('FindCandidates', body);
    expect(health.status).toBe(200);
    expect([early.status, codeOf(early.body)]).toEqual([503, HCIM_CODES.fcUnavailable.code]);
    expect(diagnosticsOf(early.body)).toMatch(/still being built \([\d,]+ of 12,000 records\)/);

    let answer = early;
    while (answer.status === 503) {
      expect((await request(sandbox.app).get('/admin/health')).status).toBe(200);
      answer = await post('FindCandidates', body);
    }
    expect(answer.status).toBe(200);
    expect(codeOf(answer.body)).not.toBe(HCIM_CODES.fcUnavailable.code);
    expect(idsOf(answer.body)).toContain(wanted.phn);
  });
});
