// The index build keys the population's people (Population.clientDemographics: the Patient's demographic elements
// only, no narrative, identifiers or family doctor) and hashes their blocking keys without building the key strings.
// Pinned here: the result is byte-identical to the index keyed from the rendered FHIR Patients with string keys.
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { blockingKeys, createKeyHasher, hashKey } from '../../src/hcim/matching/blocking.js';
import { createBlockingIndexBuilder } from '../../src/hcim/matching/blocking-index.js';
import { demographicsOf } from '../../src/hcim/matching/demographics.js';
import { normalizeLine } from '../../src/hcim/matching/normalize.js';
import { indexShard, motherKey, peopleOf, recordsOf } from '../../src/hcim/matching/population-index.js';
import { createClientDemographics } from '../../src/population/client-demographics.js';
import { createPopulation } from '../../src/population/index.js';
import type { Population } from '../../src/population/types.js';

const populationOf = (seed: number, patients: number): Population =>
  createPopulation({ seed, referenceDate: '2026-01-01', sizes: { patients, practitioners: 120, organizations: 30, facilities: 40 } });

/** The index's pairs and birth dates as the build made them before: string keys from the rendered Patients. */
function referenceShard(population: Population, from: number, to: number) {
  const builder = createBlockingIndexBuilder();
  const births = new Uint32Array(to - from);
  for (let i = from; i < to; i++) {
    const c = population.client(i);
    const d = demographicsOf(c.patient);
    births[i - from] = d.birth ? Number(d.birth) : 0;
    const keys = blockingKeys(d);
    if (c.motherPhn) keys.push(motherKey(c.motherPhn));
    builder.add(i, keys);
  }
  return { births, pairs: builder.pairs() };
}

describe('the population index keyed from the people', () => {
  for (const seed of [5, 2_026]) {
    it(`is byte-identical to the index keyed from the rendered Patients (seed ${seed}, every role, the fixtures)`, () => {
      const population = populationOf(seed, 3_000);
      const made = indexShard(peopleOf(population, 0, 3_000), 0, 3_000, () => undefined);
      const reference = referenceShard(population, 0, 3_000);
      expect(made.births).toEqual(reference.births);
      expect(made.pairs.n).toBe(reference.pairs.n);
      expect(made.pairs.hashes).toEqual(reference.pairs.hashes);
      expect(made.pairs.owners).toEqual(reference.pairs.owners);
      // A share in the middle, as a worker indexes it.
      const share = indexShard(peopleOf(population, 1_234, 2_345), 1_234, 2_345, () => undefined);
      const shareReference = referenceShard(population, 1_234, 2_345);
      expect(share.births).toEqual(shareReference.births);
      expect(share.pairs.hashes).toEqual(shareReference.pairs.hashes);
      expect(share.pairs.owners).toEqual(shareReference.pairs.owners);
    });
  }

  it('reads the same demographics from a client\'s demographic elements as from its Patient', () => {
    const population = populationOf(7, 2_000);
    let mothers = 0;
    for (let i = 0; i < 2_000; i++) {
      const full = population.client(i);
      const lean = population.clientDemographics!(i);
      expect(lean.index).toBe(i);
      expect(lean.motherPhn).toBe(full.motherPhn);
      expect(demographicsOf(lean.patient)).toEqual(demographicsOf(full.patient));
      if (lean.motherPhn) mothers += 1;
    }
    expect(mothers).toBeGreaterThan(5);
  });

  it('regenerates the same people from the options alone (what a worker thread does)', () => {
    const population = populationOf(11, 1_000);
    const people = createClientDemographics(population.generatedFrom!);
    for (let i = 0; i < 1_000; i++) expect(people(i)).toEqual(population.clientDemographics!(i));
    expect(() => people(1_000)).toThrow(RangeError);
    expect(() => createClientDemographics({ ...population.options, referenceDate: 'not a date' })).toThrow(RangeError);
  });

  it('is the same index whether fed rendered records or people', () => {
    const population = populationOf(9, 1_500);
    const fromRecords = indexShard(recordsOf(population), 0, 1_500, () => undefined);
    const fromPeople = indexShard(peopleOf(population, 0, 1_500), 0, 1_500, () => undefined);
    expect(fromPeople.pairs.hashes).toEqual(fromRecords.pairs.hashes);
    expect(fromPeople.pairs.owners).toEqual(fromRecords.pairs.owners);
    expect(fromPeople.births).toEqual(fromRecords.births);
  });
});

