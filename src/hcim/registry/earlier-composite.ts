// The registry's own record of what a person's composite shows that no partner's source record explains, so later
// writes layer over it instead of dropping it (docs/hcim.md, "Source records and the composite").
import type * as fhir from '../../fhir/types.js';
import { PHN_SYSTEM } from '../identifiers.js';
import { COMPOSITE_ATTRIBUTES, deriveComposite, sameAttribute } from './composite.js';
import type { Person, SourceRecord } from './person.js';

/**
 * The partner such a record is filed under. No partner can have the name (partner names are lower-case letters,
 * digits and `-`), and its identifier is the PHN itself, which answers never list as a source record identifier.
 */
export const EARLIER_COMPOSITE_PARTNER = 'hcim-sandbox:earlier-composite';

export const isEarlierComposite = (s: Readonly<SourceRecord>): boolean => s.partner === EARLIER_COMPOSITE_PARTNER;

export interface EarlierCompositeInput {
  person: Readonly<Person>;
  /** The person's base record (population persons); its documented identity is locked, so never kept here. */
  base?: Readonly<fhir.Patient>;
  /** The person's stored records. */
  records: ReadonlyArray<Readonly<SourceRecord>>;
  /** The record a write just filed under another PHN, as it was here: it explained this composite until now. */
  departed?: Readonly<SourceRecord>;
  at: string;
  seq: number;
}

/**
 * The record keeping the attributes of the person's stored composite that deriving it again from the base record
 * and the records (with the one that just departed) would not give: changes an older sandbox stored with no source
 * record behind them (it took an UpdatePatient without an SRI into the composite alone). A person without a base
 * record whose every source record departed keeps all of its composite this way rather than becoming empty.
 * Timed after every record it explains the composite over, before the write at hand. Undefined when nothing needs it.
 */
export function earlierCompositeRecord({ person, base, records, departed, at, seq }: EarlierCompositeInput): SourceRecord | undefined {
  const explainedBy = departed ? [...records, departed] : records;
  const everything = !base && departed !== undefined && records.every(isEarlierComposite);
  const derived: fhir.Patient = everything ? { resourceType: 'Patient' } : deriveComposite({ base, sources: explainedBy }).patient;
  const existing = records.find((s) => isEarlierComposite(s) && s.value === person.phn);
  const patient: fhir.Patient = existing ? { ...existing.patient } : { resourceType: 'Patient' };
  let kept = false;
  for (const attribute of COMPOSITE_ATTRIBUTES) {
    if (base && (attribute.documented === 'always' || (attribute.documented === 'when-base-has-it' && base.deceasedDateTime))) continue;
    if (attribute.of(person.patient) === undefined || sameAttribute(attribute, person.patient, derived)) continue;
    attribute.copy(person.patient, patient);
    kept = true;
  }
  if (!kept) return undefined;
  const latest = [person.updatedAt, ...explainedBy.map((s) => s.updatedAt)].reduce<string>((a, b) => (b && b > a ? b : a), '') || at;
  return { partner: EARLIER_COMPOSITE_PARTNER, system: PHN_SYSTEM, value: person.phn, phn: person.phn, patient, updatedAt: latest < at ? latest : at, seq };
}
