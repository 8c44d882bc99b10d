// Rules a submitted ClientRegistryPatient must pass before the registry stores it (add, revise, update).
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES, type HcimCode } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import { firstBeyondBounds } from '../../validation/beyond-bounds.js';

const NAME_CHARS = /^[\p{L}' .-]*$/u;

/**
 * Longest text accepted inside a name, address, telecom, identifier or communication: a surname, given name, address
 * line, city, postal code, phone number, identifier value... (the sandbox's own bound: the Ministry publishes none).
 * Real ones are a few dozen characters at most; 200 leaves room for any compound name, and keeps what the matcher
 * compares and the registry stores the size of a name.
 */
export const MAX_DEMOGRAPHIC_TEXT = 200;

/**
 * Most names, addresses, telecoms, identifiers and communications one Patient may carry, and most entries of a list
 * inside one (given names, address lines). A person has a handful (official, usual and former names; home and
 * mailing addresses; home, work and mobile numbers; a PHN and a few source ids); 20 leaves room for a long history.
 * Each name adds blocking keys and is compared with every candidate's names, so thousands made one search, or every
 * search after one such add, take seconds.
 */
export const MAX_DEMOGRAPHIC_ENTRIES = 20;

/** The demographic elements the registry keeps from a submitted Patient (identifiers are its own). */
export function demographicPart(p: fhir.Patient): fhir.Patient {
  const out: fhir.Patient = { resourceType: 'Patient' };
  for (const key of ['meta', 'name', 'gender', 'birthDate', 'deceasedDateTime', 'deceasedBoolean', 'address', 'telecom', 'communication', 'multipleBirthBoolean'] as const) {
    if (p[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = p[key];
  }
  if (out.meta) out.meta = out.meta.tag ? { tag: out.meta.tag } : undefined;
  if (!out.meta) delete out.meta;
  return out;
}

/** The elements the registry keeps or compares that hold lists a client fills: each is bounded, item by item. */
const BOUNDED_LISTS = [
  ['name', 'names'],
  ['address', 'addresses'],
  ['telecom', 'telecoms'],
  ['identifier', 'identifiers'],
  ['communication', 'communications'],
] as const;

/**
 * Refuses what no person has, before anything compares or stores it: more than MAX_DEMOGRAPHIC_ENTRIES names,
 * addresses, telecoms, identifiers or communications, or of any list inside one (given names, address lines...),
 * and any text inside one over MAX_DEMOGRAPHIC_TEXT characters (a surname, a city, a postal code, a phone
 * number...), with the transaction's x.2.0006 naming where; the value itself is not echoed. Adds, revisions, updates
 * and searches all pass here, over FHIR and HL7v3. The request's nesting is bounded before this walk (64 levels of
 * JSON, and the HL7v3 parser's own bound).
 */
export function assertWithinBounds(p: fhir.Patient, invalid: HcimCode): void {
  for (const [key, what] of BOUNDED_LISTS) {
    const list: unknown = p[key];
    if (!Array.isArray(list)) continue;
    if (list.length > MAX_DEMOGRAPHIC_ENTRIES) throw new HcimError(invalid, `The Patient has ${list.length} ${what}; at most ${MAX_DEMOGRAPHIC_ENTRIES} are accepted.`);
    for (let i = 0; i < list.length; i++) {
      const beyond = firstBeyondBounds(list[i], `${key}[${i}]`, { entries: MAX_DEMOGRAPHIC_ENTRIES, text: MAX_DEMOGRAPHIC_TEXT });
      if (beyond?.kind === 'text') throw new HcimError(invalid, `The Patient's ${beyond.at} is ${beyond.length} characters long; at most ${MAX_DEMOGRAPHIC_TEXT} are accepted.`);
      if (beyond) throw new HcimError(invalid, `The Patient's ${beyond.at} has ${beyond.length} entries; at most ${MAX_DEMOGRAPHIC_ENTRIES} are accepted.`);
    }
  }
}

/** Names, dates and the death date must be well formed; throws RP.2.0006 / RP.2.0035. */
export function assertDemographics(p: fhir.Patient, options: { minimum: boolean }): void {
  const invalid = HCIM_CODES.rpInvalid;
  assertWithinBounds(p, invalid);
  for (const n of p.name ?? []) {
    for (const part of [n.family, ...(n.given ?? [])]) {
      if (part !== undefined && !NAME_CHARS.test(part)) throw new HcimError(invalid, `The name "${part}" contains characters a name may not have.`);
    }
    if (n.use && !['usual', 'official', 'nickname'].includes(n.use)) throw new HcimError(invalid, `name.use "${n.use}" is not allowed: use official, usual or nickname.`);
  }
  if (p.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(p.birthDate)) throw new HcimError(invalid, `birthDate "${p.birthDate}" must be a full date (YYYY-MM-DD).`);
  if (options.minimum) {
    const name = p.name?.[0];
    const missing = [!name?.family && 'surname', !name?.given?.[0] && 'given name', !p.birthDate && 'birth date', !p.gender && 'gender'].filter(Boolean);
    if (missing.length) throw new HcimError(invalid, `The minimum data set is incomplete: ${missing.join(', ')} missing.`);
  }
  if (p.deceasedDateTime && p.birthDate && p.deceasedDateTime.slice(0, 10) < p.birthDate) {
    throw new HcimError(HCIM_CODES.rpDeathBeforeBirth, `deceasedDateTime ${p.deceasedDateTime} is before birthDate ${p.birthDate}.`);
  }
}