describe('blocking key hashes without the key strings', () => {
  const hashesOf = (patient: fhir.Patient): number[] => {
    const hasher = createKeyHasher();
    const n = hasher.hash(demographicsOf(patient));
    return [...hasher.hashes.subarray(0, n)];
  };
  const expected = (patient: fhir.Patient): number[] => blockingKeys(demographicsOf(patient)).map(hashKey);

  it('gives the hashes of blockingKeys, in its order, each distinct key once', () => {
    const patients: fhir.Patient[] = [
      { resourceType: 'Patient', name: [{ use: 'official', family: 'Lévesque-Tremblay', given: ['Élodie', 'Marie'] }, { use: 'usual', family: 'Lévesque-Tremblay', given: ['Ellie'] }], birthDate: '1980-02-29', gender: 'female', telecom: [{ system: 'phone', value: '+1 (604) 555-0142' }, { system: 'phone', value: '604 555 0142' }, { system: 'email', value: 'x@example.com' }], address: [{ line: ['305-1234 West 4th Avenue'], postalCode: 'v6k 1n6' }] },
      { resourceType: 'Patient', name: [{ family: "O'Brien", given: ['Robert'] }, { use: 'nickname', family: "O'Brien", given: ['Bob'] }, { use: 'official', family: 'OBrien', given: ['Robert'] }] },
      { resourceType: 'Patient', name: [{ given: ['Jennifer'] }], birthDate: '1999', telecom: [{ value: '555' }] },
      { resourceType: 'Patient', birthDate: '2001-12-03', address: [{ use: 'old', line: ['1 Old Rd'] }, { line: ['  12  Main   Street '], postalCode: 'V5K0A3' }] },
      { resourceType: 'Patient', name: [{ use: 'official', family: 'Singh Dhillon', given: ['Amrit', 'Kaur'] }, { use: 'usual', family: 'Kaur', given: ['Amrit'] }], birthDate: '1990-03-08' },
      { resourceType: 'Patient' },
    ];
    for (const p of patients) expect(hashesOf(p)).toEqual(expected(p));
    const population = populationOf(3, 500);
    for (let i = 0; i < 500; i++) expect(hashesOf(population.client(i).patient)).toEqual(expected(population.client(i).patient));
  });
});

describe('the one-pass address line normalisation', () => {
  const STREET: Record<string, string> = { STREET: 'ST', AVENUE: 'AVE', AV: 'AVE', ROAD: 'RD', DRIVE: 'DR', BOULEVARD: 'BLVD', CRESCENT: 'CRES', PLACE: 'PL', COURT: 'CRT', CT: 'CRT', LANE: 'LN', WAY: 'WAY', HIGHWAY: 'HWY' };
  const byRegex = (text: string): string =>
    text.toUpperCase().replace(/[^A-Z0-9 ]/g, ' ').split(/\s+/).filter(Boolean).map((w) => STREET[w] ?? w).join(' ');

  it('gives what the regular expressions give, for any printable ASCII and beyond', () => {
    const lines = ['305-1234 West 4th Avenue', '  12  Main   street ', 'PO Box 1234', '1-2-3', 'a\tb', 'Rue Saint-Jean', '12 Côte Ave', 'Straße 5', '@[`{~', ''];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0);
    for (let k = 0; k < 2_000; k++) lines.push(Array.from({ length: next() % 24 }, () => String.fromCharCode(32 + (next() % 95))).join(''));
    for (const line of lines) expect(normalizeLine(line)).toBe(line ? byRegex(line) : '');
  });
});
