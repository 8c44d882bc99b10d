// An Ocean webhook message for the reference receiver's tests: a referral (with a letter to fetch, if asked).
import type { Sandbox } from '../../../src/app.js';

const REF_SYSTEM = 'https://ocean.cognisantmd.com/fhir/id-ereferral-reference';

/** An Ocean message for referral `ref`; with `letter`, a DocumentReference the receiver fetches a minute later. */
export function oceanMessage(sandbox: Sandbox, event: string, ref: string, letter = false): object {
  const doc = { resourceType: 'DocumentReference', status: 'current', content: [{ attachment: { url: `${sandbox.deps.config.baseUrl}/ocean/svc/fhir/v1/DocumentReference/${ref}/$letter`, title: 'Letter' } }] };
  return {
    resourceType: 'Bundle',
    type: 'message',
    entry: [
      { fullUrl: 'urn:uuid:0c1b5f0e-0000-4000-8000-000000000001', resource: { resourceType: 'MessageHeader', eventCoding: { code: event }, source: { endpoint: 'https://ocean.example' } } },
      ...(letter ? [{ fullUrl: 'urn:uuid:0c1b5f0e-0000-4000-8000-000000000002', resource: doc }] : []),
      { fullUrl: 'urn:uuid:0c1b5f0e-0000-4000-8000-000000000003', resource: { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { display: 'Pat Test' }, identifier: [{ system: REF_SYSTEM, value: ref }] } },
    ],
  };
}
