// The matching engine without HTTP: field comparisons, blocking, thresholds and the birth-date pruning.
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { blockingKeys } from '../../src/hcim/matching/blocking.js';
import { buildBlockingIndex } from '../../src/hcim/matching/blocking-index.js';
import { demographicsOf } from '../../src/hcim/matching/demographics.js';
import { createMatchingEngine, NO_THRESHOLDS, type MatchablePerson } from '../../src/hcim/matching/engine.js';
import { areNicknames } from '../../src/hcim/matching/nicknames.js';
import { sortedDigits } from '../../src/hcim/matching/normalize.js';
import { MATCH_WEIGHTS, maxScore, scoreCandidate } from '../../src/hcim/matching/score.js';

const person = (family: string, given: string, birthDate: string, extra: Partial<fhir.Patient> = {}): fhir.Patient => ({ resourceType: 'Patient', name: [{ use: 'official', family, given: [given] }], gender: 'female', birthDate, ...extra });
const fields = (q: fhir.Patient, c: fhir.Patient) => scoreCandidate(demographicsOf(q), demographicsOf(c)).fields;
const W = MATCH_WEIGHTS;

describe('field comparison', () => {
  const base = person('Schmidt', 'Katherine', '1984-03-07');

  it('grades surnames: exact, hyphenated part, typo, phonetic only, different', () => {
    expect(fields(base, base).family).toBe(W.family.exact);
    expect(fields(base, person('Schmidt-Gill', 'Katherine', '1984-03-07')).family).toBe(W.family.hyphenPart);
    expect(fields(base, person('Schmitd', 'Katherine', '1984-03-07')).family).toBe(W.family.typo);
    expect(fields(person('Smith', 'Katherine', '1984-03-07'), base).family).toBe(W.family.phonetic);
    expect(fields(base, person('Okafor', 'Katherine', '1984-03-07')).family).toBe(W.family.mismatch);
  });

  it('grades given names: nickname, typo, initial, different', () => {
    expect(fields(base, person('Schmidt', 'Kate', '1984-03-07')).given).toBe(W.given.nickname);
    expect(fields(base, person('Schmidt', 'Katherina', '1984-03-07')).given).toBe(W.given.typo);
    expect(fields(base, person('Schmidt', 'K', '1984-03-07')).given).toBe(W.given.initial);
    expect(fields(base, person('Schmidt', 'Priya', '1984-03-07')).given).toBe(W.given.mismatch);
  });

  it('grades birth dates: day and month swapped, one digit off, same year, different', () => {
    expect(fields(base, person('Schmidt', 'Katherine', '1984-07-03')).birth).toBe(W.birth.transposed);
    expect(fields(base, person('Schmidt', 'Katherine', '1984-03-08')).birth).toBe(W.birth.typo);
    expect(fields(base, person('Schmidt', 'Katherine', '1984-11-20')).birth).toBe(W.birth.sameYear);
    expect(fields(base, person('Schmidt', 'Katherine', '1990-11-20')).birth).toBe(W.birth.mismatch);
  });

  it('compares phones by their last ten digits, postal codes without spaces and street types abbreviated', () => {
    const q = person('Schmidt', 'Katherine', '1984-03-07', { telecom: [{ system: 'phone', value: '+1 (250) 555-0101' }], address: [{ line: ['12 Cedar Street'], postalCode: 'v8v 2b2' }] });
    const c = person('Schmidt', 'Katherine', '1984-03-07', { telecom: [{ system: 'phone', value: '250-555-0101' }], address: [{ line: ['12 Cedar St'], postalCode: 'V8V2B2' }] });
    expect(fields(q, c)).toMatchObject({ phone: W.phone.exact, postal: W.postal.exact, line: W.line.exact });
  });

  it('scores a raw sum (not 0..1) whose maximum is every supplied field agreeing', () => {
    const q = demographicsOf(base);
    expect(maxScore(q)).toBe(W.family.exact + W.given.exact + W.birth.exact + W.gender.exact);
    expect(scoreCandidate(q, q).total).toBe(maxScore(q));
  });
});

