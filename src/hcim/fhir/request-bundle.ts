// Reads an HCIM FHIR request: the collection Bundle (or Parameters.operationBundle) into its parts.
import { randomUUID } from 'node:crypto';
import type * as fhir from '../../fhir/types.js';
import { invalidCodeOf, type HcimTransaction } from '../codes.js';
import { MAX_MESSAGE_ID_LENGTH } from '../../store/index.js';
import { HcimError } from '../hcim-error.js';

/** The parts of a request Bundle (bc-*-request-bundle profiles). */
export interface HcimRequest {
  messageId: string;
  identifiersOnly: boolean;
  history: boolean;
  patient?: fhir.Patient;
  /** Mother (newborn searches and adds): relationship NMTH. */
  relatedPerson?: fhir.RelatedPerson;
  /** The merge parameters (R5-style $merge inputs), when the payload is a Parameters. */
  mergeParameters?: fhir.Parameters;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses the body; throws the transaction's invalid-message code (x.2.0006) saying what is wrong.
 * See: https://bcgov.github.io/MOH-HCIM-FHIR/ (OperationsBundles.fsh, OperationDefinition-bc-patient-add-notes)
 */
export function parseRequestBundle(body: unknown, txn: HcimTransaction): HcimRequest {
  const fail = (detail: string): never => {
    throw new HcimError(invalidCodeOf(txn), detail);
  };
  if (!isObject(body)) return fail('The request body must be a FHIR Bundle (type collection), or a Parameters resource with an "operationBundle" parameter.');
  let bundle: Json = body;
  // A merge may come as the bare R5-style $merge Parameters (the IG's Merge-Min-Request): it has no MetadataParametersIn,
  // so no message id of its own; it gets one, and cannot be told apart from a resend.
  if (txn === 'PM' && body.resourceType === 'Parameters' && Array.isArray(body.parameter) && (body.parameter as unknown[]).some((p) => isObject(p) && typeof p.name === 'string' && /^(target|source)-patient/.test(p.name))) {
    return { messageId: `merge-${randomUUID()}`, identifiersOnly: false, history: false, mergeParameters: body as unknown as fhir.Parameters };
  }
  if (body.resourceType === 'Parameters') {
    const param = Array.isArray(body.parameter) ? (body.parameter as unknown[]).find((p) => isObject(p) && p.name === 'operationBundle') : undefined;
    if (!isObject(param) || !isObject(param.resource)) return fail('The Parameters body must carry the request Bundle in a parameter named "operationBundle" (parameter.resource).');
    bundle = param.resource;
  }
  if (bundle.resourceType !== 'Bundle') return fail(`The request must be a Bundle, not ${String(bundle.resourceType ?? 'a resource without resourceType')}.`);
  if (bundle.type !== 'collection') return fail(`The request Bundle must have type "collection", not "${String(bundle.type)}".`);
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  if (entries.length < 2) return fail('The request Bundle needs at least two entries: the MetadataParametersIn (Parameters with messageId) and the Patient.');
  const resources: Json[] = [];
  entries.forEach((e, i) => {
    if (!isObject(e) || !isObject(e.resource) || typeof e.resource.resourceType !== 'string') fail(`Bundle.entry[${i}] has no resource.`);
    else resources.push(e.resource);
  });
  const [meta, ...rest] = resources;
  if (meta?.resourceType !== 'Parameters') return fail('Bundle.entry[0] must be the MetadataParametersIn Parameters resource (messageId, identifiersOnly, history).');
  const params = Array.isArray(meta.parameter) ? (meta.parameter as unknown[]).filter(isObject) : [];
  const value = (name: string): unknown => {
    const p = params.find((x) => x.name === name);
    return p ? (p.valueString ?? p.valueBoolean ?? p.valueId ?? p.valueDateTime) : undefined;
  };
  const messageId = value('messageId');
  if (typeof messageId !== 'string' || messageId.trim() === '') return fail('MetadataParametersIn must contain a non-empty "messageId" (valueString).');
  if (messageId.length > MAX_MESSAGE_ID_LENGTH) return fail(`The "messageId" is ${messageId.length} characters long; at most ${MAX_MESSAGE_ID_LENGTH} are accepted.`);
  const request: HcimRequest = {
    messageId,
    identifiersOnly: value('identifiersOnly') === true,
    history: value('history') === true || value('withHistory') === true,
  };
  for (const r of rest) {
    if (r.resourceType === 'Patient') {
      if (request.patient) fail('The request Bundle may contain only one Patient.');
      request.patient = r as unknown as fhir.Patient;
    } else if (r.resourceType === 'RelatedPerson') {
      if (request.relatedPerson) fail('The request Bundle may contain only one RelatedPerson.');
      request.relatedPerson = r as unknown as fhir.RelatedPerson;
    } else if (r.resourceType === 'Parameters' && txn === 'PM') {
      request.mergeParameters = r as unknown as fhir.Parameters;
    } else {
      fail(`A ${String(r.resourceType)} is not allowed in this request Bundle.`);
    }
  }
  return request;
}
