// PHN checks shared by every operation: digits, the mod-11 check digit, and the identifier systems.
import type * as fhir from '../../fhir/types.js';
import { isValidPhn } from '../../population/phn.js';
import { HCIM_CODES, type HcimCode } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import { LEGACY_PHN_SYSTEMS, LEGACY_SRI_SYSTEMS, PHN_SYSTEM, SRI_SYSTEM_PATTERN } from '../identifiers.js';

export const isPhnSystem = (system: string | undefined): boolean => system === PHN_SYSTEM || (system !== undefined && LEGACY_PHN_SYSTEMS.includes(system));
export const isSriSystem = (system: string | undefined): boolean => system !== undefined && (SRI_SYSTEM_PATTERN.test(system) || LEGACY_SRI_SYSTEMS.includes(system));

/** Strips the legacy 13-digit zero padding. */
export function normalizePhnText(value: string): string {
  const v = value.trim();
  return /^0{3}9\d{9}$/.test(v) ? v.slice(3) : v;
}

/**
 * Throws the transaction's invalid code when the PHN is not ten digits starting with 9, or with
 * BCHCIM.BRV.2.0003 ("PHN Checksum has failed") when the mod-11 check digit is wrong (docs/hcim.md#phn-check-digit).
 */
export function assertPhn(value: string, invalid: HcimCode, what = 'PHN'): string {
  const phn = normalizePhnText(value);
  if (phn === '') throw new HcimError(invalid, `The ${what} is empty.`, 400, HCIM_CODES.schEmptyId);
  if (!/^9\d{9}$/.test(phn)) throw new HcimError(invalid, `The ${what} "${value}" must be 10 digits starting with 9.`, 400, HCIM_CODES.brvChecksum);
  if (!isValidPhn(phn)) throw new HcimError(invalid, `The ${what} "${value}" fails the PHN check digit (mod 11).`, 400, HCIM_CODES.brvChecksum);
  return phn;
}

/** The PHN identifier of a resource, if it has one. */
export function phnOf(identifiers: readonly fhir.Identifier[] | undefined): fhir.Identifier | undefined {
  return identifiers?.find((i) => isPhnSystem(i.system));
}

/** The source record identifier (SRI, use official or unset) of a resource, if it has one. */
export function sriOf(identifiers: readonly fhir.Identifier[] | undefined): fhir.Identifier | undefined {
  return identifiers?.find((i) => isSriSystem(i.system) && i.use !== 'secondary');
}
