// The launched page's Healthmap: listings by service and by distance from the patient's home city; actions pick the view.
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { distanceKm, searchListings } from '../../src/ocean/launch/healthmap.js';
import { viewOf } from '../../src/ocean/launch/launched-page.js';
import { localityOfCity } from '../../src/population/data/geography.js';
import type { OceanListingSeed } from '../../src/population/types.js';

const vancouver = localityOfCity('Vancouver');
const listing = (ref: string, title: string, display: string, city: string, position: { latitude: number; longitude: number }): OceanListingSeed => ({
  ref, title, siteNum: '1001', kind: 'specialist', specialty: { system: 'http://snomed.info/sct', code: '1', display }, organizationIpc: 'o', facilityIfc: 'f', practitionerIpcs: [], position, city,
});
const LISTINGS = [
  listing('far-1', 'Northern Orthopaedics', 'Orthopaedic surgery', 'Prince George', { latitude: 53.9171, longitude: -122.7497 }),
  listing('near-1', 'Downtown Physio', 'Physiotherapy', 'Vancouver', { latitude: vancouver.latitude, longitude: vancouver.longitude }),
  listing('mid-1', 'Island MRI', 'Magnetic resonance imaging', 'Victoria', { latitude: 48.4284, longitude: -123.3656 }),
];
const patient: fhir.Patient = { resourceType: 'Patient', address: [{ city: 'Vancouver' }] };

describe('Healthmap search', () => {
  it('lists every listing nearest first, with its distance from the patient home', () => {
    const hits = searchListings(LISTINGS, patient, '');
    expect(hits.map((h) => h.listing.ref)).toEqual(['near-1', 'mid-1', 'far-1']);
    expect(hits[0]!.distanceKm).toBe(0);
    expect(hits[1]!.distanceKm).toBeCloseTo(Math.round(distanceKm(vancouver, LISTINGS[2]!.position) * 10) / 10, 5);
  });
  it('filters by service, title or city, case-insensitively', () => {
    expect(searchListings(LISTINGS, patient, 'magnetic').map((h) => h.listing.ref)).toEqual(['mid-1']);
    expect(searchListings(LISTINGS, patient, 'prince george').map((h) => h.listing.ref)).toEqual(['far-1']);
  });
  it('keeps only listings within the distance asked for', () => {
    expect(searchListings(LISTINGS, patient, '', 150).map((h) => h.listing.ref)).toEqual(['near-1', 'mid-1']);
  });
  it('sorts by title without distances when the patient has no known home city', () => {
    const hits = searchListings(LISTINGS, { resourceType: 'Patient' }, '', 10);
    expect(hits.map((h) => h.listing.title)).toEqual(['Downtown Physio', 'Island MRI', 'Northern Orthopaedics']);
    expect(hits.every((h) => h.distanceKm === undefined)).toBe(true);
  });
});

describe('the action parameter', () => {
  it('lands viewMap-like actions on the Healthmap, referDirect/addForm on the form, portal/sendMessage on the portal', () => {
    expect(['viewMap', 'viewHealthServices', 'searchHealthMap', 'viewReferralFacourite'].map(viewOf)).toEqual(['viewMap', 'viewMap', 'viewMap', 'viewMap']);
    expect(['referDirect', 'addForm'].map(viewOf)).toEqual(['referDirect', 'referDirect']);
    expect(['portal', 'sendMessage'].map(viewOf)).toEqual(['portal', 'portal']);
  });
});
