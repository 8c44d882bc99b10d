// Every generated resource is valid FHIR R4 (checked on a sample of clients and charts, and all of PLR).
import { describe, expect, it } from 'vitest';
import { assertValidFhir } from '../support/fhir-schema.js';
import { maskPatient } from '../../src/population/index.js';
import { smallPopulation } from './support/populations.js';

const population = smallPopulation(21);

describe('FHIR R4 JSON schema', () => {
  it('accepts the first 200 patients and their charts', () => {
    let checked = 0;
    for (let i = 0; i < 200; i++) {
      const record = population.client(i);
      assertValidFhir(record.patient);
      if (record.status === 'confidential') assertValidFhir(maskPatient(record.patient));
      for (const resource of population.chart(i)) {
        assertValidFhir(resource);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('accepts every practitioner, role and relationship', () => {
    for (const provider of population.providers()) {
      assertValidFhir(provider.practitioner);
      for (const role of provider.roles) assertValidFhir(role);
    }
  });

  it('accepts every organization, affiliation and facility', () => {
    for (const org of population.organizations()) {
      assertValidFhir(org.organization);
      for (const affiliation of org.affiliations) assertValidFhir(affiliation);
    }
    for (const facility of population.facilities()) assertValidFhir(facility.location);
  });

  it('rejects an invalid resource (the helper really validates)', () => {
    expect(() => assertValidFhir({ resourceType: 'Patient', gender: 'banana' })).toThrow(/gender/);
    expect(() => assertValidFhir({ resourceType: 'Observation', status: 'final' })).toThrow(/code/);
  });
});
