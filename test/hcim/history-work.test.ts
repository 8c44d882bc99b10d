// $GetDemographics with `history` lists each earlier name and address once: checked against a set of those already
// listed, not compared with every one (100 revisions of 20 names and addresses took 16 s in one request).
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { renderPatient } from '../../src/hcim/fhir/patient-view.js';
import type { Person } from '../../src/hcim/registry/person.js';

const AT = (r: number) => `2026-01-${String((r % 28) + 1).padStart(2, '0')}T00:00:00.000Z`;
const version = (r: number, kept = 0): fhir.Patient => ({
  resourceType: 'Patient',
  name: Array.from({ length: 20 }, (_, i) => ({ use: i === 0 ? ('official' as const) : undefined, family: i < kept ? `Kept${i}` : `F${r}X${i}`, given: ['Ann'] })),
  address: Array.from({ length: 20 }, (_, i) => ({ line: [i < kept ? `${i} Kept St` : `${r} ${i} Main St`], postalCode: 'V8V 1A1' })),
});
const revised = (revisions: number, kept = 0): Person => ({
  phn: '9000000100',
  status: 'active',
  patient: version(revisions, kept),
  history: Array.from({ length: revisions }, (_, r) => ({ at: AT(r), patient: version(r, kept) })),
});

describe('renderPatient with history', () => {
  it('lists every earlier name and address once, newest revision first, closed when it was replaced', () => {
    const out = renderPatient(revised(3, 5), { history: true });
    expect(out.name).toHaveLength(20 + 3 * 15);
    expect(out.address).toHaveLength(20 + 3 * 15);
    expect(out.name!.slice(0, 20).every((n) => n.period === undefined)).toBe(true);
    expect(out.name![20]).toEqual({ family: 'F2X5', given: ['Ann'], period: { end: AT(2) } });
    expect(out.name!.at(-1)).toEqual({ family: 'F0X19', given: ['Ann'], period: { end: AT(0) } });
    expect(out.name!.filter((n) => n.family === 'Kept0')).toHaveLength(1);
    expect(out.address!.filter((a) => a.line?.[0] === '4 Kept St')).toHaveLength(1);
  });

  it('does work in proportion to the entries listed: 30 revisions of 20 names and addresses', () => {
    const person = revised(30);
    const stringify = JSON.stringify;
    let calls = 0;
    JSON.stringify = ((...args: Parameters<typeof stringify>) => ((calls += 1), stringify(...args))) as typeof stringify;
    let out: fhir.Patient;
    try {
      out = renderPatient(person, { history: true });
    } finally {
      JSON.stringify = stringify;
    }
    expect(out.name).toHaveLength(20 * 31);
    expect(out.address).toHaveLength(20 * 31);
    // Comparing each earlier entry with every one listed before it serialised hundreds of thousands (16 s at 100 revisions).
    expect(calls).toBeLessThan(4 * (out.name!.length + out.address!.length));
  });
});
