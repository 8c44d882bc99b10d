// A stored record's comparable demographics are built once per stored version, not again on every search: one big
// record (a 50,000-name add made every later $FindCandidates of every partner take seconds) costs nothing per query.
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { demographicsOf } from '../../src/hcim/matching/demographics.js';
import { createMatchingEngine, type MatchablePerson, type MatchSource } from '../../src/hcim/matching/engine.js';
import { deepFreeze } from '../../src/store/frozen.js';
import { PHN } from './support/fixture-population.js';
import { codeOf, idsOf, requestBundle } from './support/hcim-client.js';
import { useHcimSandbox } from './support/hcim-sandbox.js';

const alpha = (i: number) => i.toString(26).replace(/[0-9a-p]/g, (c) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[parseInt(c, 26)]!);
/** A record with `n` extra names, as a store kept before HCIM bounded the names a Patient may carry. */
const poisoned = (n: number): fhir.Patient => ({
  resourceType: 'Patient',
  name: [{ use: 'official', family: 'Zzyzx', given: ['Quentin'] }, ...Array.from({ length: n }, (_, i) => ({ family: `Q${alpha(i)}`, given: [`X${alpha(i)}`] }))],
  gender: 'male',
  birthDate: '1971-07-07',
});

/** The stored patient as the store hands it out (deep-frozen), its reads of `name` counted. */
function countedPatient(patient: fhir.Patient): { patient: fhir.Patient; nameReads: () => number } {
  let reads = 0;
  const proxy = new Proxy(deepFreeze(patient), {
    get(target, key, receiver) {
      if (key === 'name') reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  return { patient: proxy, nameReads: () => reads };
}

const overlayOnly = (persons: () => MatchablePerson[]): MatchSource => ({ populationPatients: () => [], populationSize: 0, current: () => undefined, overlay: persons });
const ordinary: fhir.Patient = { resourceType: 'Patient', name: [{ family: 'Thompson', given: ['Sarah'] }], birthDate: '1985-04-12' };

describe('the matching engine over stored records', () => {
  it('reads a stored version once, however many searches follow', () => {
    const stored = countedPatient(poisoned(2_000));
    const engine = createMatchingEngine(overlayOnly(() => [{ phn: '9000000100', patient: stored.patient, searchable: true }]));
    engine.findCandidates(ordinary, { limit: 10 });
    const afterFirst = stored.nameReads();
    expect(afterFirst).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) engine.findCandidates(ordinary, { limit: 10 });
    expect(stored.nameReads()).toBe(afterFirst);
  });

  it('reads a new stored version (a revision) afresh, and finds the person by the new name only', () => {
    const v1 = deepFreeze<fhir.Patient>({ resourceType: 'Patient', name: [{ family: 'Quimby', given: ['Ramona'] }], birthDate: '2011-05-05', gender: 'female' });
    const v2 = deepFreeze<fhir.Patient>({ ...v1, name: [{ family: 'Okonkwo', given: ['Ramona'] }] });
    let current = v1;
    const engine = createMatchingEngine(overlayOnly(() => [{ phn: '9000000100', patient: current, searchable: true }]));
    const find = (family: string) => engine.findCandidates({ resourceType: 'Patient', name: [{ family, given: ['Ramona'] }], birthDate: '2011-05-05' }, { limit: 10 }).candidates.map((c) => c.phn);
    expect(find('Quimby')).toEqual(['9000000100']);
    current = v2;
    expect(find('Okonkwo')).toEqual(['9000000100']);
    expect(find('Quimby')).toEqual([]);
  });

  it('does not keep the demographics of a record that can still change (not frozen)', () => {
    const patient: fhir.Patient = { resourceType: 'Patient', name: [{ family: 'Quimby', given: ['Ramona'] }], birthDate: '2011-05-05', gender: 'female' };
    const engine = createMatchingEngine(overlayOnly(() => [{ phn: '9000000100', patient, searchable: true }]));
    const find = (family: string) => engine.findCandidates({ resourceType: 'Patient', name: [{ family, given: ['Ramona'] }], birthDate: '2011-05-05' }, { limit: 10 }).candidates.length;
    expect(find('Quimby')).toBe(1);
    patient.name = [{ family: 'Okonkwo', given: ['Ramona'] }];
    expect(find('Okonkwo')).toBe(1);
  });
});

describe('demographicsOf', () => {
  it('drops repeated names (same surname and given name once normalized), keeping the primary first and the order', () => {
    const d = demographicsOf({
      name: [
        { use: 'usual', family: 'Smith', given: ['Bob'] },
        { use: 'official', family: 'Smith', given: ['Robert'] },
        { family: 'SMITH', given: ['bob'] },
        { family: 'Smyth', given: ['Robert'] },
        { family: 'smith', given: ['Róbert'] },
      ],
    });
    expect(d.names.map((n) => `${n.family}|${n.given}`)).toEqual(['SMITH|ROBERT', 'SMITH|BOB', 'SMYTH|ROBERT']);
  });
});

describe('HCIM $FindCandidates after a big record reached the store', () => {
  const hcim = useHcimSandbox();

  it('answers ordinary searches as before, and still finds the big record by its own name', async () => {
    hcim.sandbox.deps.store.put('hcim.persons', '9000000100', { phn: '9000000100', status: 'active', patient: poisoned(1_000), history: [] });
    for (let i = 0; i < 3; i++) {
      const res = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['Robert'] }], birthDate: '1970-04-12' }));
      expect(codeOf(res.body)).toBe(HCIM_CODES.fcSuccess.code);
      expect(idsOf(res.body)).toContain(PHN.ordinary);
    }
    const own = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Zzyzx', given: ['Quentin'] }], birthDate: '1971-07-07' }));
    expect(idsOf(own.body)).toEqual(['9000000100']);
  });
});
