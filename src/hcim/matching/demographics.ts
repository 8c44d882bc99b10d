// The comparable view of a person: normalized fields taken from a FHIR Patient (record or query).
import type * as fhir from '../../fhir/types.js';
import { nicknameGroups } from './nicknames.js';
import { dateDigits, normalizeLine, normalizeName, normalizePhone, normalizePostal, soundex, surnameParts } from './normalize.js';

/** One normalized name of a person. */
export interface NameKey {
  family: string;
  familyParts: string[];
  familySoundex: string;
  given: string;
  /** Canonical names of the given name's nickname groups (blocking keys are filed under each). */
  givenGroups: readonly string[];
}

/** Normalized demographics; empty strings mean "not given". The first name is the primary one. */
export interface Demographics extends NameKey {
  /** Every distinct name (official, usual, others), the primary first. */
  names: NameKey[];
  /** YYYYMMDD. */
  birth: string;
  gender: string;
  phones: string[];
  postal: string;
  line: string;
}

/** The name a matcher compares: official (documented/declared) first, else usual, else the first. */
export function primaryName(patient: Pick<fhir.Patient, 'name'>): fhir.HumanName | undefined {
  const names = patient.name ?? [];
  return names.find((n) => n.use === 'official') ?? names.find((n) => n.use === 'usual') ?? names[0];
}

/** Builds the normalized demographics of a Patient (`cache` keeps name keys across many records). */
export function demographicsOf(patient: Pick<fhir.Patient, 'name' | 'telecom' | 'gender' | 'birthDate' | 'address'>, cache?: NameKeyCache): Demographics {
  const primary = primaryName(patient);
  const names: NameKey[] = [];
  const seen = new Set<string>();
  if (primary) addName(names, seen, nameKeyOf(primary, cache));
  for (const n of patient.name ?? []) if (n !== primary) addName(names, seen, nameKeyOf(n, cache));
  const first = names[0] ?? nameKeyOf({});
  const address = patient.address?.find((a) => a.use !== 'old') ?? patient.address?.[0];
  const phones: string[] = [];
  for (const t of patient.telecom ?? []) {
    if (t.system !== undefined && t.system !== 'phone') continue;
    const p = normalizePhone(t.value);
    if (p.length >= 7) phones.push(p);
  }
  return {
    family: first.family,
    familyParts: first.familyParts,
    familySoundex: first.familySoundex,
    given: first.given,
    givenGroups: first.givenGroups,
    names,
    birth: dateDigits(patient.birthDate),
    gender: patient.gender ?? '',
    phones,
    postal: normalizePostal(address?.postalCode),
    line: normalizeLine(address?.line?.[0]),
  };
}

/**
 * Adds a name with a surname or a given name, unless `names` has it already. `seen` holds the names added, so a
 * record with many names costs one look-up each (comparing each with every earlier one was quadratic). Normalized
 * names are letters only, so "|" cannot occur in either part.
 */
function addName(names: NameKey[], seen: Set<string>, key: NameKey): void {
  if (!key.family && !key.given) return;
  const id = `${key.family}|${key.given}`;
  if (seen.has(id)) return;
  seen.add(id);
  names.push(key);
}

/** Normalized surnames and given names already computed: they repeat a lot across a population. */
export interface NameKeyCache {
  family(raw: string): Pick<NameKey, 'family' | 'familyParts' | 'familySoundex'>;
  given(raw: string): Pick<NameKey, 'given' | 'givenGroups'>;
}

/** A bounded cache for an index build (each map emptied when full, so memory stays bounded). */
export function createNameKeyCache(max = 50_000): NameKeyCache {
  const memo = <T>(compute: (raw: string) => T) => {
    const known = new Map<string, T>();
    return (raw: string): T => {
      let v = known.get(raw);
      if (v === undefined) {
        if (known.size >= max) known.clear();
        known.set(raw, (v = compute(raw)));
      }
      return v;
    };
  };
  return { family: memo(familyKey), given: memo(givenKey) };
}

function familyKey(raw: string): Pick<NameKey, 'family' | 'familyParts' | 'familySoundex'> {
  const family = normalizeName(raw);
  return Object.freeze({ family, familyParts: surnameParts(raw), familySoundex: soundex(family) });
}

function givenKey(raw: string): Pick<NameKey, 'given' | 'givenGroups'> {
  const given = normalizeName(raw);
  return Object.freeze({ given, givenGroups: given ? nicknameGroups(given) : [] });
}

function nameKeyOf(name: fhir.HumanName, cache?: NameKeyCache): NameKey {
  const f = cache ? cache.family(name.family ?? '') : familyKey(name.family ?? '');
  const g = cache ? cache.given(name.given?.[0] ?? '') : givenKey(name.given?.[0] ?? '');
  return { family: f.family, familyParts: f.familyParts, familySoundex: f.familySoundex, given: g.given, givenGroups: g.givenGroups };
}
