// The registry's domain error: a BCHCIM code plus what was wrong, rendered by each surface in its dialect.
import type { HcimCode } from './codes.js';

/** Thrown by parsing and registry logic; FHIR renders an OperationOutcome, SOAP an HL7v3 ack. */
export class HcimError extends Error {
  constructor(
    readonly code: HcimCode,
    readonly detail: string,
    /** HTTP status the surfaces answer with (4xx: the caller can fix it). */
    readonly status = 400,
    /** A second, more specific code (e.g. BCHCIM.BRV.2.0003 under RP.2.0006). */
    readonly secondary?: HcimCode,
  ) {
    super(`${code.code}: ${detail}`);
  }
}
