// Receiving POS duty "Receive and attach supporting documentation": fetch the referral letter and attachments from Ocean.
import type * as fhir from '../../fhir/types.js';
import type { ReceivedDocument } from './model.js';
import type { OceanClient } from './ocean-client.js';

/** The Ocean URLs of the DocumentReferences in an add-service-request (`$letter`, `$binary`). */
/**
 * Most documents the receiver fetches for one referral: Ocean offers the letter and the referral's attachments (a
 * handful), and the webhook answers anyone, so a message naming thousands of URLs would have had it render and fetch
 * each one.
 */
export const DOCUMENTS_FETCHED = 20;

export function documentUrls(bundle: fhir.Bundle, oceanFhirBase: string): Array<{ url: string; title?: string }> {
  const seen = new Set<string>();
  return (bundle.entry ?? [])
    .flatMap((e) => (e.resource?.resourceType === 'DocumentReference' ? ((e.resource as fhir.DocumentReference).content ?? []) : []))
    .map((c) => ({ url: c.attachment?.url ?? '', title: c.attachment?.title }))
    .filter((d) => d.url.startsWith(oceanFhirBase) && !seen.has(d.url) && Boolean(seen.add(d.url)))
    .slice(0, DOCUMENTS_FETCHED);
}

/** GETs each document with the receiving site's token, as a POS attaching them to its chart does. */
export async function fetchDocuments(ocean: OceanClient, siteNum: string | undefined, docs: Array<{ url: string; title?: string }>): Promise<ReceivedDocument[]> {
  const out: ReceivedDocument[] = [];
  for (const d of docs) {
    const res = await ocean.get(siteNum, d.url);
    out.push({ url: d.url, title: d.title, status: res.status, bytes: res.bytes, contentType: res.contentType });
  }
  return out;
}
