// The one way a write changes a person (FHIR and HL7v3 alike): file the caller's source record, derive the composite
// from the base record and every source record, keep the earlier composite in history, store it, notify.
import type { ClientStatus } from '../../population/types.js';
import { HCIM_CODES } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import type { ChangeEvent } from '../notifications/notifier.js';
import { compositeDiffers, deriveComposite } from '../registry/composite.js';
import { earlierCompositeRecord } from '../registry/earlier-composite.js';
import { isMasked, type Person, type SourceRecord } from '../registry/person.js';
import { sourceKey } from '../registry/store-keys.js';
import type { HcimContext } from './context.js';

/** A source record as a write hands it in: where and when it is filed is set when it is. */
export type FiledRecord = Omit<SourceRecord, 'phn' | 'updatedAt' | 'seq'>;

export interface CompositeChange {
  /** The caller's source record, replacing its stored version. */
  record?: FiledRecord;
  /** A merge: the non-survivor, whose source records the survivor takes (and its confidentiality, when it has it). */
  nonSurvivor?: Readonly<Person>;
  /** A person being added: there is no earlier composite to keep in history. */
  added?: boolean;
  /** Re-deriving the person a record left: that record as it was here. */
  departed?: Readonly<SourceRecord>;
}

/** A derived composite not stored yet: everything that could refuse the write has been checked. */
export interface PendingComposite {
  /**
   * Stores the records and the person, re-derives a person the caller's record moved away from, and sends `event`
   * (by default COMPOSITE, or DEATH when the person just died, and nothing when the composite did not change).
   */
  commit(event?: ChangeEvent): Person;
}

const keyOf = (s: Readonly<SourceRecord>): string => sourceKey(s.partner, s.system, s.value);

/** `records` with `record` in place of the one under its key, last. */
const withRecord = (records: ReadonlyArray<Readonly<SourceRecord>>, record: Readonly<SourceRecord>): Array<Readonly<SourceRecord>> => [
  ...records.filter((s) => keyOf(s) !== keyOf(record)),
  record,
];

/**
 * A confidential client stays confidential (masked) whatever is filed, and so does the survivor of a merge with one:
 * its data would otherwise show in clear on the survivor. Otherwise the composite's death date decides.
 */
const statusOf = (person: Readonly<Person>, nonSurvivor: Readonly<Person> | undefined, deceased: boolean): ClientStatus =>
  isMasked(person) || (nonSurvivor && isMasked(nonSurvivor)) ? 'confidential' : deceased ? 'deceased' : 'active';

/**
 * Derives `person`'s composite with `change` applied (the caller's record replacing its stored version, merged-in
 * records joining) over what its stored composite shows that no record explains, without storing anything. Throws
 * RP.2.0035 when the caller's record makes the composite die before it was born.
 * The composite is stored, so reads never derive.
 */
export function recompose(ctx: HcimContext, person: Person, change: CompositeChange = {}): PendingComposite {
  const now = ctx.clock.iso();
  const base = ctx.registry.baseOf(person.phn);
  let seq = ctx.registry.nextSeq();
  // What the stored composite shows that no record explains is filed first (its own record), so this write layers
  // over it rather than dropping it; a merge's non-survivor brings its own along with its records.
  const stored = ctx.registry.recordsOf(person.phn);
  const earlier = earlierCompositeRecord({ person, base, records: stored, departed: change.departed, at: now, seq });
  if (earlier) seq += 1;
  const joining = change.nonSurvivor ? joiningRecords(ctx, change.nonSurvivor, now, () => seq++).map((s) => ({ ...s, phn: person.phn })) : [];
  const previous = change.record && ctx.registry.source(change.record.partner, change.record.system, change.record.value);
  let filed: SourceRecord | undefined;
  let records: Array<Readonly<SourceRecord>> = [...(earlier ? withRecord(stored, earlier) : stored), ...joining];
  if (change.record) {
    filed = { ...change.record, phn: person.phn, seq, updatedAt: now };
    records = withRecord(records, filed);
  }
  const { patient, deathFiledBy } = deriveComposite({ base, sources: records });
  // Only what a caller files is refused: a merge, or re-deriving the person a record left, refuses nothing.
  if (filed && patient.deceasedDateTime && patient.birthDate && patient.deceasedDateTime.slice(0, 10) < patient.birthDate) {
    throw new HcimError(HCIM_CODES.rpDeathBeforeBirth, `deceasedDateTime ${patient.deceasedDateTime} is before birthDate ${patient.birthDate}.`);
  }
  // A write that changes nothing in the composite ends nothing: kept, each repeat stored the whole record once more
  // (a partner's test loop revising one patient made every later write larger).
  // Compared attribute by attribute: a population person's stored record is the generated Patient (its id,
  // identifiers, keys in another order), which a derived composite never equals as a whole.
  const changed = compositeDiffers(person.patient, patient);
  const died = Boolean(patient.deceasedDateTime) && !person.patient.deceasedDateTime;
  const updated: Person = {
    ...person,
    status: statusOf(person, change.nonSurvivor, Boolean(patient.deceasedDateTime)),
    deathFiledBy,
    patient,
    history: changed && !change.added ? [...person.history, { at: now, patient: person.patient }] : person.history,
    updatedAt: now,
  };
  if (!deathFiledBy) delete updated.deathFiledBy;
  return {
    commit(event) {
      if (earlier) ctx.registry.saveSource(earlier);
      for (const s of joining) ctx.registry.saveSource(s);
      if (filed) ctx.registry.saveSource(filed);
      ctx.registry.save(updated);
      const sent = event ?? (died ? 'DEATH' : changed ? 'COMPOSITE' : undefined);
      if (sent) ctx.notifier.notify(sent, updated);
      // The caller's SRI named another PHN before: the person it left no longer has its data (unless nothing else
      // is left to show: then it keeps its composite; see earlier-composite.ts).
      const left = previous && previous.phn !== person.phn ? ctx.registry.get(previous.phn) : undefined;
      if (left && left.status !== 'merged') recompose(ctx, left, { departed: previous }).commit();
      return updated;
    },
  };
}

/** A merge's non-survivor's records, with the record of what its composite shows that they do not explain. */
function joiningRecords(ctx: HcimContext, nonSurvivor: Readonly<Person>, at: string, nextSeq: () => number): Array<Readonly<SourceRecord>> {
  const records = ctx.registry.recordsOf(nonSurvivor.phn);
  const earlier = earlierCompositeRecord({ person: nonSurvivor, base: ctx.registry.baseOf(nonSurvivor.phn), records, at, seq: 0 });
  return earlier ? withRecord(records, { ...earlier, seq: nextSeq() }) : records;
}
