// Renders a registry person as the HCIM FHIR Patient: PHN and source identifiers, masking, history, identifiers-only.
import type * as fhir from '../../fhir/types.js';
import { HTEST } from '../../population/fhir/meta.js';
import { EXT, PHN_ASSIGNER, PHN_SYSTEM } from '../identifiers.js';
import { isMasked, type Person, type SourceRecord } from '../registry/person.js';

export interface PatientViewOptions {
  identifiersOnly?: boolean;
  history?: boolean;
  /** Source records (SRIs) linked to the person. */
  sources?: readonly SourceRecord[];
  /** PHNs merged into this person (non-survivors). */
  mergedPhns?: readonly string[];
}

/** bc-identifier-status-extension: `value[x] only code`, as in the IG's examples (`"valueCode": "active"`). */
const status = (code: 'active' | 'merged'): fhir.Extension => ({ url: EXT.identifierStatus, valueCode: code });
const masked = (): fhir.Extension[] => [{ url: EXT.dataAbsentReason, valueCode: 'masked' }];

/** The PHN identifier as the registry returns it (use official, MOH_CRS assigner). */
export function phnIdentifier(phn: string, state: 'active' | 'merged' = 'active'): fhir.Identifier {
  return { extension: [status(state)], use: 'official', system: PHN_SYSTEM, value: phn, assigner: { display: PHN_ASSIGNER } };
}

/**
 * See: https://bcgov.github.io/MOH-HCIM-FHIR/ (ClientRegistryPatient, absentData.md: data-absent-reason `masked`
 * on gender, birthDate, address, telecom and name, keeping only the name's use).
 */
export function renderPatient(person: Readonly<Person>, options: PatientViewOptions = {}): fhir.Patient {
  const identifier: fhir.Identifier[] = [phnIdentifier(person.phn)];
  for (const phn of options.mergedPhns ?? []) identifier.push(phnIdentifier(phn, 'merged'));
  for (const s of options.sources ?? []) {
    identifier.push({ extension: [status('active'), { url: EXT.sourceId, extension: [{ url: 'sourceID', valueString: s.partner }] }], use: 'official', system: s.system, value: s.value });
  }
  const out: fhir.Patient = { resourceType: 'Patient', id: person.phn, identifier };
  out.meta = { security: [{ ...HTEST }], ...(person.patient.meta?.tag?.length ? { tag: person.patient.meta.tag } : {}) };
  if (options.identifiersOnly) return out;
  const src = person.patient;
  if (isMasked(person)) {
    out.name = (src.name?.length ? src.name : [{ use: 'official' as const }]).map((n) => ({ use: n.use ?? 'official', extension: masked() }));
    out._gender = { extension: masked() };
    out._birthDate = { extension: masked() };
    out.address = [{ extension: masked() }];
    out.telecom = [{ extension: masked() }];
    return out;
  }
  // FHIR lists hold at least one element: a composite without a name (nothing filed one) shows none.
  if (src.name?.length) out.name = [...src.name];
  if (src.gender) out.gender = src.gender;
  if (src.birthDate) out.birthDate = src.birthDate;
  if (src.deceasedDateTime) out.deceasedDateTime = src.deceasedDateTime;
  else if (src.deceasedBoolean !== undefined) out.deceasedBoolean = src.deceasedBoolean;
  if (src.address?.length) out.address = [...src.address];
  if (src.telecom?.length) out.telecom = [...src.telecom];
  if (src.communication?.length) out.communication = src.communication;
  if (src.multipleBirthBoolean !== undefined) out.multipleBirthBoolean = src.multipleBirthBoolean;
  if (options.history) appendHistory(out, person);
  return out;
}

/**
 * Earlier names and addresses, closed with the time they were replaced ("history on request"); an entry listed
 * already (its period aside) is not listed again. The listed ones are kept as a set of their JSON: comparing each
 * earlier entry with every one listed took 16 s for 100 revisions of 20 names and addresses.
 */
function appendHistory(out: fhir.Patient, person: Readonly<Person>): void {
  const keyOf = (entry: object) => JSON.stringify({ ...entry, period: undefined });
  const names = new Set((out.name ?? []).map(keyOf));
  const addresses = new Set((out.address ?? []).map(keyOf));
  for (const rev of [...person.history].reverse()) {
    for (const n of rev.patient.name ?? []) {
      const key = keyOf(n);
      if (names.has(key)) continue;
      names.add(key);
      (out.name ??= []).push({ ...n, period: { ...n.period, end: rev.at } });
    }
    for (const a of rev.patient.address ?? []) {
      const key = keyOf(a);
      if (addresses.has(key)) continue;
      addresses.add(key);
      (out.address ??= []).push({ ...a, period: { ...a.period, end: rev.at } });
    }
  }
}
