// BC Personal Health Number check digit (the Ministry's mod-11 rule, as in bcgov/moh-hnweb).

/** Weights applied to digits 2..9 of a PHN. See docs/hcim.md#phn-check-digit. */
export const PHN_WEIGHTS: readonly number[] = [2, 4, 8, 5, 10, 9, 7, 3];

/**
 * Check digit for the first nine digits of a PHN, or undefined when none exists:
 * a weighted sum with remainder 0 or 1 (check 11 or 10) makes every PHN with that prefix invalid.
 * Throws RangeError unless given exactly nine digits.
 */
export function phnCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError(`Expected nine digits, got "${firstNine}"`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (Number(firstNine.charCodeAt(i + 1) - 48) * (PHN_WEIGHTS[i] ?? 0)) % 11;
  const remainder = sum % 11;
  return remainder < 2 ? undefined : 11 - remainder;
}

/** True for ten digits starting with 9 whose last digit is the mod-11 check digit (remainders 0 and 1 rejected). */
export function isValidPhn(phn: string): boolean {
  if (!/^9\d{9}$/.test(phn)) return false;
  return phnCheckDigit(phn.slice(0, 9)) === phn.charCodeAt(9) - 48;
}
