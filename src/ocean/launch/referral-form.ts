// Ocean's standard referral form ("quickReferral"), pre-filled from the keywords and editable before Send.
import { LATEST_VALUE_CODES } from './keywords-observations.js';

/** One question of the form: its linkId, caption, and the keyword that pre-fills it. */
export interface FormField {
  linkId: string;
  text: string;
  keyword?: string;
  /** Ocean's form will not send without an answer. */
  required?: boolean;
}

/** The linkIds Ocean's quickReferral uses (docs/smart-launch.md#eform-keywords), plus reason, immunizations and labs. */
export const QUICK_REFERRAL_FIELDS: readonly FormField[] = [
  { linkId: 'reason', text: 'Reason for referral', required: true },
  { linkId: 'prob', text: 'Current Problems', keyword: '@ptCpp.prob' },
  { linkId: 'pmhx', text: 'Past Medical History', keyword: '@ptCpp.pmhx' },
  { linkId: 'fhx', text: 'Family History', keyword: '@ptCpp.fhx' },
  { linkId: 'rx', text: 'Medications', keyword: '@ptCpp.rx' },
  { linkId: 'allg', text: 'Allergies', keyword: '@ptCpp.allg' },
  { linkId: 'immu', text: 'Immunizations', keyword: '@ptCpp.immu' },
  { linkId: 'labs', text: 'Labs' },
];

export const QUICK_REFERRAL_REF = 'quickReferral';

const LAB_LABELS: Record<string, string> = {
  ht: 'Height', wt: 'Weight', bp: 'BP', cr: 'Creatinine', egfr: 'eGFR', a1c: 'A1C', acr: 'ACR', fbs: 'FBS', tg: 'Triglycerides', hdl: 'HDL', lldl: 'LDL',
  chol_hdl: 'TC/HDL', gtt: 'GTT', s_ketones: 'Serum ketones', u_ketones: 'Urine ketones', na: 'Sodium', k: 'Potassium', co2: 'CO2',
};

/** The pre-filled answers, by linkId. Labs list each latest value with its date. */
export function prefill(keywords: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of QUICK_REFERRAL_FIELDS) out[f.linkId] = f.keyword ? (keywords[f.keyword] ?? '') : '';
  out.labs = Object.keys(LATEST_VALUE_CODES)
    .filter((k) => keywords[`@ptLatestVal.${k}`])
    .map((k) => `${LAB_LABELS[k]}: ${keywords[`@ptLatestVal.${k}`]} (${keywords[`@ptLatestDate.${k}`]})`)
    .join('\n');
  return out;
}
