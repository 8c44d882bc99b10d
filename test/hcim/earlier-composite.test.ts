// A store an older sandbox wrote: a composite holding changes no source record explains (it took an UpdatePatient
// without an SRI into the composite alone). The first write after the upgrade keeps them and layers over them.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { personFromClient, type Person } from '../../src/hcim/registry/person.js';
import { COLLECTIONS } from '../../src/hcim/registry/store-keys.js';
import { startReceiver } from '../support/receiver.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, patientsOf, requestBundle, type HcimPost } from './support/hcim-client.js';
import { ALPHA_SRI, BETA_SRI, ferry, harbour, ok, twoPartners } from './support/two-partners.js';

let sandbox: Sandbox;
let alpha: HcimPost;
let beta: HcimPost;
beforeEach(async () => void ({ sandbox, alpha, beta } = await twoPartners()));
afterEach(async () => sandbox.close());

const smith = (sri: fhir.Identifier, extra: Partial<fhir.Patient> = {}, phn: string = PHN.ordinary): fhir.Patient => ({
  resourceType: 'Patient',
  identifier: [{ system: PHN_SYSTEM, value: phn }, sri],
  name: [{ use: 'official', family: 'Smith', given: ['Robert'] }],
  gender: 'male',
  birthDate: '1970-04-12',
  ...extra,
});
const current = async (phn: string) => patientsOf((await alpha('GetDemographics', requestBundle(byPhn(phn)))).body)[0]!;
/** The person's stored record; a population client's as generated until a write stores it. */
const stored = (phn: string) => sandbox.deps.store.get<Person>(COLLECTIONS.persons, phn) ?? personFromClient(sandbox.deps.population.clientByPhn(phn)!);
/** Changes a stored composite the way an older sandbox did: the person's `patient` alone, no source record. */
const changeCompositeOnly = (phn: string, change: Partial<fhir.Patient>) => {
  const person = stored(phn);
  sandbox.deps.store.put(COLLECTIONS.persons, phn, { ...person, patient: { ...person.patient, ...change }, history: [...person.history, { at: sandbox.deps.clock.iso(), patient: person.patient }] });
};

describe('a composite holding a change no source record explains', () => {
  it('keeps it when another attribute is revised, sends one COMPOSITE notification with it and lists no extra identifier', async () => {
    await ok(alpha('RevisePatient', requestBundle(smith({ system: ALPHA_SRI, value: 'A-1' }, { telecom: [{ system: 'phone', value: '250-555-0142' }] }))));
    changeCompositeOnly(PHN.ordinary, { address: [harbour] });
    const revisions = stored(PHN.ordinary).history.length;
    const receiver = await startReceiver();
    try {
      await request(sandbox.app).post('/admin/hcim/subscriptions').send({ partner: 'beta', endpoint: receiver.url }).expect(201);
      await ok(beta('RevisePatient', requestBundle(smith({ system: BETA_SRI, value: 'B-1' }, { telecom: [{ system: 'phone', value: '604-555-0199' }] }))));
      const after = await current(PHN.ordinary);
      expect(after.address).toEqual([harbour]);
      expect(after.telecom).toEqual([{ system: 'phone', value: '604-555-0199' }]);
      expect(after.identifier!.map((i) => i.value)).toEqual([PHN.ordinary, 'A-1', 'B-1']);
      expect(stored(PHN.ordinary).history).toHaveLength(revisions + 1);
      await sandbox.deps.delivery.idle();
      expect(receiver.received).toHaveLength(1);
      const notified = JSON.parse(receiver.received[0]!.body) as fhir.Bundle;
      expect((notified.entry![1]!.resource as fhir.Patient).address).toEqual([harbour]);
    } finally {
      await receiver.close();
    }
  });

  it('gives way to a later write of the same attribute, and to nothing less', async () => {
    await ok(alpha('RevisePatient', requestBundle(smith({ system: ALPHA_SRI, value: 'A-1' }, { address: [ferry] }))));
    changeCompositeOnly(PHN.ordinary, { address: [harbour] });
    await ok(beta('RevisePatient', requestBundle(smith({ system: BETA_SRI, value: 'B-1' }))));
    expect((await current(PHN.ordinary)).address).toEqual([harbour]);
    await ok(alpha('RevisePatient', requestBundle(smith({ system: ALPHA_SRI, value: 'A-1' }, { address: [ferry], telecom: [{ system: 'phone', value: '250-555-0142' }] }))));
    expect((await current(PHN.ordinary)).address).toEqual([ferry]);
  });

  it("keeps a person a POS added whole when none of its records explains it, and still locks a population client's documented identity", async () => {
    const added = patientsOf((await ok(alpha('AddPatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: ALPHA_SRI, value: 'Q-1' }], name: [{ use: 'official', family: 'Quimby', given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05' })))).body)[0]!.id!;
    changeCompositeOnly(added, { name: [{ use: 'official', family: 'Quimby-Okafor', given: ['Ramona'] }], address: [harbour] });
    await ok(beta('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: added }], telecom: [{ system: 'phone', value: '604-555-0199' }] })));
    const after = await current(added);
    expect([after.name?.[0]?.family, after.birthDate, after.address, after.telecom?.[0]?.value]).toEqual(['Quimby-Okafor', '2011-05-05', [harbour], '604-555-0199']);

    changeCompositeOnly(PHN.twin, { birthDate: '1999-09-09', address: [harbour] });
    await ok(beta('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.twin }], telecom: [{ system: 'phone', value: '604-555-0199' }] })));
    const twin = await current(PHN.twin);
    expect([twin.birthDate, twin.address]).toEqual(['2001-07-07', [harbour]]);
  });

  it("moves with a merge: the non-survivor's unexplained change shows on the survivor", async () => {
    await ok(alpha('RevisePatient', requestBundle(smith({ system: ALPHA_SRI, value: 'T-1' }, { name: [{ use: 'usual', family: 'Okafor', given: ['Chidi'] }], birthDate: '2001-07-07' }, PHN.twin))));
    changeCompositeOnly(PHN.twin, { address: [harbour] });
    await ok(alpha('MergePatient', requestBundle({ ...byPhn(PHN.ordinary), link: [{ type: 'replaces', other: { identifier: { system: PHN_SYSTEM, value: PHN.twin } } }] })));
    const survivor = await current(PHN.ordinary);
    expect(survivor.address).toEqual([harbour]);
    expect(survivor.identifier!.filter((i) => i.system !== PHN_SYSTEM).map((i) => i.value)).toEqual(['T-1']);
  });
});
