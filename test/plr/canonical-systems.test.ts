// PLR accepts either spelling of a code or identifier system on input and emits only the IG's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { CS } from '../../src/plr/vocabulary.js';
import { filledTemplate, practitionerOf } from './support/maintain-builders.js';
import { createPlrSandbox, demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

let sandbox: Sandbox;
let plr: PlrClient;
beforeAll(async () => {
  sandbox = await createPlrSandbox();
  plr = plrClient(sandbox, await demoToken(sandbox));
});
afterAll(() => sandbox.close());

const param = (p: fhir.Parameters, name: string) => p.parameter!.find((x) => x.name === name)!;

describe('one canonical spelling per system', () => {
  it("stores the test suite's https scptype and bc-end-reason-code as the IG's http scptype and bc-end-reason-code-system", async () => {
    const request = filledTemplate({ idType: 'RNID', idValue: 'R5150', family: 'Spelling', given: ['Sam'] });
    expect(JSON.stringify(request)).toContain('https://fhir.infoway-inforoute.ca/CodeSystem/scptype');
    expect(JSON.stringify(request)).toContain(CS.endReasonTestSuite);
    const res = await plr.post('/$maintain', request);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ipc = (param(res.body, 'maintain').resource as fhir.Bundle).entry![0]!.resource!.id!;
    for (const text of [JSON.stringify(res.body), (await plr.get(`/Practitioner/${ipc}/$entityQuery?withHistory=true`)).text, (await plr.get(`/PractitionerRole/${ipc}`)).text]) {
      expect(text).not.toContain('https://fhir.infoway-inforoute.ca/CodeSystem/scptype');
      expect(text).not.toContain(`${CS.endReasonTestSuite}"`);
    }
    const role = (await plr.get(`/PractitionerRole/${ipc}`)).body as fhir.PractitionerRole;
    expect(role.code![0]!.coding![0]!.system).toBe(CS.scptype);
  });

  it('emits superseded and http identifier systems as the current https naming systems', async () => {
    const request = filledTemplate({ idType: 'RNID', idValue: 'R6160', family: 'Legacy', given: ['Lee'] });
    const prac = practitionerOf(request);
    prac.identifier![0]!.system = 'http://hlth.gov.bc.ca/fhir/provider/identifier-system/RNID';
    const res = await plr.post('/$maintain', request);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stored = (param(res.body, 'maintain').resource as fhir.Bundle).entry![0]!.resource as fhir.Practitioner;
    expect(stored.identifier!.map((i) => i.system)).toContain('https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-license-nurse');
    expect(JSON.stringify(stored)).not.toContain('identifier-system/RNID');
  });

  it('treats an identifier system named like an Object property (constructor, __proto__) as unknown, not as a crash', async () => {
    for (const system of ['constructor', '__proto__', 'toString']) {
      const res = await plr.get(`/Practitioner/$entityQuery?identifier=${system}|R1`);
      expect(res.status, system).toBe(200);
      expect(res.body.entry[0].resource.issue[0].details.coding[0].code).toBe('GRS.DPS.UNK.UNK.0.0.7047');
    }
  });

  it('refuses a maintain entry whose resourceType is an Object property name with a 400 outcome, not a crash', async () => {
    const request = filledTemplate({ idType: 'RNID', idValue: 'R7170' });
    const bundle = request.parameter!.find((p) => p.name === 'maintain')!.resource as fhir.Bundle;
    (bundle.entry![0]!.resource as unknown as { resourceType: string }).resourceType = 'constructor';
    const res = await plr.post('/$maintain', request);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});
