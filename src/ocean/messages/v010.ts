// The v0.10 (2023) wire form: resources carry ids, references are Type/id, no fullUrls (docs/ocean.md#the-v010-form).
import type * as fhir from '../../fhir/types.js';

/**
 * Rewrites a v0.11-shaped bundle (already stamped with |1.0.0 profiles) into Ocean's v0.10 form:
 * every resource gets its uuid as `id`, `urn:uuid:` references become `Type/id`, fullUrls go,
 * the header's sender is `Organization/cognisant-md` and its receiver the External Service ID.
 */
export function toV010(bundle: fhir.Bundle, externalServiceId: string | undefined): fhir.Bundle {
  const types = new Map<string, string>();
  for (const e of bundle.entry ?? []) {
    const uuid = (e.fullUrl ?? '').replace(/^urn:uuid:/, '');
    if (e.resource && uuid) types.set(`urn:uuid:${uuid}`, `${e.resource.resourceType}/${uuid}`);
  }
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = k === 'reference' && typeof v === 'string' ? (types.get(v) ?? v) : rewrite(v);
      return out;
    }
    return value;
  };
  const entry = (bundle.entry ?? []).map((e) => {
    const uuid = (e.fullUrl ?? '').replace(/^urn:uuid:/, '');
    const { resourceType, ...rest } = rewrite(e.resource) as fhir.FhirResource & Record<string, unknown>;
    return { resource: { resourceType, id: uuid, ...rest, ...(rest.id ? { id: rest.id } : {}) } as fhir.FhirResource };
  });
  const header = entry[0]?.resource as fhir.MessageHeader | undefined;
  if (header?.resourceType === 'MessageHeader') {
    header.sender = { reference: 'Organization/cognisant-md' };
    for (const d of header.destination ?? []) {
      d.receiver = externalServiceId ? { identifier: { system: `${header.source.endpoint.replace(/\/\$process-messages$/, '')}/NamingSystem/id-referral-target-external-service`, value: externalServiceId } } : d.receiver;
    }
  }
  return { ...bundle, entry };
}
