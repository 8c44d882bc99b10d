// $AddPatient, $RevisePatient, $UpdatePatient, $MergePatient and their .Async variants (202, then a call-back).
import type { Delivery } from '../../delivery/index.js';
import type { FhirHandler, FhirRequest } from '../../fhir/index.js';
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES, type HcimTransaction } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import { addPatient, type WriteResult } from '../services/add-patient.js';
import type { Caller, HcimContext } from '../services/context.js';
import { mergePatient, mergeSubjects } from '../services/merge-patient.js';
import { revisePatient, updatePatient } from '../services/revise-patient.js';
import type { CallbackRegistry } from '../notifications/callbacks.js';
import { hcimOperation } from './operation.js';
import { renderPatient } from './patient-view.js';
import type { HcimRequest } from './request-bundle.js';
import { collectionResponseBundle } from './response-bundle.js';
import { viewOptions } from './view-options.js';
import { CALLBACK_CORRELATION } from '../../journal/index.js';

export interface WriteHandlers {
  add: FhirHandler;
  revise: FhirHandler;
  update: FhirHandler;
  merge: FhirHandler;
  addAsync: FhirHandler;
  reviseAsync: FhirHandler;
  updateAsync: FhirHandler;
  mergeAsync: FhirHandler;
}

type Write = (request: HcimRequest, caller: Caller) => WriteResult;

export function createWriteHandlers(ctx: HcimContext, delivery: Delivery, callbacks: CallbackRegistry): WriteHandlers {
  const respond = (write: Write) => (request: HcimRequest, caller: Caller, req: FhirRequest) => responseOf(ctx, write(request, caller), request, req.baseUrl);
  const sync = (txn: HcimTransaction, write: Write): FhirHandler =>
    hcimOperation(ctx, txn, (request, caller, req) => {
      const bundle = respond(write)(request, caller, req);
      const correlation: Record<string, string> = bundle.phn ? { phn: bundle.phn } : {};
      return { resource: bundle.bundle, correlation };
    }, { requireUser: true });
  const async = (txn: HcimTransaction, operation: string, write: Write): FhirHandler =>
    hcimOperation(ctx, txn, (request, caller, req) => {
      const endpoint = callbacks.get(caller.partner);
      if (!endpoint) {
        throw new HcimError(HCIM_CODES.rpInvalid, `Partner "${caller.partner}" has no async call-back endpoint: register one with POST /admin/hcim/callbacks {"partner", "url"} before calling $${operation}.Async.`, 422);
      }
      const { bundle, phn } = respond(write)(request, caller, req);
      delivery.enqueue({
        channel: 'hcim',
        partner: caller.partner,
        url: `${endpoint.url.replace(/\/$/, '')}/Patient/$${operation}`,
        method: 'POST',
        body: JSON.stringify(bundle),
        contentType: 'application/fhir+json',
        headers: endpoint.headers,
        correlation: { message: request.messageId, ...(phn ? { phn } : {}), [CALLBACK_CORRELATION]: operation },
      });
      const ack = collectionResponseBundle({ requestMessageId: request.messageId, code: HCIM_CODES.rpAccepted, timestamp: ctx.clock.iso(), baseUrl: req.baseUrl });
      return { status: 202, resource: ack };
    }, { requireUser: true });
  const add: Write = (r, c) => addPatient(ctx, c, r.patient, r.relatedPerson);
  const revise: Write = (r, c) => revisePatient(ctx, c, r.patient);
  const update: Write = (r, c) => updatePatient(ctx, c, r.patient);
  const merge: Write = (r, c) => mergePatient(ctx, c, mergeSubjects(r.mergeParameters, r.patient));
  return {
    add: sync('RP', add),
    revise: sync('RP', revise),
    update: sync('RP', update),
    merge: sync('PM', merge),
    addAsync: async('RP', 'AddPatient', add),
    reviseAsync: async('RP', 'RevisePatient', revise),
    updateAsync: async('RP', 'UpdatePatient', update),
    mergeAsync: async('PM', 'MergePatient', merge),
  };
}

function responseOf(ctx: HcimContext, result: WriteResult, request: HcimRequest, baseUrl: string): { bundle: fhir.Bundle; phn?: string } {
  const patient = result.person ? renderPatient(result.person, viewOptions(ctx, result.person, request)) : undefined;
  const diagnostics = result.warning ? `${result.warning.code}: ${result.warning.text}` : undefined;
  return { bundle: collectionResponseBundle({ requestMessageId: request.messageId, code: result.code, diagnostics, patient, timestamp: ctx.clock.iso(), baseUrl }), phn: result.person?.phn };
}
