// Every OperationOutcome PLR sends is a BCOperationOutcome: details.coding (bc-error-code-system) and details.text on every issue.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { PLR_CODES } from '../../src/plr/error-codes.js';
import { CS } from '../../src/plr/vocabulary.js';
import { ACCEPT, BASE, createPlrSandbox, demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

let sandbox: Sandbox;
let plr: PlrClient;
let token: string;
beforeAll(async () => {
  sandbox = await createPlrSandbox({ auth: true });
  token = await demoToken(sandbox);
  plr = plrClient(sandbox, token);
});
afterAll(() => sandbox.close());

/** The OperationOutcome of a response: the body itself, or a searchset's first entry. */
const outcomeOf = (body: fhir.OperationOutcome | fhir.Bundle): fhir.OperationOutcome =>
  body.resourceType === 'OperationOutcome' ? body : (body.entry![0]!.resource as fhir.OperationOutcome);

function expectBcShape(outcome: fhir.OperationOutcome, label: string): void {
  expect(outcome.resourceType, label).toBe('OperationOutcome');
  for (const issue of outcome.issue) {
    expect(issue.details?.coding, `${label}: ${JSON.stringify(issue)}`).toHaveLength(1);
    expect(issue.details!.coding![0]!.system, label).toBe(CS.errors);
    expect(issue.details!.coding![0]!.code, label).toMatch(/\S/);
    expect(issue.details!.text, label).toMatch(/\S/);
  }
}

describe('PLR OperationOutcomes in the BCOperationOutcome shape', () => {
  it('codes the transport refusals: no token (401), no UserId, an unknown route and id (404), a wrong method (405), a bad Accept (406), XML (415), bad JSON (400)', async () => {
    const cases: Array<[string, request.Test, number]> = [
      ['401', request(sandbox.app).get(`${BASE}/Practitioner/$entityQuery?family=Smith&given=Ann`).set('UserId', 'demo@IDIR'), 401],
      ['UserId', request(sandbox.app).get(`${BASE}/Practitioner/$entityQuery?family=Smith&given=Ann`).set('Authorization', `Bearer ${token}`), 400],
      ['unknown route', plr.get('/Nothing/here'), 404],
      ['unknown id', plr.get('/Practitioner/IPC.99999999.BC.PRS'), 404],
      ['405', request(sandbox.app).delete(`${BASE}/Practitioner/$entityQuery`).set('Authorization', `Bearer ${token}`).set('UserId', 'demo@IDIR'), 405],
      ['406', request(sandbox.app).get(`${BASE}/Practitioner/$entityQuery?family=Smith&given=Ann`).set('Authorization', `Bearer ${token}`).set('UserId', 'demo@IDIR').set('Accept', 'application/fhir+json;fhirVersion=3.0'), 406],
      ['415', plr.post('/$maintain', {}).set('content-type', 'application/xml'), 415],
      ['400 JSON', request(sandbox.app).post(`${BASE}/$maintain`).set('Authorization', `Bearer ${token}`).set('UserId', 'demo@IDIR').set('Accept', ACCEPT).set('Content-Type', 'application/fhir+json').send('{"resourceType":'), 400],
    ];
    for (const [label, call, status] of cases) {
      const res = await call;
      expect(res.status, label).toBe(status);
      expectBcShape(res.body, label);
    }
  });

  it('codes the 20-result refine-your-search warning, and every registry issue is business-rule as the IG examples are', async () => {
    const many = await plr.get('/Practitioner/$entityQuery?address-city=Prince%20George');
    const outcome = outcomeOf(many.body);
    expectBcShape(outcome, 'refine');
    expect(outcome.issue.map((i) => i.code)).toEqual(['business-rule', 'business-rule']);
    expect(outcome.issue[1]!.details!.text).toBe('Maximum search results returned. Please refine your search criteria.');
    const none = outcomeOf((await plr.get('/Practitioner/$entityQuery?family=Zzyzx&given=Al')).body);
    expect(none.issue[0]).toMatchObject({ severity: 'warning', code: 'business-rule', details: { coding: [{ code: PLR_CODES.noMatch.code }] } });
    const wildcard = await plr.get('/Practitioner/$entityQuery?family=S*m*&given=Ann');
    expect(wildcard.body.issue[0]).toMatchObject({ code: 'business-rule', details: { coding: [{ code: PLR_CODES.wildcard.code }] } });
  });

  it('codes a maintain refusal on every issue', async () => {
    const res = await plr.post('/$maintain', { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: 'oo-1' }] });
    expect(res.status).toBe(400);
    expectBcShape(res.body, 'maintain');
  });
});
