// Receiving POS duty "Receive and attach supporting documentation": fetch the referral letter and attachments from Ocean.
import type * as fhir from '../../fhir/types.js';
import type { ReceivedDocument } from './model.js';
import type { OceanClient } from './ocean-client.js';

/** The Ocean URLs of the DocumentReferences in an add-service-request (`$letter`, `$binary`). */
export function documentUrls(bundle: fhir.Bundle, oceanFhirBase: string): Array<{ url: string; title?: string }> {
  return (bundle.entry ?? [])
    .flatMap((e) => (e.resource?.resourceType === 'DocumentReference' ? ((e.resource as fhir.DocumentReference).content ?? []) : []))
    .map((c) => ({ url: c.attachment?.url ?? '', title: c.attachment?.title }))
    .filter((d) => d.url.startsWith(oceanFhirBase));
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
