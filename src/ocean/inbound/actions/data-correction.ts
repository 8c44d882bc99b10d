// notify-data-correction: the receiver corrects the ServiceRequest coding or the patient's demographics.
import { required } from '../../../fhir/errors.js';
import type * as fhir from '../../../fhir/types.js';
import type { InboundActionHandler } from './types.js';

const DEMOGRAPHICS = ['name', 'telecom', 'gender', 'birthDate', 'address'] as const;

/**
 * Applies ServiceRequest.category/code/priority and Patient name/telecom/gender/birthDate/address from the
 * message; identifiers are kept. See: docs/ocean.md#event-codes (EREC eReCm-4; AR updates ServiceRequest coding).
 */
export const dataCorrectionAction: InboundActionHandler = (_ctx, referral, msg) => {
  const changed: string[] = [];
  const sr = msg.ofType<fhir.ServiceRequest>('ServiceRequest')[0];
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
  const patient = msg.ofType<fhir.Patient>('Patient')[0];
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
