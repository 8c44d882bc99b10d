// Reads an inbound message Bundle the way Ocean tolerates them: usable -> warnings, unusable -> 4xx.
import { invalid, required, structure } from '../../fhir/errors.js';
import type * as fhir from '../../fhir/types.js';
import { EVENT_SYSTEM } from '../codes.js';
import { contentHash } from './content-hash.js';

/** A parsed inbound message: the header, its event, every resource, a reference resolver, warnings. */
export interface InboundMessage {
  bundle: fhir.Bundle;
  header: fhir.MessageHeader;
  /** The event code as sent. */
  event: string;
  /** The header id, else the Bundle id (Ocean's clients omit one or the other). */
  messageId?: string;
  /** Where messageId was read. */
  messageIdAt?: 'MessageHeader.id' | 'Bundle.id';
  /** contentHash of the whole Bundle, to tell a resent message from another one under the same id. */
  hash: string;
  resources: fhir.FhirResource[];
  /** Resolves `urn:uuid:x`, `Type/id`, or an absolute URL ending in `Type/id`. */
  resolve(reference: fhir.Reference | undefined): fhir.FhirResource | undefined;
  /** Resources of a type, the header's focus first. */
  ofType<T extends fhir.FhirResource>(type: T['resourceType']): T[];
  warnings: string[];
  /** What the sandbox accepted though the real Ocean may refuse it, one short reason each (see tolerate). */
  lenient: string[];
  /**
   * Accepts a departure the real Ocean may refuse: a warning saying so, and a reason the journal entry carries
   * (LENIENT_CORRELATION), so the conformance worksheet does not count the message as a pass.
   */
  tolerate(reason: string, warning: string): void;
}

/**
 * Parses `$process-messages` input. Entries may carry fullUrl, id, or both (OTI sends only `resource`,
 * the autorouter fullUrl + id); references may be urn:uuid or Type/id (docs/ocean.md#message-bundles).
 */
export function parseMessage(body: unknown): InboundMessage {
  const bundle = body as fhir.Bundle | undefined;
  if (!bundle || typeof bundle !== 'object' || Array.isArray(bundle)) throw structure('the body must be a FHIR Bundle of type "message"');
  if (bundle.resourceType !== 'Bundle') throw structure(`the body must be a Bundle, not ${String((bundle as { resourceType?: unknown }).resourceType ?? 'a resource without resourceType')}`);
  // FHIR R4 messaging: a message is a Bundle of type "message", and bdl-12 puts its MessageHeader first.
  // See: https://hl7.org/fhir/R4/messaging.html, https://hl7.org/fhir/R4/bundle.html#invs
  if (bundle.type !== 'message') {
    const sent = bundle.type === undefined ? 'it is missing' : `not "${String(bundle.type)}"`;
    throw invalid(`Bundle.type must be "message" for $process-messages, ${sent}`, { expression: ['Bundle.type'] });
  }
  const warnings: string[] = [];
  const lenient: string[] = [];
  const tolerate = (reason: string, warning: string) => {
    lenient.push(reason);
    warnings.push(`${warning}; accepted here, but Ocean may refuse it`);
  };
  if (!Array.isArray(bundle.entry) || bundle.entry.length === 0) throw required('the message Bundle has no entries; the first entry must be the MessageHeader', { expression: ['Bundle.entry'] });
  const resources: fhir.FhirResource[] = [];
  const byKey = new Map<string, fhir.FhirResource>();
  bundle.entry.forEach((e, i) => {
    const r = e?.resource;
    if (!r || typeof r !== 'object' || typeof r.resourceType !== 'string') throw structure(`Bundle.entry[${i}] has no resource with a resourceType`, { expression: [`Bundle.entry[${i}].resource`] });
    resources.push(r);
    if (e.fullUrl) byKey.set(e.fullUrl, r);
    if (r.id) {
      byKey.set(`${r.resourceType}/${r.id}`, r);
      byKey.set(`urn:uuid:${r.id}`, r);
    }
    if (!e.fullUrl && !r.id) warnings.push(`Bundle.entry[${i}] (${r.resourceType}) has neither fullUrl nor id, so nothing can reference it`);
  });
  const first = resources[0]!;
  if (first.resourceType !== 'MessageHeader') {
    const elsewhere = resources.some((r) => r.resourceType === 'MessageHeader');
    const why = elsewhere ? 'move the MessageHeader to the first entry' : 'the message has no MessageHeader; put one first, with eventCoding';
    throw (elsewhere ? invalid : required)(`the first entry of a message Bundle must be its MessageHeader, not a ${first.resourceType}: ${why}`, { expression: ['Bundle.entry[0].resource'] });
  }
  const header = first as fhir.MessageHeader;
  const coding = header.eventCoding;
  if (!coding?.code) throw required('MessageHeader.eventCoding.code is missing; it names the event (e.g. notify-update-process-request)', { expression: ['MessageHeader.eventCoding'] });
  // A code of another system is not Ocean's event, whatever it is spelt; FHIR R4 requires source.endpoint (1..1). A
  // missing profile is only a warning: a message claiming no profile is not invalid for it.
  if (coding.system !== EVENT_SYSTEM) tolerate('MessageHeader.eventCoding.system not Ocean\'s', `MessageHeader.eventCoding.system should be ${EVENT_SYSTEM}, not ${coding.system ?? '(none)'}`);
  if (!header.meta?.profile?.length) warnings.push('MessageHeader.meta.profile is missing; Ocean reads the iGuide version (|1.0.0 = v0.10, |1.0.1 = v0.11) from it');
  if (!header.source?.endpoint) tolerate('MessageHeader.source.endpoint missing', 'MessageHeader.source.endpoint is required by FHIR R4');

  const resolve = (ref: fhir.Reference | undefined): fhir.FhirResource | undefined => {
    const key = ref?.reference;
    if (!key) return undefined;
    if (byKey.has(key)) return byKey.get(key);
    return byKey.get(lastTypeAndId(key) ?? '');
  };
  const focus = (header.focus ?? []).map(resolve).filter((r): r is fhir.FhirResource => Boolean(r));
  const ofType = <T extends fhir.FhirResource>(type: T['resourceType']): T[] => {
    const all = resources.filter((r) => r.resourceType === type) as T[];
    const first = focus.filter((r) => r.resourceType === type) as T[];
    // A Set: with thousands of resources all in focus, `includes` made this quadratic.
    const focused = new Set<fhir.FhirResource>(first);
    return [...first, ...all.filter((r) => !focused.has(r))];
  };
  if (typeof coding.code !== 'string') throw invalid('MessageHeader.eventCoding.code must be a string');
  const messageIdAt = header.id !== undefined ? 'MessageHeader.id' : bundle.id !== undefined ? 'Bundle.id' : undefined;
  return {
    bundle,
    header,
    event: coding.code,
    messageId: header.id ?? bundle.id,
    ...(messageIdAt ? { messageIdAt } : {}),
    hash: contentHash(bundle, messageIdAt === 'MessageHeader.id'),
    resources,
    resolve,
    ofType,
    warnings,
    lenient,
    tolerate,
  };
}

/** `Type/id` from the end of a relative or absolute reference, by splitting (a regex anchored at `$` was quadratic). */
function lastTypeAndId(reference: string): string | undefined {
  const parts = reference.split('/');
  if (parts.length < 2) return undefined;
  const [type, id] = parts.slice(-2) as [string, string];
  return /^[A-Za-z]+$/.test(type) && id ? `${type}/${id}` : undefined;
}
