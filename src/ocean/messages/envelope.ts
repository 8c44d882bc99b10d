// The pieces every Ocean outbound message shares: urn:uuid entries, meta (profile + HTEST), the Bundle.
import { randomUUID } from 'node:crypto';
import type * as fhir from '../../fhir/types.js';
import { HTEST, profileOf, type PayloadVersion } from '../codes.js';

/** Ocean's entries: `urn:uuid:` fullUrls, resources without ids, references by fullUrl (docs/ocean.md#outbound-add-service-request). */
export interface Entry<T extends fhir.FhirResource = fhir.FhirResource> {
  fullUrl: string;
  resource: T;
}

/** A reference to an entry, as Ocean writes it (the fullUrl). */
export const refTo = (e: Entry): fhir.Reference => ({ reference: e.fullUrl });

/** Gives a resource its profile and the test-data label, and wraps it in a fresh urn:uuid entry. */
export function entry<T extends fhir.FhirResource>(resource: T, version: PayloadVersion, uuid: string = randomUUID()): Entry<T> {
  const { resourceType, ...rest } = resource as T & { resourceType: string };
  const stamped = { resourceType, meta: { profile: [profileOf(resourceType, version)], security: [{ ...HTEST }] }, ...rest } as unknown as T;
  return { fullUrl: `urn:uuid:${uuid}`, resource: stamped };
}

/**
 * The message Bundle: id, meta.lastUpdated + HTEST, type message, timestamp, then the MessageHeader entry
 * whose fullUrl is the bare header id (no `urn:uuid:`), then the other entries in order.
 */
export function oceanBundle(header: fhir.MessageHeader & { id: string }, entries: Entry[], timestamp: string): fhir.Bundle {
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: timestamp, security: [{ ...HTEST }] },
    type: 'message',
    timestamp,
    entry: [{ fullUrl: header.id, resource: header }, ...entries.map((e) => ({ fullUrl: e.fullUrl, resource: e.resource }))],
  };
}
