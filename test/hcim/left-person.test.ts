// A person a source record left (its SRI was filed under another PHN): what it shows, and how it renders with
// nothing to show (docs/hcim.md, "Source records and the composite").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { renderPatient } from '../../src/hcim/fhir/patient-view.js';
import { EXT, PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, codeOf, patientsOf, requestBundle, type HcimPost } from './support/hcim-client.js';
import { ALPHA_SRI, BETA_SRI, harbour, ok, twoPartners } from './support/two-partners.js';

let sandbox: Sandbox;
let alpha: HcimPost;
let beta: HcimPost;
beforeEach(async () => void ({ sandbox, alpha, beta } = await twoPartners()));
afterEach(async () => sandbox.close());

const quimby = (sri: fhir.Identifier, extra: Partial<fhir.Patient> = {}): fhir.Patient => ({
  resourceType: 'Patient',
  identifier: [sri],
  name: [{ use: 'official', family: 'Quimby', given: ['Ramona'] }],
  gender: 'female',
  birthDate: '2011-05-05',
  address: [harbour],
  ...extra,
});
const current = async (phn: string) => patientsOf((await alpha('GetDemographics', requestBundle(byPhn(phn)))).body)[0]!;
/** Alpha adds Ramona Quimby under Q-1, then says Q-1 is Robert Smith's record: the added person is left without it. */
const addThenMoveAway = async (): Promise<string> => {
  const added = patientsOf((await ok(alpha('AddPatient', requestBundle(quimby({ system: ALPHA_SRI, value: 'Q-1' }))))).body)[0]!.id!;
  const smith: fhir.Patient = { resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }, { system: ALPHA_SRI, value: 'Q-1' }], name: [{ use: 'usual', family: 'Smith', given: ['Bob'] }], gender: 'male', birthDate: '1970-04-12' };
  await ok(alpha('RevisePatient', requestBundle(smith)));
  return added;
};

describe('a person every source record left', () => {
  it('keeps its last composite (no longer listing the SRI) and is still found by it', async () => {
    const left = await addThenMoveAway();
    const after = await current(left);
    expect(after.name).toEqual([{ use: 'official', family: 'Quimby', given: ['Ramona'] }]);
    expect([after.gender, after.birthDate, after.address]).toEqual(['female', '2011-05-05', [harbour]]);
    expect(after.identifier!.map((i) => i.value)).toEqual([left]);
    const found = await alpha('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Quimby', given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05' }));
    expect(patientsOf(found.body).map((p) => p.id)).toContain(left);
    expect((await current(PHN.ordinary)).identifier!.map((i) => i.value)).toContain('Q-1');
  });

  it('takes later writes over the composite it kept: a source filing a telephone adds it, the rest stays', async () => {
    const left = await addThenMoveAway();
    await ok(beta('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: left }, { system: BETA_SRI, value: 'B-9' }], telecom: [{ system: 'phone', value: '250-555-0142' }] })));
    const after = await current(left);
    expect(after.telecom).toEqual([{ system: 'phone', value: '250-555-0142' }]);
    expect([after.name?.[0]?.family, after.birthDate, after.address]).toEqual(['Quimby', '2011-05-05', [harbour]]);
    expect(after.identifier!.map((i) => i.value)).toEqual([left, 'B-9']);
  });
});

describe('a person another source record still explains', () => {
  it("shows that record's data, not the data of the record that left", async () => {
    const left = patientsOf((await ok(alpha('AddPatient', requestBundle(quimby({ system: ALPHA_SRI, value: 'Q-1' }))))).body)[0]!.id!;
    await ok(beta('RevisePatient', requestBundle({ ...quimby({ system: BETA_SRI, value: 'B-1' }, { address: undefined, telecom: [{ system: 'phone', value: '250-555-0142' }] }), identifier: [{ system: PHN_SYSTEM, value: left }, { system: BETA_SRI, value: 'B-1' }] })));
    await ok(alpha('RevisePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }, { system: ALPHA_SRI, value: 'Q-1' }], name: [{ use: 'usual', family: 'Smith', given: ['Bob'] }], gender: 'male', birthDate: '1970-04-12' })));
    const after = await current(left);
    expect(after.address).toBeUndefined();
    expect(after.telecom).toEqual([{ system: 'phone', value: '250-555-0142' }]);
    expect(codeOf((await alpha('GetDemographics', requestBundle(byPhn(left)))).body)).toBe(HCIM_CODES.gdSuccess.code);
  });
});

describe('a composite with nothing in it', () => {
  const empty = { phn: '9990000001', status: 'active' as const, patient: { resourceType: 'Patient' as const, name: [] }, history: [] };
  it('renders no empty name list (FHIR arrays hold at least one element)', () => {
    const rendered = renderPatient(empty);
    expect(rendered).not.toHaveProperty('name');
    expect(JSON.stringify(rendered)).not.toContain('[]');
  });

  it('renders a masked name for a confidential one', () => {
    const rendered = renderPatient({ ...empty, status: 'confidential' });
    expect(rendered.name).toEqual([{ use: 'official', extension: [{ url: EXT.dataAbsentReason, valueCode: 'masked' }] }]);
  });
});
