// The registry's domain error: a BCHCIM code plus what was wrong, rendered by each surface in its dialect.
import type { HcimCode } from './codes.js';

/** A quoted value (or unbroken run of characters) longer than this is repeated by its start and length only. */
const QUOTED_MAX = 200;
/** How much of such a value is repeated. */
const QUOTED_START = 64;
/** Longest detail a refusal carries, whatever it quotes. */
const DETAIL_MAX = 1_000;
const LONG_VALUE = new RegExp(`"([^"]{${QUOTED_MAX + 1},})"|[^\\s"]{${QUOTED_MAX + 1},}`, 'g');

/**
 * The detail with every long value it quotes cut to its start and its length: a refusal names what was wrong
 * without echoing a 4,000-character PHN or name back whole.
 */
export function clipDetail(detail: string): string {
  const clip = (value: string) => `${value.slice(0, QUOTED_START)}… (${value.length.toLocaleString('en-CA')} characters)`;
  const clipped = detail.replace(LONG_VALUE, (run, quoted: string | undefined) => (quoted === undefined ? clip(run) : `"${clip(quoted)}"`));
  return clipped.length > DETAIL_MAX ? `${clipped.slice(0, DETAIL_MAX)}…` : clipped;
}

/** Thrown by parsing and registry logic; FHIR renders an OperationOutcome, SOAP an HL7v3 ack. */
export class HcimError extends Error {
  readonly detail: string;

  constructor(
    readonly code: HcimCode,
    detail: string,
    /** HTTP status the surfaces answer with (4xx: the caller can fix it). */
    readonly status = 400,
    /** A second, more specific code (e.g. BCHCIM.BRV.2.0003 under RP.2.0006). */
    readonly secondary?: HcimCode,
  ) {
    const clipped = clipDetail(detail);
    super(`${code.code}: ${clipped}`);
    this.detail = clipped;
  }
}
