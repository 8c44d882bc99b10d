// $AddPatient and $MergePatient over FHIR: new PHN, existing person, merge resolution.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { isValidPhn } from '../../src/population/phn.js';
import { PHN } from './support/fixture-population.js';
import { createHcimClient } from './support/hcim-client.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';

let sandbox: Sandbox;
let seq = 0;
beforeEach(async () => void (sandbox = await createHcimSandbox()));
afterEach(async () => sandbox.close());

const SRI = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-viha-cern-source-patient-id';
const bundle = (resource: fhir.FhirResource): fhir.Bundle => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `w-${++seq}` }] } }, { resource }],
});
const post = (op: string, body: unknown) => createHcimClient(sandbox)(op, body);
const outcomeCode = (b: fhir.Bundle) => (b.entry?.find((e) => e.resource?.resourceType === 'OperationOutcome')?.resource as fhir.OperationOutcome).issue[0]!.details!.coding![0]!.code;

describe('HCIM writes', () => {
  it('assigns a new valid PHN to a new person (RP.0.0000)', async () => {
    const p: fhir.Patient = { resourceType: 'Patient', identifier: [{ system: SRI, value: 'MRN-1' }], name: [{ use: 'official', family: 'Quimby', given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05' };
    const res = await post('AddPatient', bundle(p));
    expect(outcomeCode(res.body)).toBe(HCIM_CODES.rpNewPhn.code);
    const added = res.body.entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource as fhir.Patient;
    expect(isValidPhn(added.id!)).toBe(true);
  });

  it('spends no PHN on an add it refuses for a death before the birth date (RP.2.0035): the next new person gets the first PHN', async () => {
    const quimby = (mrn: string, extra: Partial<fhir.Patient> = {}): fhir.Patient => ({ resourceType: 'Patient', identifier: [{ system: SRI, value: mrn }], name: [{ use: 'official', family: 'Quimby', given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05', ...extra });
    const phnOf = (b: fhir.Bundle) => b.entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource!.id;
    const fresh = await createHcimSandbox();
    const firstPhn = phnOf((await createHcimClient(fresh)('AddPatient', bundle(quimby('MRN-F')))).body);
    await fresh.close();
    for (const deceasedDateTime of ['2010-01-01', '2011-05-04T23:00:00-08:00']) {
      const refused = await post('AddPatient', bundle(quimby('MRN-D', { deceasedDateTime })));
      expect(refused.status).toBe(400);
      expect((refused.body as unknown as fhir.OperationOutcome).issue[0]!.details!.coding![0]!.code).toBe(HCIM_CODES.rpDeathBeforeBirth.code);
    }
    const added = await post('AddPatient', bundle(quimby('MRN-D')));
    expect(outcomeCode(added.body)).toBe(HCIM_CODES.rpNewPhn.code);
    expect(phnOf(added.body)).toBe(firstPhn);
  });

  it('finds the existing person instead of adding a duplicate (RP.0.0001)', async () => {
    const p: fhir.Patient = { resourceType: 'Patient', identifier: [{ system: SRI, value: 'MRN-2' }], name: [{ use: 'official', family: 'Okafor', given: ['Chidi'] }], gender: 'male', birthDate: '2001-07-07', telecom: [{ system: 'phone', value: '250-555-0177' }] };
    const res = await post('AddPatient', bundle(p));
    expect(outcomeCode(res.body)).toBe(HCIM_CODES.rpExistingPhn.code);
  });

  it('refuses an add without a source record identifier (RP.2.0025)', async () => {
    const res = await post('AddPatient', bundle({ resourceType: 'Patient', name: [{ family: 'X', given: ['Y'] }], gender: 'male', birthDate: '2000-01-01' }));
    expect(res.status).toBe(400);
    expect((res.body as unknown as fhir.OperationOutcome).issue[0]!.details!.coding![0]!.code).toBe(HCIM_CODES.rpNoSri.code);
  });

  it('merges: the non-survivor then resolves to the survivor', async () => {
    const merge: fhir.Parameters = { resourceType: 'Parameters', parameter: [{ name: 'source-patient-identifier', valueIdentifier: { system: PHN_SYSTEM, value: PHN.duplicate } }, { name: 'target-patient-identifier', valueIdentifier: { system: PHN_SYSTEM, value: PHN.ordinary } }] };
    const res = await post('MergePatient', bundle(merge));
    expect(outcomeCode(res.body)).toBe(HCIM_CODES.pmSuccess.code);
    const gd = await post('GetDemographics', bundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.duplicate }] }));
    expect(outcomeCode(gd.body)).toBe(HCIM_CODES.gdMerged.code);
  });
});
