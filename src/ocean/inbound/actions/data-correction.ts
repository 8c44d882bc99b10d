// notify-data-correction: the receiver corrects the ServiceRequest coding or the patient's demographics.
import { invalid, required } from '../../../fhir/errors.js';
import type * as fhir from '../../../fhir/types.js';
import type { InboundActionHandler } from './types.js';

const DEMOGRAPHICS = ['name', 'telecom', 'gender', 'birthDate', 'address'] as const;

/**
 * Longest name part a correction may set (a family or given name, a prefix, a suffix, the text): twice the 50 characters
 * the PLR allows a name, and far beyond any real one. The name goes into the letter, its file name and every update.
 */
const MAX_NAME_PART = 100;

/** A 400 naming the first name part longer than MAX_NAME_PART (the FHIR funnel has already checked their JSON types). */
function assertNameParts(patient: fhir.Patient): void {
  const names = Array.isArray(patient.name) ? patient.name : [];
  names.forEach((name, i) => {
    const parts: Array<[string, unknown]> = [
      ['text', name?.text],
      ['family', name?.family],
      ...(['given', 'prefix', 'suffix'] as const).flatMap((key) => {
        const list: unknown = name?.[key];
        return Array.isArray(list) ? list.map((part, j): [string, unknown] => [`${key}[${j}]`, part]) : [];
      }),
    ];
    for (const [path, part] of parts) {
      if (typeof part === 'string' && part.length > MAX_NAME_PART) {
        throw invalid(`Patient.name[${i}].${path} is ${part.length} characters long; at most ${MAX_NAME_PART} are accepted`, { expression: [`Patient.name[${i}].${path}`] });
      }
    }
  });
}

/**
 * Applies ServiceRequest.category/code/priority and Patient name/telecom/gender/birthDate/address from the
 * message; identifiers are kept. See: docs/ocean.md#event-codes (EREC eReCm-4; AR updates ServiceRequest coding).
 */
export const dataCorrectionAction: InboundActionHandler = (_ctx, referral, msg) => {
  const changed: string[] = [];
  const sr = msg.ofType<fhir.ServiceRequest>('ServiceRequest')[0];
  const patient = msg.ofType<fhir.Patient>('Patient')[0];
  if (patient) assertNameParts(patient); // before anything changes: a refused correction changes nothing
  if (sr) {
    if (sr.category?.length) {
      referral.category = structuredClone(sr.category[0]);
      changed.push('ServiceRequest.category');
    }
    if (sr.code) {
      referral.code = structuredClone(sr.code);
      changed.push('ServiceRequest.code');
    }
    if (sr.priority && sr.priority !== referral.priority) {
      referral.priority = sr.priority;
      changed.push('ServiceRequest.priority');
    }
  }
  if (patient) {
    for (const key of DEMOGRAPHICS) {
      if (patient[key] !== undefined && JSON.stringify(patient[key]) !== JSON.stringify(referral.patient[key])) {
        (referral.patient as unknown as Record<string, unknown>)[key] = structuredClone(patient[key]);
        changed.push(`Patient.${key}`);
      }
    }
  }
  if (!sr && !patient) throw required('notify-data-correction needs the corrected ServiceRequest or Patient', { expression: ['Bundle.entry'] });
  if (changed.length === 0) msg.warnings.push('notify-data-correction changed nothing: the values sent equal the ones Ocean holds');
  return { summary: changed.length ? `Data corrected: ${changed.join(', ')}` : 'Data correction received; nothing differed' };
};