describe('blocking', () => {
  it('files a record under keys that survive a surname change, a transposed date and a nickname', () => {
    const original = demographicsOf(person('Schmidt', 'Katherine', '1984-03-07', { telecom: [{ system: 'phone', value: '2505550101' }] }));
    const changed = new Set(blockingKeys(demographicsOf(person('Okafor', 'Katherine', '1984-03-07'))));
    const swapped = new Set(blockingKeys(demographicsOf(person('Schmidt', 'Katherine', '1984-07-03'))));
    const nickname = new Set(blockingKeys(demographicsOf(person('Schmidt', 'Kate', '1984-03-07'))));
    const keys = blockingKeys(original);
    for (const other of [changed, swapped, nickname]) expect(keys.some((k) => other.has(k))).toBe(true);
  });

  it('looks up every record filed under a key, and nothing for an unknown key', () => {
    const index = buildBlockingIndex([[0, ['a', 'b']], [1, ['b']], [7, ['c']]]);
    expect([...index.lookup('b')].sort()).toEqual([0, 1]);
    expect([...index.lookup('c')]).toEqual([7]);
    expect(index.lookup('zzz')).toHaveLength(0);
    expect(index.size).toBe(3);
  });
});

describe('createMatchingEngine', () => {
  const records: fhir.Patient[] = [
    person('Schmidt', 'Katherine', '1984-03-07', { id: '9000000018' }),
    person('Schmidt', 'Katie', '1984-07-03', { id: '9111111117' }),
    person('Schmidt', 'Katherine', '1951-10-30', { id: '9135724689' }),
    person('Okafor', 'Chidi', '2001-07-07', { id: '9698658215', gender: 'male' }),
  ];
  const engine = createMatchingEngine({
    *populationPatients() {
      for (const [i, p] of records.entries()) yield [i, p, undefined] as const;
    },
    current: (i): MatchablePerson => ({ phn: records[i]!.id!, patient: records[i]!, searchable: true }),
    overlay: () => [],
    populationSize: records.length,
  });

  it('ranks by raw score and leaves out records below the threshold', () => {
    const { candidates } = engine.findCandidates(person('Schmidt', 'Kate', '1984-03-07'), { limit: 10 });
    expect(candidates.map((c) => c.phn)).toEqual(['9000000018', '9111111117']);
    expect(candidates[0]!.score).toBeGreaterThan(candidates[1]!.score);
  });

  it('finds the pruned same-name record once the thresholds are lifted (pruning only drops what cannot qualify)', () => {
    const all = engine.findCandidates(person('Schmidt', 'Kate', '1984-03-07'), { limit: 10, thresholds: NO_THRESHOLDS }).candidates.map((c) => c.phn);
    expect(all).toEqual(['9000000018', '9111111117', '9135724689']);
    const exactBirth = engine.findCandidates(person('Schmidt', 'Katherine', '1951-10-30'), { limit: 10 }).candidates.map((c) => c.phn);
    expect(exactBirth).toEqual(['9135724689']);
  });

  it('says when more candidates qualified than the limit', () => {
    const r = engine.findCandidates(person('Schmidt', 'Kate', '1984-03-07'), { limit: 1 });
    expect(r).toMatchObject({ truncated: true, candidates: [{ phn: '9000000018' }] });
  });
});

describe('nickname groups', () => {
  it('treats a short form shared by two names as a nickname of both (Sam: Samuel and Samantha; Sandy: Sandra and Alexander)', () => {
    expect(areNicknames('SAM', 'SAMUEL')).toBe(true);
    expect(areNicknames('SAM', 'SAMANTHA')).toBe(true);
    expect(areNicknames('SANDY', 'SANDRA')).toBe(true);
    expect(areNicknames('SANDY', 'ALEXANDER')).toBe(true);
    expect(areNicknames('SAMUEL', 'SAMANTHA')).toBe(false);
  });
});

describe('sorted date digits (the transposed-date blocking key)', () => {
  it('sorts the digits, so any transposition gives the same key, and keeps non-digits', () => {
    expect(sortedDigits('19840307')).toBe('00134789');
    expect(sortedDigits('19840703')).toBe(sortedDigits('19840307'));
    expect(sortedDigits('19840308')).not.toBe(sortedDigits('19840307'));
    expect(sortedDigits('1984-03')).toBe('-013489');
  });
});
