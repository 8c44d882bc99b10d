// Which of two source records was filed later, and in which order a person's source identifiers are listed: the
// same whichever persons the records were filed under, and the same live as after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import type { SourceRecord } from '../../src/hcim/registry/person.js';
import { COLLECTIONS, sourceKey } from '../../src/hcim/registry/store-keys.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, patientsOf, requestBundle, type HcimPost } from './support/hcim-client.js';
import { ALPHA_SRI, BETA_SRI, ok, twoPartners } from './support/two-partners.js';

let sandbox: Sandbox;
let alpha: HcimPost;
let beta: HcimPost;
// The manual clock: every write below is at one instant.
beforeEach(async () => void ({ sandbox, alpha, beta } = await twoPartners()));
afterEach(async () => sandbox.close());

const snapshot = (sri: fhir.Identifier, phn: string, extra: Partial<fhir.Patient> = {}): fhir.Patient => ({
  resourceType: 'Patient',
  identifier: [{ system: PHN_SYSTEM, value: phn }, sri],
  name: [{ use: 'usual', family: 'Smith', given: ['Bob'] }],
  gender: 'male',
  birthDate: '1970-04-12',
  ...extra,
});
const town = (city: string): fhir.Address => ({ use: 'home', type: 'physical', line: ['1 Main St'], city, postalCode: 'V0N 1V0' });
const current = async (phn: string) => patientsOf((await alpha('GetDemographics', requestBundle(byPhn(phn)))).body)[0]!;
const mergeTwinIntoOrdinary = () => ok(alpha('MergePatient', requestBundle({ ...byPhn(PHN.ordinary), link: [{ type: 'replaces', other: { identifier: { system: PHN_SYSTEM, value: PHN.twin } } }] })));
const restart = () => (sandbox.systems.find((s) => s.name === 'hcim') as { resume(): void }).resume();

describe('the later of two filings at one instant', () => {
  it('after a merge, is the one filed later, whichever person it was filed under', async () => {
    for (let i = 0; i < 3; i++) await ok(alpha('RevisePatient', requestBundle(snapshot({ system: ALPHA_SRI, value: 'TWIN' }, PHN.twin, { address: [town('Oldtown')] }))));
    await ok(beta('RevisePatient', requestBundle(snapshot({ system: BETA_SRI, value: 'B-1' }, PHN.ordinary, { address: [town('Newtown')] }))));
    await mergeTwinIntoOrdinary();
    expect((await current(PHN.ordinary)).address).toEqual([town('Newtown')]);
  });

  it('comes after every record an older sandbox numbered per person', async () => {
    await ok(alpha('RevisePatient', requestBundle(snapshot({ system: ALPHA_SRI, value: 'TWIN' }, PHN.twin, { address: [town('Oldtown')] }))));
    // As an older sandbox stored it: numbered among the twin's own records only, and no registry-wide counter.
    const key = sourceKey('alpha', ALPHA_SRI, 'TWIN');
    const { store } = sandbox.deps;
    store.put(COLLECTIONS.sources, key, { ...store.get<SourceRecord>(COLLECTIONS.sources, key)!, seq: 7 });
    store.remove(COLLECTIONS.counters, 'seq');
    await ok(beta('RevisePatient', requestBundle(snapshot({ system: BETA_SRI, value: 'B-1' }, PHN.ordinary, { address: [town('Newtown')] }))));
    await mergeTwinIntoOrdinary();
    expect((await current(PHN.ordinary)).address).toEqual([town('Newtown')]);
  });
  it('is numbered from a counter the store keeps, so a write does not read every stored record to find the next', async () => {
    await ok(alpha('RevisePatient', requestBundle(snapshot({ system: ALPHA_SRI, value: 'A-1' }, PHN.ordinary))));
    await ok(beta('RevisePatient', requestBundle(snapshot({ system: BETA_SRI, value: 'B-1' }, PHN.ordinary))));
    const { store } = sandbox.deps;
    const highest = Math.max(...[...store.values<SourceRecord>(COLLECTIONS.sources)].map((s) => s.seq ?? 0));
    expect(store.view<{ next: number }>(COLLECTIONS.counters, 'seq')).toEqual({ next: highest + 1 });
  });
});

describe('the order of source identifiers', () => {
  const sriValues = async (phn: string) => (await current(phn)).identifier!.filter((i) => i.system !== PHN_SYSTEM).map((i) => i.value);

  it('is the order of first filing, live and after a restart, however often a record is revised', async () => {
    await ok(alpha('RevisePatient', requestBundle(snapshot({ system: ALPHA_SRI, value: 'A-1' }, PHN.ordinary))));
    await ok(beta('RevisePatient', requestBundle(snapshot({ system: BETA_SRI, value: 'B-1' }, PHN.ordinary))));
    await ok(alpha('RevisePatient', requestBundle(snapshot({ system: ALPHA_SRI, value: 'A-1' }, PHN.ordinary, { telecom: [{ system: 'phone', value: '250-555-0100' }] }))));
    const live = await sriValues(PHN.ordinary);
    expect(live).toEqual(['A-1', 'B-1']);
    restart();
    expect(await sriValues(PHN.ordinary)).toEqual(live);
  });

  it('lists a record that moved to another PHN last there, live and after a restart', async () => {
    await ok(alpha('RevisePatient', requestBundle(snapshot({ system: ALPHA_SRI, value: 'A-1' }, PHN.twin))));
    await ok(beta('RevisePatient', requestBundle(snapshot({ system: BETA_SRI, value: 'B-1' }, PHN.ordinary))));
    await ok(alpha('RevisePatient', requestBundle(snapshot({ system: ALPHA_SRI, value: 'A-2' }, PHN.ordinary))));
    await ok(alpha('RevisePatient', requestBundle(snapshot({ system: ALPHA_SRI, value: 'A-1' }, PHN.ordinary))));
    const live = await sriValues(PHN.ordinary);
    expect(live).toEqual(['B-1', 'A-2', 'A-1']);
    restart();
    expect(await sriValues(PHN.ordinary)).toEqual(live);
  });
});
