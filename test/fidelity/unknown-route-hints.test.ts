// Every 404 hint names a URL that exists, in the sentence's right grammar.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { indefiniteArticle } from '../../src/fhir/unknown-route.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => void (sandbox = await createTestSandbox({ config: { auth: false, sizes: { patients: 40, practitioners: 30, organizations: 10, facilities: 10 } } })));
afterAll(async () => sandbox.close());

const UNKNOWN = ['/plr/metadata', '/plr/HSA-web/fhir-rs/Nothing', '/hcim/nothing', '/hcim/fhir/Nothing/here', '/ocean/nothing', '/ocean/svc/fhir/v1/Nothing', '/pos/nothing', '/admin/nothing', '/nothing/at/all'];

describe('unknown-route hints', () => {
  it('answers every unknown path with a 404 whose "GET <url>" hint is itself a 200', async () => {
    for (const path of UNKNOWN) {
      const res = await request(sandbox.app).get(path);
      expect(res.status, path).toBe(404);
      const hint = /GET (\/\S+) lists/.exec(res.body.issue[0].diagnostics)?.[1];
      expect(hint, `${path}: ${res.body.issue[0].diagnostics}`).toBeDefined();
      const target = await request(sandbox.app).get(hint!);
      expect(target.status, `${path} -> ${hint}`).toBe(200);
    }
  });

  it('points PLR at its own CapabilityStatement under /HSA-web/fhir-rs, and says "an OCEAN endpoint"', async () => {
    const plr = await request(sandbox.app).get('/plr/metadata');
    expect(plr.body.issue[0].diagnostics).toContain('GET /plr/HSA-web/fhir-rs/metadata lists what is');
    const ocean = await request(sandbox.app).get('/ocean/nothing');
    expect(ocean.body.issue[0].diagnostics).toMatch(/is not an OCEAN endpoint/);
  });

  it('chooses the article by sound: a PLR, an HCIM, an OCEAN, a POS, an admin API, a sandbox', () => {
    expect(['PLR', 'HCIM', 'OCEAN', 'POS', 'admin API', 'sandbox'].map((s) => `${indefiniteArticle(s)} ${s}`)).toEqual(['a PLR', 'an HCIM', 'an OCEAN', 'a POS', 'an admin API', 'a sandbox']);
  });
});
