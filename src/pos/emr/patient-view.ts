// The EMR's view of the synthetic population: its own patient ids, an MRN, and the chart pointed at them.
import type { Population } from '../../population/types.js';
import type * as fhir from '../../fhir/types.js';
import { escapeXhtml } from '../../fhir/index.js';

const ID_PREFIX = 'pt-';

/** The EMR's id for the patient at this population index. */
export function emrPatientId(index: number): string {
  return `${ID_PREFIX}${index}`;
}

/** The population index of an EMR patient id, or undefined when it is not one. */
export function indexOfPatientId(id: string, population: Population): number | undefined {
  const m = /^pt-(\d{1,9})$/.exec(id);
  if (!m) return undefined;
  const i = Number(m[1]);
  return i < population.options.sizes.patients ? i : undefined;
}

/** The MRN identifier system of the reference EMR. */
export function mrnSystem(baseUrl: string): string {
  return `${baseUrl}/pos/emr/NamingSystem/mrn`;
}

/** The Patient as the EMR serves it: own id, MRN identifier, and a narrative when there is none. */
export function emrPatient(population: Population, index: number, baseUrl: string): fhir.Patient {
  const source = population.client(index).patient;
  const patient: fhir.Patient = { ...structuredClone(source), id: emrPatientId(index) };
  patient.identifier = [...(patient.identifier ?? []), { use: 'usual', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }], text: 'EMR/EHR Medical Record Number' }, system: mrnSystem(baseUrl), value: `MRN${index}` }];
  if (!patient.text?.div) patient.text = { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXhtml(displayName(patient))}, ${escapeXhtml(patient.birthDate ?? '')}</div>` };
  return patient;
}

/** The chart ($everything without the Patient), with references to the population patient rewritten to the EMR id. */
export function emrChart(population: Population, index: number): fhir.FhirResource[] {
  const sourceId = population.client(index).patient.id;
  const target = `Patient/${emrPatientId(index)}`;
  return population.chart(index).map((r) => rewriteReferences(r, sourceId ? `Patient/${sourceId}` : undefined, target) as fhir.FhirResource);
}

/** A deep copy of JSON data (the chart is plain FHIR JSON), with the references to `from` pointed at `to`. */
function rewriteReferences(value: unknown, from: string | undefined, to: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  // Index loops and Object.keys: this copies the whole chart on every $everything.
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = rewriteReferences(value[i], from, to);
    return out;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source)) {
    const v = source[k];
    out[k] = k === 'reference' && from !== undefined && v === from ? to : rewriteReferences(v, from, to);
  }
  return out;
}

/** "Given Family" from the official (else first) name. */
export function displayName(patient: fhir.Patient): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  if (!name) return '(no name)';
  return name.text ?? [...(name.given ?? []), name.family ?? ''].join(' ').trim();
}
