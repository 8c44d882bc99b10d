// The composite record of a person, derived from its base record and its source records (HCIM's EMPI keeps one record
// per source and derives what everyone reads; https://bcgov.github.io/MOH-HCIM-FHIR/reviseAndMerge.html).
import type * as fhir from '../../fhir/types.js';
import type { SourceRecord } from './person.js';
import { sourceKey } from './store-keys.js';

/** What the registry stores as a person's `patient`, and who filed the death date it shows. */
export interface Composite {
  patient: fhir.Patient;
  /** The partner of the source record whose death date the composite shows; none for the base record's. */
  deathFiledBy?: string;
}

export interface CompositeInput {
  /**
   * The registry's own record of the person: the population's generated Patient, whose official name, birth date and
   * gender are its documented identity (as issued with a BC Services Card). None for a person a POS added.
   */
  base?: Readonly<fhir.Patient>;
  sources: ReadonlyArray<Readonly<SourceRecord>>;
}

/** Newest first: the later write, then (one clock instant) the later filing, then the key, so the order is total. */
export function newerFirst(a: Readonly<SourceRecord>, b: Readonly<SourceRecord>): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  if ((a.seq ?? 0) !== (b.seq ?? 0)) return (b.seq ?? 0) - (a.seq ?? 0);
  const [ka, kb] = [sourceKey(a.partner, a.system, a.value), sourceKey(b.partner, b.system, b.value)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const present = <T>(list: readonly T[] | undefined): readonly T[] | undefined => (list?.length ? list : undefined);
/** HL7v3 name use `C` (License/Card, the documented name) is FHIR `official`; every other use is declared (`L`). */
const documentedNames = (p: Readonly<fhir.Patient>) => present(p.name?.filter((n) => n.use === 'official'));
const declaredNames = (p: Readonly<fhir.Patient>) => present(p.name?.filter((n) => n.use !== 'official'));
const deathOf = (p: Readonly<fhir.Patient>) => (p.deceasedDateTime !== undefined || p.deceasedBoolean !== undefined ? { deceasedDateTime: p.deceasedDateTime, deceasedBoolean: p.deceasedBoolean } : undefined);

/** One attribute the composite is derived by: how it is read from a Patient, and how it is written into one. */
export interface CompositeAttribute {
  /** The attribute's value in `p`, read as deriveComposite reads it; undefined when `p` has none. */
  of(p: Readonly<fhir.Patient>): unknown;
  /** Writes `from`'s value of the attribute into `to`, replacing `to`'s. */
  copy(from: Readonly<fhir.Patient>, to: fhir.Patient): void;
  /** Part of a documented identity: a base record's value is locked (the death date only when the base has one). */
  documented?: 'always' | 'when-base-has-it';
}

const names = (keep: (n: fhir.HumanName) => boolean): CompositeAttribute => ({
  of: (p) => present(p.name?.filter(keep)),
  copy: (from, to) => {
    const name = [...(to.name ?? []).filter((n) => !keep(n)), ...(from.name ?? []).filter(keep)];
    if (name.length) to.name = name;
    else delete to.name;
  },
});
const field = <K extends keyof fhir.Patient>(...keys: K[]): Pick<CompositeAttribute, 'copy'> => ({
  copy: (from, to) => {
    for (const k of keys) {
      if (from[k] === undefined) delete to[k];
      else to[k] = from[k] as fhir.Patient[K];
    }
  },
});

/** Every attribute of a composite (what a source record can give it). */
export const COMPOSITE_ATTRIBUTES: readonly CompositeAttribute[] = [
  { of: (p) => present(p.meta?.tag), copy: (from, to) => void (from.meta?.tag?.length ? (to.meta = { tag: [...from.meta.tag] }) : delete to.meta) },
  { ...names((n) => n.use === 'official'), documented: 'always' },
  names((n) => n.use !== 'official'),
  { of: (p) => p.gender, ...field('gender'), documented: 'always' },
  { of: (p) => p.birthDate, ...field('birthDate'), documented: 'always' },
  { of: deathOf, ...field('deceasedDateTime', 'deceasedBoolean'), documented: 'when-base-has-it' },
  { of: (p) => present(p.address), ...field('address') },
  { of: (p) => present(p.telecom), ...field('telecom') },
  { of: (p) => present(p.communication), ...field('communication') },
  { of: (p) => p.multipleBirthBoolean, ...field('multipleBirthBoolean') },
];

/** True when `a` reads the same in both Patients (what deriveComposite would take from each is the same). */
export const sameAttribute = (a: CompositeAttribute, x: Readonly<fhir.Patient>, y: Readonly<fhir.Patient>): boolean => JSON.stringify(a.of(x)) === JSON.stringify(a.of(y));

/** True when some composite attribute differs between two Patients (a stored record, a derived composite). */
export const compositeDiffers = (x: Readonly<fhir.Patient>, y: Readonly<fhir.Patient>): boolean => COMPOSITE_ATTRIBUTES.some((a) => !sameAttribute(a, x, y));

/**
 * Derives the composite, attribute by attribute:
 * - a documented identity (a base record: its official names, birth date and gender) is locked: no source changes it,
 *   and a death date on the base record (Vital Statistics') neither;
 * - every other attribute (the documented ones too, for a person without a base record) is the newest source record's
 *   that has one (declared names, address, telecom, communication, death date, multiple birth, tags), else the base
 *   record's. So a source that ends its own attribute shows what another source filed, not nothing.
 * Names come documented first, then declared: consumers prefer the documented name.
 */
export function deriveComposite({ base, sources }: CompositeInput): Composite {
  const newest = [...sources].sort(newerFirst);
  const pick = <T>(of: (p: Readonly<fhir.Patient>) => T | undefined): { value?: T; from?: Readonly<SourceRecord> } => {
    for (const source of newest) {
      const value = of(source.patient);
      if (value !== undefined) return { value, from: source };
    }
    return { value: base && of(base) };
  };
  const locked = <T>(of: (p: Readonly<fhir.Patient>) => T | undefined): T | undefined => (base ? of(base) : pick(of).value);
  const death = base?.deceasedDateTime ? { value: deathOf(base) } : pick(deathOf);
  const patient: fhir.Patient = { resourceType: 'Patient' };
  const tag = pick((p) => present(p.meta?.tag)).value;
  if (tag) patient.meta = { tag: [...tag] };
  const name = [...(locked(documentedNames) ?? []), ...(pick(declaredNames).value ?? [])];
  if (name.length) patient.name = name;
  const gender = locked((p) => p.gender);
  if (gender) patient.gender = gender;
  const birthDate = locked((p) => p.birthDate);
  if (birthDate) patient.birthDate = birthDate;
  if (death.value?.deceasedDateTime !== undefined) patient.deceasedDateTime = death.value.deceasedDateTime;
  if (death.value?.deceasedBoolean !== undefined) patient.deceasedBoolean = death.value.deceasedBoolean;
  const address = pick((p) => present(p.address)).value;
  if (address) patient.address = [...address];
  const telecom = pick((p) => present(p.telecom)).value;
  if (telecom) patient.telecom = [...telecom];
  const communication = pick((p) => present(p.communication)).value;
  if (communication) patient.communication = [...communication];
  const multipleBirth = pick((p) => p.multipleBirthBoolean).value;
  if (multipleBirth !== undefined) patient.multipleBirthBoolean = multipleBirth;
  const composite: Composite = { patient };
  if (patient.deceasedDateTime && death.from) composite.deathFiledBy = death.from.partner;
  return composite;
}
