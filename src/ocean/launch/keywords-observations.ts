// @ptLatestVal.X / @ptLatestDate.X: the latest Observation per LOINC code of the DRO guide's keyword table.
import type * as fhir from '../../fhir/types.js';

/** Keyword suffix → LOINC code, exactly as the DRO guide's table ("A Word on Data") lists them. */
export const LATEST_VALUE_CODES: Readonly<Record<string, string>> = {
  ht: '8302-2', wt: '29463-7', bp: '35094-2', cr: '38483-4', egfr: '45066-8', a1c: '59261-8', acr: '32294-1', fbs: '76629-5',
  tg: '12228-3', hdl: '2085-9', lldl: '2089-1', chol_hdl: '96589-7', gtt: '72171-2', s_ketones: '33058-9', u_ketones: '22702-5',
  na: '2947-0', k: '6298-4', co2: '20565-8',
};

const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

/** When the observation was made: effective[x], else issued. */
export function observedAt(o: fhir.Observation): string | undefined {
  return o.effectiveDateTime ?? o.effectivePeriod?.end ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued;
}

const hasCode = (cc: fhir.CodeableConcept | undefined, code: string) => (cc?.coding ?? []).some((c) => c.code === code);

/** The value as Ocean would print it: quantity with unit, string, code, or systolic/diastolic for a BP panel. */
export function formatValue(o: fhir.Observation): string {
  if (o.valueQuantity?.value !== undefined) return quantity(o.valueQuantity);
  if (o.valueString !== undefined) return o.valueString;
  if (o.valueCodeableConcept) return o.valueCodeableConcept.text ?? o.valueCodeableConcept.coding?.[0]?.display ?? o.valueCodeableConcept.coding?.[0]?.code ?? '';
  if (o.valueInteger !== undefined) return String(o.valueInteger);
  const sys = o.component?.find((c) => hasCode(c.code, SYSTOLIC))?.valueQuantity;
  const dia = o.component?.find((c) => hasCode(c.code, DIASTOLIC))?.valueQuantity;
  if (sys?.value !== undefined && dia?.value !== undefined) return `${sys.value}/${dia.value}${sys.unit ? ` ${sys.unit}` : ''}`;
  return '';
}

function quantity(q: fhir.Quantity): string {
  return `${q.value}${q.unit ?? q.code ? ` ${q.unit ?? q.code}` : ''}`;
}

/** Both keywords for every code of the table; only the latest observation counts (docs/smart-launch.md#eform-keywords). */
export function latestValueKeywords(resources: readonly fhir.FhirResource[]): Record<string, string> {
  const observations = resources.filter((r): r is fhir.Observation => r.resourceType === 'Observation' && r.status !== 'entered-in-error' && r.status !== 'cancelled');
  const out: Record<string, string> = {};
  for (const [suffix, code] of Object.entries(LATEST_VALUE_CODES)) {
    let latest: fhir.Observation | undefined;
    for (const o of observations) {
      if (!(o.code.coding ?? []).some((c) => c.code === code && (!c.system || c.system === 'http://loinc.org'))) continue;
      if (!latest || (observedAt(o) ?? '') > (observedAt(latest) ?? '')) latest = o;
    }
    out[`@ptLatestVal.${suffix}`] = latest ? formatValue(latest) : '';
    out[`@ptLatestDate.${suffix}`] = latest ? (observedAt(latest) ?? '').slice(0, 10) : '';
  }
  return out;
}
