// Wraps an HCIM operation as a FHIR handler: parse the request Bundle, claim a write's message id, render errors.
import { fhirError, type FhirBoom, type FhirHandler, type FhirRequest, type FhirResult, type RouteDef, type ShapeProblem } from '../../fhir/index.js';
import { HCIM_CODES, invalidCodeOf, refusesReusedMessageId, type HcimTransaction } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import type { Caller, HcimContext } from '../services/context.js';
import { assertEmpiAvailable, awaitMatchIndex } from '../services/empi-availability.js';
import { parseRequestBundle, type HcimRequest } from './request-bundle.js';
import { hcimOutcome } from './response-bundle.js';

export type OperationBody = (request: HcimRequest, caller: Caller, req: FhirRequest) => FhirResult;

/** The partner a request acts for: the token's partner claim, or `demo` when auth is off. */
export function callerOf(req: FhirRequest): Caller {
  return { partner: req.partner ?? 'demo', userId: req.headers.userid };
}

/** Builds the handler of one operation; HcimErrors become OperationOutcomes with the BCHCIM code. */
export function hcimOperation(ctx: HcimContext, txn: HcimTransaction, body: OperationBody, options: { requireUser?: boolean } = {}): FhirHandler {
  return async (req) => {
    try {
      const request = parseRequestBundle(req.body, txn);
      const caller = callerOf(req);
      if (options.requireUser && !caller.userId) throw new HcimError(invalidCodeOf(txn), 'The UserId header (e.g. "UserId: bsmith@IDIR") is required on updates.');
      assertEmpiAvailable(ctx.faults, txn, caller.partner);
      await awaitMatchIndex(ctx.engine, txn);
      if (refusesReusedMessageId(txn) && !ctx.registry.claimMessageId(caller.partner, request.messageId, ctx.clock.iso())) {
        throw new HcimError(HCIM_CODES.rpDuplicateMessage, `The messageId "${request.messageId}" was already used by ${caller.partner}; send a new messageId with each write.`, 409);
      }
      const result = body(request, caller, req);
      return { ...result, correlation: { message: request.messageId, ...result.correlation } };
    } catch (err) {
      if (err instanceof HcimError) throw fhirError(err.status, hcimOutcome(err.code, { diagnostics: err.detail, second: err.secondary }));
      throw err;
    }
  };
}

/**
 * The largest body HCIM's FHIR operations read. A request is one Patient (or a mother's RelatedPerson) in a small
 * Bundle: a few KB, some 50 KB at the registry's own limits on names and lengths. Parsing and walking the general
 * 5 MiB limit held the event loop 200-500 ms before any refusal; 512 KiB costs a tenth of that.
 */
export const HCIM_FHIR_BODY_BYTES = 512 * 1024;

/** A request element of the wrong JSON type: the operation's invalid-message code (x.2.0006), naming the element. */
export function hcimShapeError(problem: ShapeProblem, route: RouteDef): FhirBoom {
  const txn: HcimTransaction = route.name.startsWith('GetDemographics') ? 'GD' : route.name.startsWith('FindCandidates') ? 'FC' : 'RP';
  return fhirError(400, hcimOutcome(invalidCodeOf(txn), { diagnostics: `${problem.path} ${problem.message}` }));
}
