// deriveComposite: the documented identity locked, every other attribute the newest source's that has it.
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { deriveComposite } from '../../src/hcim/registry/composite.js';
import type { SourceRecord } from '../../src/hcim/registry/person.js';

const AT = '2026-03-02T09:00:00.000Z';
const base: fhir.Patient = {
  resourceType: 'Patient',
  name: [{ use: 'official', family: 'Smith', given: ['Robert'] }, { use: 'usual', family: 'Smith', given: ['Bob'] }],
  gender: 'male',
  birthDate: '1970-04-12',
  telecom: [{ system: 'phone', value: '250-555-0101' }],
};
const source = (partner: string, patient: Partial<fhir.Patient>, at = AT, seq?: number): SourceRecord => ({ partner, system: `urn:${partner}`, value: '1', phn: '9876543218', patient: { resourceType: 'Patient', ...patient }, updatedAt: at, ...(seq === undefined ? {} : { seq }) });

describe('deriveComposite', () => {
  it("is the base record's demographics when no source files any", () => {
    expect(deriveComposite({ base, sources: [] }).patient).toEqual(base);
  });

  it('orders records filed at one instant by their filing sequence, the later first', () => {
    const sources = [source('b', { telecom: [{ value: 'B' }] }, AT, 2), source('a', { telecom: [{ value: 'A' }] }, AT, 1)];
    expect(deriveComposite({ base, sources }).patient.telecom).toEqual([{ value: 'B' }]);
    expect(deriveComposite({ base, sources: [source('a', { telecom: [{ value: 'A' }] }, '2026-03-02T09:00:01.000Z', 1), sources[0]!] }).patient.telecom).toEqual([{ value: 'A' }]);
  });

  it('replaces the declared names as one attribute and never the documented ones', () => {
    const { patient } = deriveComposite({ base, sources: [source('a', { name: [{ use: 'official', family: 'Smyth', given: ['Rob'] }, { use: 'nickname', given: ['Robbie'] }], birthDate: '1971-01-01', gender: 'female' })] });
    expect(patient.name).toEqual([{ use: 'official', family: 'Smith', given: ['Robert'] }, { use: 'nickname', given: ['Robbie'] }]);
    expect([patient.gender, patient.birthDate]).toEqual(['male', '1970-04-12']);
  });

  it("takes a person without a base record's documented attributes from its sources too", () => {
    const { patient } = deriveComposite({ sources: [source('a', { name: [{ use: 'official', family: 'Quimby', given: ['Ramona'] }], birthDate: '2011-05-05', gender: 'female' }, AT, 1), source('b', { birthDate: '2011-05-06' }, AT, 2)] });
    expect([patient.name?.[0]?.family, patient.birthDate, patient.gender]).toEqual(['Quimby', '2011-05-06', 'female']);
  });

  it("names who filed the death date it shows, and keeps a death on the base record (Vital Statistics') whatever a source files", () => {
    expect(deriveComposite({ base, sources: [source('a', { deceasedDateTime: '2026-02-20' })] })).toEqual({ patient: { ...base, deceasedDateTime: '2026-02-20' }, deathFiledBy: 'a' });
    const verified = { ...base, deceasedDateTime: '2025-11-02' };
    expect(deriveComposite({ base: verified, sources: [source('a', { deceasedBoolean: false })] })).toEqual({ patient: verified });
  });
});
