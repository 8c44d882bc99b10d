// The conformance panel: what the launching EHR did wrong or skipped, checked against SMART 2.x and Ocean's contract.
import type * as fhir from '../../fhir/types.js';
import type { LaunchStep } from './launch-error.js';

/** One thing the EHR did wrong. `stop` findings end the launch; `warn` findings are flagged and Ocean goes on. */
export interface Finding {
  step: LaunchStep;
  level: 'warn' | 'stop';
  text: string;
}

const warn = (step: LaunchStep, text: string): Finding => ({ step, level: 'warn', text });

/**
 * REQUIRED smart-configuration fields. See: https://hl7.org/fhir/smart-app-launch/STU2.2/conformance.html#metadata
 */
export function checkSmartConfiguration(doc: Record<string, unknown> | undefined): Finding[] {
  if (!doc) return [warn('discovery', '.well-known/smart-configuration is missing or not JSON (SMART 2.x requires it)')];
  const out: Finding[] = [];
  for (const field of ['token_endpoint', 'grant_types_supported', 'capabilities', 'code_challenge_methods_supported', 'authorization_endpoint']) {
    if (doc[field] === undefined) out.push(warn('discovery', `smart-configuration has no ${field} (REQUIRED${field === 'authorization_endpoint' ? ' for launch-ehr' : ''})`));
  }
  const methods = Array.isArray(doc.code_challenge_methods_supported) ? doc.code_challenge_methods_supported : [];
  if (doc.code_challenge_methods_supported !== undefined && !methods.includes('S256')) out.push(warn('discovery', 'code_challenge_methods_supported does not include S256; Ocean continues without PKCE'));
  if (methods.includes('plain')) out.push(warn('discovery', 'code_challenge_methods_supported includes "plain", which SMART forbids'));
  const caps = Array.isArray(doc.capabilities) ? doc.capabilities : [];
  if (doc.capabilities !== undefined) {
    for (const c of ['launch-ehr', 'context-ehr-patient', 'sso-openid-connect']) if (!caps.includes(c)) out.push(warn('discovery', `capabilities does not list "${c}"`));
  }
  return out;
}

/** The token response: REQUIRED `scope`, the `patient` context Ocean needs, and the no-store cache headers. */
export function checkTokenResponse(body: Record<string, unknown>, headers: Headers): Finding[] {
  const out: Finding[] = [];
  if (typeof body.scope !== 'string') out.push(warn('token', 'token response has no scope (REQUIRED)'));
  if (typeof body.patient !== 'string') out.push(warn('token', 'token response has no patient: Ocean opens without a patient context'));
  if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer') out.push(warn('token', `token_type is "${String(body.token_type ?? '')}", not "Bearer"`));
  if (!/no-store/i.test(headers.get('cache-control') ?? '')) out.push(warn('token', 'token response lacks Cache-Control: no-store'));
  if (!/no-cache/i.test(headers.get('pragma') ?? '')) out.push(warn('token', 'token response lacks Pragma: no-cache'));
  if (typeof body.oceanSharedEncryptionKey !== 'string') out.push(warn('token', 'no oceanSharedEncryptionKey in the token response (not mandatory, strongly recommended)'));
  if (typeof body.expires_in === 'number' && body.expires_in > 3600) out.push(warn('token', `expires_in is ${body.expires_in} s; SMART advises an hour at most`));
  return out;
}

/** Ocean's $everything contract: one un-paged searchset holding the Patient; CPP resources with narrative. */
export function checkEverything(bundle: fhir.Bundle, patientId: string): Finding[] {
  const out: Finding[] = [];
  if (bundle.type !== 'searchset') out.push(warn('fhir', `$everything returned a ${bundle.type} Bundle, not a searchset`));
  const next = bundle.link?.find((l) => l.relation === 'next');
  if (next) out.push(warn('fhir', `$everything is paged (link next = ${next.url}); Ocean reads the first page only`));
  const entries = bundle.entry ?? [];
  if (typeof bundle.total === 'number' && bundle.total > entries.length) out.push(warn('fhir', `$everything is partial: total ${bundle.total} but ${entries.length} entries`));
  if (!entries.some((e) => e.resource?.resourceType === 'Patient' && e.resource.id === patientId)) out.push(warn('fhir', `$everything does not contain Patient/${patientId}`));
  const noText = entries.filter((e) => e.resource && e.resource.resourceType !== 'Bundle' && !(e.resource as { text?: fhir.Narrative }).text?.div);
  if (noText.length) {
    const types = [...new Set(noText.map((e) => e.resource!.resourceType))].join(', ');
    out.push(warn('fhir', `${noText.length} resource(s) without narrative (text.div): ${types}; Ocean falls back to codes`));
  }
  return out;
}
