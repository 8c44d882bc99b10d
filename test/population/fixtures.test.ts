// Named fixtures: the same records at the same ids for every seed, as seed/fixtures.json documents them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REFERENCE_DATE, NAMED_FIXTURES, summarizeFixtures } from '../../src/population/index.js';
import { smallPopulation } from './support/populations.js';

const committed = JSON.parse(readFileSync(new URL('../../seed/fixtures.json', import.meta.url), 'utf8')) as unknown;

describe('named fixtures', () => {
  it('are identical for different seeds', () => {
    const a = summarizeFixtures(smallPopulation(1));
    const b = summarizeFixtures(smallPopulation(987_654_321));
    expect(b).toEqual(a);
    expect(a.patients.every((p) => p.status !== 'missing')).toBe(true);
  });

  it('match seed/fixtures.json (regenerate with npx tsx seed/write-fixtures.ts)', () => {
    expect(summarizeFixtures(smallPopulation(5, {}, DEFAULT_REFERENCE_DATE))).toEqual(committed);
  });

  it('have the documented statuses and links', () => {
    const population = smallPopulation(2);
    const f = population.fixtures;
    expect(f).toEqual(NAMED_FIXTURES);
    expect(population.clientByPhn(f.mergedPhn)).toMatchObject({ status: 'merged', survivorPhn: f.survivorPhn });
    expect(population.clientByPhn(f.deceasedPhn)?.patient.deceasedDateTime).toBeDefined();
    expect(population.clientByPhn(f.confidentialPhn)?.status).toBe('confidential');
    expect(population.clientByPhn(f.newbornPhn)?.motherPhn).toBe(f.motherPhn);
    expect(population.answerKey()[0]).toEqual({ originalPhn: f.duplicatePair[0], duplicatePhn: f.duplicatePair[1], variant: 'nickname' });
    expect(population.clientByPhn(f.ordinaryPatientPhn)?.familyPhysicianIpc).toBe(f.familyPhysicianIpc);
  });

  it('tie the family physician to the fixture clinic, which is an Ocean site', () => {
    const population = smallPopulation(4);
    const f = population.fixtures;
    const doctor = population.providers().find((p) => p.ipc === f.familyPhysicianIpc);
    expect(doctor?.roles.some((r) => r.organization?.identifier?.value === f.familyClinicIpc)).toBe(true);
    expect(doctor?.roles.some((r) => r.location?.[0]?.identifier?.value === f.familyClinicIfc)).toBe(true);
    expect(population.oceanSites().find((s) => s.siteNum === f.familyClinicSiteNum)?.organizationIpc).toBe(f.familyClinicIpc);
  });
});
