// CPP keywords: @ptCpp.allg, .prob, .pmhx, .fhx, .rx, .immu from the $everything resources (text first, as Ocean reads them).
import type * as fhir from '../../fhir/types.js';

/** Condition.clinicalStatus codes that make a Condition past history rather than a current problem (docs/smart-launch.md#eform-keywords). */
export const PAST_STATUSES = new Set(['resolved', 'remission', 'inactive']);

/** "Ocean is going to grab the text.div content": the narrative as plain text, else the code's text or display. */
export function textOf(resource: { text?: fhir.Narrative }, fallback?: fhir.CodeableConcept): string {
  const div = resource.text?.div;
  if (div) {
    const t = decodeEntities(div.replace(/<br\s*\/?>/gi, ' ').replace(/<[^<>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return fallback?.text ?? fallback?.coding?.find((c) => c.display)?.display ?? fallback?.coding?.[0]?.code ?? '';
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|quot|#39|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", amp: '&' })[e]!);
}

/** True when the Condition belongs in past medical history (@ptCpp.pmhx). */
export function isPastCondition(c: fhir.Condition): boolean {
  return (c.clinicalStatus?.coding ?? []).some((k) => PAST_STATUSES.has(k.code ?? ''));
}

const lines = (items: string[]) => items.filter(Boolean).join('\n');

/** The CPP keywords of a set of resources; a keyword with nothing behind it is the empty string. */
export function cppKeywords(resources: readonly fhir.FhirResource[]): Record<string, string> {
  const of = <T extends fhir.FhirResource['resourceType']>(t: T) => resources.filter((r) => r.resourceType === t) as Array<Extract<fhir.FhirResource, { resourceType: T }>>;
  const conditions = of('Condition').filter((c) => !isEnteredInError(c.verificationStatus));
  return {
    '@ptCpp.allg': lines(of('AllergyIntolerance').filter((a) => !isEnteredInError(a.verificationStatus)).map((a) => textOf(a, a.code))),
    '@ptCpp.prob': lines(conditions.filter((c) => !isPastCondition(c)).map((c) => textOf(c, c.code))),
    '@ptCpp.pmhx': lines(conditions.filter(isPastCondition).map((c) => textOf(c, c.code))),
    '@ptCpp.fhx': lines(of('FamilyMemberHistory').map((f) => textOf(f, f.condition?.[0]?.code))),
    '@ptCpp.rx': lines(of('MedicationStatement').filter((m) => m.status !== 'entered-in-error').map((m) => textOf(m, m.medicationCodeableConcept) + dosage(m))),
    '@ptCpp.immu': lines(of('Immunization').filter((i) => i.status !== 'entered-in-error').map((i) => textOf(i, i.vaccineCode) + occurred(i))),
  };
}

function isEnteredInError(status: fhir.CodeableConcept | undefined): boolean {
  return (status?.coding ?? []).some((c) => c.code === 'entered-in-error');
}

function dosage(m: fhir.MedicationStatement): string {
  if (m.text?.div) return '';
  const d = m.dosage?.[0]?.text;
  return d ? ` ${d}` : '';
}

function occurred(i: fhir.Immunization): string {
  if (i.text?.div) return '';
  return i.occurrenceDateTime ? ` (${i.occurrenceDateTime.slice(0, 10)})` : '';
}
