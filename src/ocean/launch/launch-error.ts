// A launch that cannot go on: which step failed and what the EHR's developer should do about it.

/** The steps of an EHR launch into Ocean, in order. */
export type LaunchStep = 'request' | 'issuer' | 'discovery' | 'authorize' | 'token' | 'id_token' | 'fhir';

/** Stops the launch with a page that says what failed (never a 500). */
export class LaunchError extends Error {
  constructor(
    readonly step: LaunchStep,
    message: string,
    /** HTTP status of the error page: 400 for a bad launch request, 403 for an unknown issuer, 502 for a failing EHR. */
    readonly status = 502,
    /** What to run or configure to fix it, shown as a code block. */
    readonly fix?: string,
  ) {
    super(message);
  }
}
