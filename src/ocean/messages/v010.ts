// The v0.10 (2023) wire form: ids and Type/id references, %7C profiles, 2023 identifier types (docs/ocean.md#the-v010-form).
import type * as fhir from '../../fhir/types.js';
import { EXT, SYSTEMS } from '../codes.js';

/**
 * The version code the JHN carries when the patient came without one (BC PHNs have none): `XX`, as in Ocean's 2023
 * test payload. See: docs/ocean.md#the-v010-form.
 */
export const NO_VERSION_CODE = 'XX';

/** The 2023 licence type: `LN "License Number"` where the v0.11 payload has `MD "Medical License number"`. */
const LICENSE_2023: fhir.Coding = { system: SYSTEMS.v2_0203_2023, code: 'LN', display: 'License Number' };

export interface V010Options {
  /** The listing's External Service ID: the header's receiver. */
  externalServiceId?: string;
  /** The patient's health card version code, if known. */
  healthCardVersion?: string;
}

/** A v2-0203 coding as the 2023 payloads write it: the old system, and LN for a licence. */
function coding2023(c: Record<string, unknown>): Record<string, unknown> {
  if (c.system !== SYSTEMS.v2_0203) return c;
  return c.code === 'MD' ? { ...c, ...LICENSE_2023 } : { ...c, system: SYSTEMS.v2_0203_2023 };
}

/** `...profile-X|1.0.0` as the 2023 payloads write it: `...profile-X%7C1.0.0`. */
const profile2023 = (p: unknown) => (typeof p === 'string' ? p.replace('|', '%7C') : p);

/**
 * Rewrites a v0.11-shaped bundle (already stamped with |1.0.0 profiles) into Ocean's v0.10 form:
 * every resource gets its uuid as `id`, `urn:uuid:` references become `Type/id`, fullUrls go,
 * profiles are written with `%7C`, v2-0203 codings take the 2023 system and licences the LN type,
 * the JHN carries `ext-id-health-card-version-code`, the header's sender is `Organization/cognisant-md`
 * and its receiver the External Service ID.
 */
export function toV010(bundle: fhir.Bundle, options: V010Options = {}): fhir.Bundle {
  const types = new Map<string, string>();
  for (const e of bundle.entry ?? []) {
    const uuid = (e.fullUrl ?? '').replace(/^urn:uuid:/, '');
    if (e.resource && uuid) types.set(`urn:uuid:${uuid}`, `${e.resource.resourceType}/${uuid}`);
  }
  const rewrite = (value: unknown, key?: string): unknown => {
    if (key === 'profile' && Array.isArray(value)) return value.map(profile2023);
    if (Array.isArray(value)) return value.map((v) => rewrite(v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = k === 'reference' && typeof v === 'string' ? (types.get(v) ?? v) : rewrite(v, k);
      return coding2023(out);
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
      d.receiver = options.externalServiceId
        ? { identifier: { system: `${header.source.endpoint.replace(/\/\$process-messages$/, '')}/NamingSystem/id-referral-target-external-service`, value: options.externalServiceId } }
        : d.receiver;
    }
  }
  for (const { resource } of entry) if (resource.resourceType === 'Patient') withVersionCode(resource, options.healthCardVersion ?? NO_VERSION_CODE);
  return { ...bundle, entry };
}

/** Puts the version code extension first on the Patient's JHN identifier, as the 2023 payload has it. */
function withVersionCode(patient: fhir.Patient, code: string): void {
  patient.identifier = patient.identifier?.map((id) =>
    id.type?.coding?.some((c) => c.code === 'JHN') ? { extension: [{ url: EXT.healthCardVersionCode, valueString: code }], ...id } : id,
  );
}
