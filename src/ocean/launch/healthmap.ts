// The Healthmap search on the launched page: listings by service and by distance from the patient's home.
import type * as fhir from '../../fhir/types.js';
import { localityOfCity } from '../../population/data/geography.js';
import type { OceanListingSeed } from '../../population/types.js';

export interface ListingHit {
  listing: OceanListingSeed;
  /** Kilometres from the patient's home city, when it is known. */
  distanceKm?: number;
}

/** Where the patient lives, from the home address's city. */
export function patientPosition(patient: fhir.Patient | undefined): { latitude: number; longitude: number } | undefined {
  const city = patient?.address?.find((a) => a.city)?.city;
  if (!city) return undefined;
  try {
    const l = localityOfCity(city);
    return { latitude: l.latitude, longitude: l.longitude };
  } catch {
    return undefined;
  }
}

/** Great-circle distance in km. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Listings whose title, service or city contains `service`, nearest first, within `maxKm` when given. */
export function searchListings(listings: readonly OceanListingSeed[], patient: fhir.Patient | undefined, service: string, maxKm?: number): ListingHit[] {
  const needle = service.trim().toLowerCase();
  const home = patientPosition(patient);
  return listings
    .filter((l) => !needle || [l.title, l.specialty.display ?? '', l.kind, l.city].some((s) => s.toLowerCase().includes(needle)))
    .map((listing) => ({ listing, distanceKm: home ? Math.round(distanceKm(home, listing.position) * 10) / 10 : undefined }))
    .filter((h) => maxKm === undefined || h.distanceKm === undefined || h.distanceKm <= maxKm)
    .sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || a.listing.title.localeCompare(b.listing.title));
}
