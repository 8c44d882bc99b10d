// Bundle builders: searchset, collection, message, batch-response and transaction-response.
import { randomUUID } from 'node:crypto';
import type * as fhir from './types.js';

export interface BundleOptions {
  /** Bundle.timestamp (and meta.lastUpdated); pass the simulated clock's ISO time. */
  timestamp?: string;
  id?: string;
}

function base(
  type: fhir.Bundle['type'],
  entry: fhir.BundleEntry[],
  options: BundleOptions & { total?: number; link?: fhir.BundleLink[] },
): fhir.Bundle {
  const bundle: fhir.Bundle = options.timestamp
    ? { resourceType: 'Bundle', id: options.id ?? randomUUID(), meta: { lastUpdated: options.timestamp }, type }
    : { resourceType: 'Bundle', id: options.id ?? randomUUID(), type };
  if (options.timestamp) bundle.timestamp = options.timestamp;
  if (options.total !== undefined) bundle.total = options.total;
  if (options.link) bundle.link = options.link;
  bundle.entry = entry;
  return bundle;
}

/** The fullUrl a resource has on a server: `{baseUrl}/{type}/{id}`, or a fresh urn:uuid. */
export function fullUrlOf(resource: fhir.FhirResource, baseUrl?: string): string {
  return baseUrl && resource.id ? `${baseUrl}/${resource.resourceType}/${resource.id}` : `urn:uuid:${randomUUID()}`;
}

/**
 * A searchset. Matches get `search.mode: match`, included resources `include`, and an optional
 * leading OperationOutcome `outcome`. See: https://hl7.org/fhir/R4/bundle.html#searchset
 */
export function searchsetBundle(
  matches: fhir.FhirResource[],
  options: BundleOptions & {
    baseUrl?: string;
    selfUrl?: string;
    total?: number;
    includes?: fhir.FhirResource[];
    outcome?: fhir.OperationOutcome;
  } = {},
): fhir.Bundle {
  const entry: fhir.BundleEntry[] = [];
  if (options.outcome) entry.push({ fullUrl: `urn:uuid:${randomUUID()}`, resource: options.outcome, search: { mode: 'outcome' } });
  for (const r of matches) entry.push({ fullUrl: fullUrlOf(r, options.baseUrl), resource: r, search: { mode: 'match' } });
  for (const r of options.includes ?? []) entry.push({ fullUrl: fullUrlOf(r, options.baseUrl), resource: r, search: { mode: 'include' } });
  const link = options.selfUrl ? [{ relation: 'self', url: options.selfUrl }] : undefined;
  return base('searchset', entry, { ...options, total: options.total ?? matches.length, link });
}

/** A collection of resources, each with a fullUrl. */
export function collectionBundle(resources: fhir.FhirResource[], options: BundleOptions & { baseUrl?: string } = {}): fhir.Bundle {
  return base('collection', resources.map((r) => ({ fullUrl: fullUrlOf(r, options.baseUrl), resource: r })), options);
}

/** A message Bundle: the MessageHeader first, then the other entries as given. */
export function messageBundle(header: fhir.MessageHeader, entries: fhir.BundleEntry[], options: BundleOptions = {}): fhir.Bundle {
  const headerEntry: fhir.BundleEntry = { fullUrl: header.id ? `urn:uuid:${header.id}` : `urn:uuid:${randomUUID()}`, resource: header };
  return base('message', [headerEntry, ...entries], options);
}

export interface ResponseEntryInput {
  status: string;
  location?: string;
  outcome?: fhir.OperationOutcome;
  resource?: fhir.FhirResource;
}

function responseEntries(items: ResponseEntryInput[]): fhir.BundleEntry[] {
  return items.map((i) => {
    const e: fhir.BundleEntry = { response: { status: i.status } };
    if (i.location) e.response!.location = i.location;
    if (i.outcome) e.response!.outcome = i.outcome;
    if (i.resource) e.resource = i.resource;
    return e;
  });
}

/** A batch-response: one entry per request entry, in order. */
export function batchResponseBundle(items: ResponseEntryInput[], options: BundleOptions = {}): fhir.Bundle {
  return base('batch-response', responseEntries(items), options);
}

/** A transaction-response: one entry per request entry, in order. */
export function transactionResponseBundle(items: ResponseEntryInput[], options: BundleOptions = {}): fhir.Bundle {
  return base('transaction-response', responseEntries(items), options);
}
