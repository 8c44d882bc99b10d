// The Patient as Ocean sends it: JHN (PHN) and MR identifiers, official name, telecom, address, deceasedBoolean.
import type * as fhir from '../../fhir/types.js';
import { EXT, SYSTEMS, type PayloadVersion } from '../codes.js';
import type { OceanContext } from '../context.js';
import { entry, type Entry } from './envelope.js';

/** The PHN of a patient however it was given (HCIM system, Ocean's hcn pattern, or a JHN-typed identifier). */
export function phnOf(patient: fhir.Patient): string | undefined {
  const ids = patient.identifier ?? [];
  const hit =
    ids.find((i) => i.system?.includes('patient-healthcare-id') || i.system?.includes('patient-hcn')) ??
    ids.find((i) => i.type?.coding?.some((c) => c.code === 'JHN'));
  return hit?.value;
}

/** The health card version code on the patient's PHN identifier, when the patient came with one (BC PHNs have none). */
export function healthCardVersionOf(patient: fhir.Patient): string | undefined {
  const phn = phnOf(patient);
  const id = patient.identifier?.find((i) => i.value === phn && i.extension?.some((e) => e.url === EXT.healthCardVersionCode));
  return id?.extension?.find((e) => e.url === EXT.healthCardVersionCode)?.valueString;
}

/** The EMR's MRN when the patient came with one (a SMART launch); never the resource id, which may be the PHN. */
function mrnOf(patient: fhir.Patient): string | undefined {
  return patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR'))?.value;
}

/** Builds the Patient entry. See: docs/ocean.md#outbound-add-service-request "Patient". */
export function patientEntry(ctx: OceanContext, version: PayloadVersion, source: fhir.Patient): Entry<fhir.Patient> {
  const identifier: fhir.Identifier[] = [];
  const phn = phnOf(source);
  if (phn) {
    identifier.push({
      use: 'official',
      type: { coding: [{ system: SYSTEMS.v2_0203, code: 'JHN', display: 'Jurisdictional health number (Canada)' }], text: 'Personal Health Number' },
      system: SYSTEMS.patientHcn,
      value: phn,
    });
  }
  const mrn = mrnOf(source);
  if (mrn) {
    identifier.push({
      type: { coding: [{ system: SYSTEMS.v2_0203, code: 'MR', display: 'Medical record number' }], text: 'EMR/EHR Medical Record Number' },
      system: ctx.namingSystem('id-external-patient-reference'),
      value: mrn,
    });
  }
  const name = source.name?.find((n) => n.use === 'official') ?? source.name?.[0];
  const given = name?.given ?? [];
  const patient: fhir.Patient = { resourceType: 'Patient', identifier, active: source.active ?? true };
  if (name) patient.name = [{ use: 'official', text: name.text ?? [...given, name.family].filter(Boolean).join(' '), family: name.family, given }];
  if (source.telecom?.length) patient.telecom = source.telecom.map((t) => ({ system: t.system, value: t.value, use: t.use }));
  if (source.gender) patient.gender = source.gender;
  if (source.birthDate) patient.birthDate = source.birthDate;
  patient.deceasedBoolean = source.deceasedBoolean ?? Boolean(source.deceasedDateTime);
  const home = source.address?.find((a) => a.use === 'home') ?? source.address?.[0];
  // Ocean sends the home address and then an empty postal one (docs/ocean.md#outbound-add-service-request).
  patient.address = [
    ...(home ? [{ use: 'home' as const, type: 'postal' as const, line: home.line, city: home.city, state: home.state, postalCode: home.postalCode }] : []),
    { use: 'home', type: 'postal' },
  ];
  return entry(patient, version);
}

/** "Given Family" for titles and the letter. */
export function displayName(patient: fhir.Patient): string {
  const n = patient.name?.find((x) => x.use === 'official') ?? patient.name?.[0];
  return n?.text ?? [...(n?.given ?? []), n?.family].filter(Boolean).join(' ') ?? 'Unknown patient';
}
