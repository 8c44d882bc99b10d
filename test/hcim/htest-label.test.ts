// Every Patient HCIM renders carries the HTEST security label, as all of the sandbox's data does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { PHN } from './support/fixture-population.js';
import { createHcimClient, patientEntries, requestBundle } from './support/hcim-client.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => void (sandbox = await createHcimSandbox()));
afterAll(async () => sandbox.close());

const byPhn = (phn: string): fhir.Patient => ({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }] });
const HTEST = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST' };

describe('HCIM Patient resources', () => {
  it.each([['an ordinary client', PHN.ordinary], ['a masked confidential client', PHN.confidential], ['a merged PHN\'s survivor', PHN.merged]])('label %s HTEST', async (_what, phn) => {
    const res = await createHcimClient(sandbox)('GetDemographics', requestBundle(byPhn(phn)));
    const patient = patientEntries(res.body as fhir.Bundle)[0]!.resource as fhir.Patient;
    expect(patient.meta?.security).toContainEqual(expect.objectContaining(HTEST));
  });
});
