// Ocean's directory: sites and Healthmap listings tied to PLR organizations, facilities and practitioners.
import { describe, expect, it } from 'vitest';
import { createPopulation, DEFAULT_POPULATION_SIZES } from '../../src/population/index.js';

const population = createPopulation({ seed: 8, referenceDate: '2026-01-01', sizes: { ...DEFAULT_POPULATION_SIZES, patients: 20 } });
const sites = population.oceanSites();
const listings = population.oceanListings();
const orgByIpc = new Map(population.organizations().map((o) => [o.ipc, o]));
const facilityByIfc = new Map(population.facilities().map((f) => [f.ifc, f]));
const providerByIpc = new Map(population.providers().map((p) => [p.ipc, p]));

describe('Ocean sites', () => {
  it('have unique numeric site numbers and base64 32-byte shared keys', () => {
    expect(sites.length).toBeGreaterThan(40);
    expect(new Set(sites.map((s) => s.siteNum)).size).toBe(sites.length);
    for (const s of sites) {
      expect(s.siteNum).toMatch(/^\d{4,}$/);
      expect(Buffer.from(s.sharedEncryptionKey, 'base64')).toHaveLength(32);
    }
  });

  it('are PLR organizations operating from PLR facilities', () => {
    for (const s of sites) {
      const org = orgByIpc.get(s.organizationIpc);
      expect(org?.organization.name).toBe(s.name);
      expect(facilityByIfc.has(s.facilityIfc)).toBe(true);
      expect(org?.affiliations.some((a) => a.location?.[0]?.identifier?.value === s.facilityIfc)).toBe(true);
    }
  });
});

describe('Healthmap listings', () => {
  it('offer diagnostic imaging, community services and specialists', () => {
    expect(new Set(listings.map((l) => l.kind))).toEqual(new Set(['diagnostic-imaging', 'community-service', 'specialist']));
  });

  it('use slug-digits refs that are unique', () => {
    for (const l of listings) expect(l.ref).toMatch(/^[a-z0-9_]{1,20}-\d{7,8}$/);
    expect(new Set(listings.map((l) => l.ref)).size).toBe(listings.length);
  });

  it('resolve to a site, a PLR organization and facility, and PLR practitioners in good standing', () => {
    const siteNums = new Set(sites.map((s) => s.siteNum));
    for (const l of listings) {
      expect(siteNums.has(l.siteNum)).toBe(true);
      expect(orgByIpc.has(l.organizationIpc)).toBe(true);
      const facility = facilityByIfc.get(l.facilityIfc);
      expect(facility?.location.position).toEqual(l.position);
      expect(facility?.location.address?.city).toBe(l.city.toUpperCase());
      expect(l.practitionerIpcs.length).toBeGreaterThan(0);
      for (const ipc of l.practitionerIpcs) expect(providerByIpc.get(ipc)?.practitioner.active).toBe(true);
      expect(l.specialty.system).toBe('http://snomed.info/sct');
    }
  });

  it('route imaging listings to radiologists and specialist listings to specialists of that specialty', () => {
    for (const l of listings.filter((x) => x.kind === 'diagnostic-imaging')) {
      const expertise = l.practitionerIpcs.flatMap((ipc) => providerByIpc.get(ipc)?.roles[0]?.specialty?.map((s) => s.coding?.[0]?.code) ?? []);
      expect(expertise).toContain('117');
    }
    for (const l of listings.filter((x) => x.kind === 'specialist')) {
      for (const ipc of l.practitionerIpcs) expect(providerByIpc.get(ipc)?.roles[0]?.code?.[0]?.coding?.[0]?.code).toBe('MD');
    }
  });

  it('include the fixture imaging listing at the fixture imaging centre, read by the fixture radiologist', () => {
    const listing = listings.find((l) => l.ref === population.fixtures.imagingListingRef);
    const f = population.fixtures;
    expect(listing).toMatchObject({ title: 'Broadway Medical Imaging - MRI', kind: 'diagnostic-imaging', city: 'Vancouver' });
    expect(listing).toMatchObject({ siteNum: f.imagingSiteNum, organizationIpc: f.imagingOrganizationIpc, facilityIfc: f.imagingFacilityIfc });
    expect(listing?.practitionerIpcs).toContain(population.fixtures.radiologistIpc);
  });
});
