// The error catalogue: named factories returning a Boom whose data is the OperationOutcome to send.
import Boom from '@hapi/boom';
import { operationOutcome, type IssueInput } from './outcome.js';
import type * as fhir from './types.js';

/** A Boom carrying the OperationOutcome (and optional headers) the error middleware renders. */
/** `correlation`: ids the journal files the refused exchange under (the referral a refused message was about). */
export type FhirBoom = Boom.Boom<{ outcome: fhir.OperationOutcome; headers?: Record<string, string>; correlation?: Record<string, string> }>;

/** Wraps an outcome in a Boom with the given HTTP status. */
export function fhirError(status: number, outcome: fhir.OperationOutcome, headers?: Record<string, string>): FhirBoom {
  const message = outcome.issue[0]?.diagnostics ?? outcome.issue[0]?.details?.text ?? 'error';
  return new Boom.Boom(message, { statusCode: status, data: { outcome, headers } }) as FhirBoom;
}

const make =
  (status: number, code: IssueInput['code']) =>
  (diagnostics: string, extra: Omit<IssueInput, 'diagnostics' | 'code'> = {}): FhirBoom =>
    fhirError(status, operationOutcome({ ...extra, code, diagnostics }));

/** 400: the request is malformed or fails validation. */
export const invalid = make(400, 'invalid');
/** 400: a structural problem with the content (bad JSON, wrong resourceType). */
export const structure = make(400, 'structure');
/** 400: a code the receiver does not know (an unknown event, status or format value). */
export const codeInvalid = make(400, 'code-invalid');
/** 400: a required element or parameter is missing. */
export const required = make(400, 'required');
/** 401: no or bad credentials. */
export const unauthorized = (diagnostics: string, challenge = 'Bearer'): FhirBoom =>
  fhirError(401, operationOutcome({ code: 'login', diagnostics }), { 'WWW-Authenticate': challenge });
/** 403: authenticated but not allowed. */
export const forbidden = make(403, 'forbidden');
/** 404: no such resource. */
export const notFound = make(404, 'not-found');
/** 404: no such route. */
export const unknownRoute = make(404, 'not-supported');
/** 405: the route exists but not for this method. */
export const methodNotAllowed = (diagnostics: string, allow: string[]): FhirBoom =>
  fhirError(405, operationOutcome({ code: 'not-supported', diagnostics }), { Allow: allow.join(', ') });
/** 406: the client asked for a format the sandbox does not produce. */
export const notAcceptable = make(406, 'not-supported');
/** 409: conflicting state (duplicate message id, version clash). */
export const conflict = make(409, 'conflict');
/** 410: the resource existed and is gone. */
export const gone = make(410, 'deleted');
/** 413: the body is over the limit. */
export const tooLarge = make(413, 'too-costly');
/** 415: the body's content type is not accepted. */
export const unsupportedMediaType = make(415, 'not-supported');
/** 422: well-formed but breaks a business rule. */
export const businessRule = make(422, 'business-rule');
/** 501: a real FHIR interaction the simulated system does not support. */
export const notSupported = make(501, 'not-supported');
/** 500: a bug; the detail goes to the log, not the client. */
export const exception = make(500, 'exception');

/** True when the error carries an OperationOutcome from this catalogue. */
export function isFhirBoom(err: unknown): err is FhirBoom {
  return Boom.isBoom(err) && typeof err.data === 'object' && err.data !== null && 'outcome' in err.data;
}
