// Resource meta: every generated resource is labelled as test data, as Ocean labels its test data.
import type * as fhir from '../../fhir/types.js';
import { SYS } from './systems.js';

/** The HTEST security label. See: https://terminology.hl7.org/CodeSystem-v3-ActReason.html */
export const HTEST: fhir.Coding = { system: SYS.actReason, code: 'HTEST', display: 'test health data' };

/** The restricted confidentiality label on confidential (masked) clients. */
export const RESTRICTED: fhir.Coding = { system: SYS.confidentiality, code: 'R', display: 'restricted' };

/** meta with the HTEST label, an optional profile and extra labels. */
export function testMeta(profile?: string, extraSecurity: readonly fhir.Coding[] = []): fhir.Meta {
  const meta: fhir.Meta = {};
  if (profile) meta.profile = [profile];
  meta.security = [{ ...HTEST }, ...extraSecurity.map((c) => ({ ...c }))];
  return meta;
}
