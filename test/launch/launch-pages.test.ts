// Ocean's launched pages and the EMR's pages escape whatever the EHR or the user sends, and carry a strict CSP.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createOceanSystem } from '../../src/ocean/index.js';
import { createPosSystem } from '../../src/pos/index.js';
import { createTestSandbox } from '../support/sandbox.js';
import { startFakeEhr, type FakeEhr } from './support/fake-ehr.js';
import { launchedPage } from './support/launch-through.js';

let sandbox: Sandbox;
let ehr: FakeEhr;

beforeAll(async () => {
  ehr = await startFakeEhr('ocean-at-fake');
  sandbox = await createTestSandbox({ systems: [createOceanSystem, createPosSystem], deps: { clockStart: Date.now() } });
  await request(sandbox.app).post('/admin/ocean/smart-issuers').send({ iss: ehr.fhirBase, clientId: 'ocean-at-fake', clientSecret: 's3cret' }).expect(201);
  ehr.mode.fhir = 'hostile';
});
afterAll(async () => {
  await ehr.close();
  await sandbox.close();
});

/** No element or attribute came from data: the markup shows as text. */
function assertInert(page: string): void {
  expect(page).not.toMatch(/<script|<img/i);
  expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
}

function assertStrictCsp(csp: string | undefined): void {
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).toContain("frame-ancestors 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toMatch(/script-src/);
}

describe('Ocean launched pages', () => {
  it('escape the patient, user, chart narratives and attachment titles an EHR sends, in every view', async () => {
    for (const view of ['viewMap', 'referDirect', 'portal']) {
      const page = await launchedPage(sandbox, ehr, view);
      assertInert(page.text);
      assertStrictCsp(page.csp);
    }
    const form = (await launchedPage(sandbox, ehr, 'referDirect')).text;
    expect(form).toContain('note&quot;&gt;&lt;script&gt;');
  });
  it('escape what a launch URL carries into the error page', async () => {
    const res = await request(sandbox.app).get('/ocean/sso/smart/auth').query({ iss: 'http://evil.example/"><script>alert(1)</script>', launch: 'x' });
    expect(res.status).toBe(403);
    expect(res.text).not.toMatch(/<script/i);
    assertStrictCsp(res.headers['content-security-policy']);
  });
});

describe('reference EMR pages', () => {
  it('escape a search term and an unknown patient id, with a strict CSP', async () => {
    const list = await request(sandbox.app).get('/pos/emr/').query({ q: '"><script>alert(1)</script>' }).expect(200);
    assertInert(list.text);
    assertStrictCsp(list.headers['content-security-policy']);
    const chart = await request(sandbox.app).get(`/pos/emr/patients/${encodeURIComponent('<script>alert(1)</script>')}`).expect(404);
    assertInert(chart.text);
    assertStrictCsp(chart.headers['content-security-policy']);
  });
  it('never redirects to an unregistered redirect_uri and escapes it on the error page', async () => {
    const res = await request(sandbox.app).get('/pos/emr/auth/authorize').query({ client_id: 'ocean-smart', redirect_uri: 'http://evil.example/"><script>alert(1)</script>', response_type: 'code' });
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    assertInert(res.text);
    assertStrictCsp(res.headers['content-security-policy']);
  });
});
