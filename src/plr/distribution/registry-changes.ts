// Registry-side changes a trainer or scenario triggers (a licence suspension, a rename), each followed by distributions.
import type * as fhir from '../../fhir/types.js';
import type { PlrContext } from '../context.js';
import { mergeList, mergeStatuses, RULES } from '../maintain/merge.js';
import { CS, EXT } from '../vocabulary.js';
import type { ChangeRecord } from './distributor.js';

export const REGISTRY_CHANGES = ['suspend', 'reinstate', 'inactivate', 'rename', 'touch'] as const;
export type RegistryChangeKind = (typeof REGISTRY_CHANGES)[number];

export interface RegistryChangeInput {
  id?: unknown;
  change?: unknown;
  reason?: unknown;
  family?: unknown;
  given?: unknown;
  name?: unknown;
  description?: unknown;
}

const coded = (url: string, system: string, code: string): fhir.Extension => ({ url, valueCodeableConcept: { coding: [{ system, code }] } });

/** A bc-license-status-extension as PLR sends it. */
export function licenceStatus(status: string, reason: string, statusClass: string, start: string): fhir.Extension {
  return {
    url: EXT.licenseStatus,
    extension: [coded('statusCode', CS.licenseStatus, status), coded('statusReasonCode', CS.statusReason, reason), coded('statusClassCode', CS.statusClass, statusClass), { url: 'period', valuePeriod: { start } }],
  };
}

const STATUS_FOR: Partial<Record<RegistryChangeKind, [string, string]>> = { suspend: ['SUSPENDED', 'SUS'], reinstate: ['ACTIVE', 'GS'], inactivate: ['INACTIVE', 'RET'] };

/** Applies one change; returns an error message, or the change record with its distributions. */
export function applyRegistryChange(ctx: PlrContext, input: RegistryChangeInput): ChangeRecord | string {
  const { registry, deps } = ctx;
  const id = typeof input.id === 'string' ? input.id.trim() : '';
  const change = input.change as RegistryChangeKind;
  if (!REGISTRY_CHANGES.includes(change)) return `send {"id": "<IPC or IFC>", "change": "${REGISTRY_CHANGES.join('" | "')}"}`;
  const kind = registry.kindOf(id);
  if (!kind) return `${id || '(no id)'} is not a Practitioner, Organization or Location in PLR`;
  const clock = { at: deps.clock.iso(), now: deps.clock.now() };
  const status = STATUS_FOR[change];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  if (status) {
    if (kind === 'location') return 'a Location has no licence status; suspend, reinstate and inactivate apply to practitioners and organizations';
    const ext = licenceStatus(status[0], text(input.reason) ?? status[1], 'LIC', clock.at.slice(0, 10));
    if (kind === 'practitioner') {
      const e = structuredClone(registry.practitioner(id)!);
      e.practitioner.extension = [...(e.practitioner.extension ?? []).filter((x) => x.url !== EXT.licenseStatus), ...mergeStatuses((e.practitioner.extension ?? []).filter((x) => x.url === EXT.licenseStatus), [ext], clock)];
      registry.putPractitioner(e);
    } else {
      const o = structuredClone(registry.organization(id)!);
      o.extension = [...(o.extension ?? []).filter((x) => x.url !== EXT.licenseStatus), ...mergeStatuses((o.extension ?? []).filter((x) => x.url === EXT.licenseStatus), [ext], clock)];
      registry.putOrganization(o);
    }
  } else if (change === 'rename') {
    if (kind === 'practitioner') {
      const e = structuredClone(registry.practitioner(id)!);
      const current = e.practitioner.name?.find((n) => !n.period?.end) ?? {};
      const family = text(input.family) ?? current.family;
      const given = text(input.given) ? [text(input.given)!] : current.given;
      if (!text(input.family) && !text(input.given)) return 'rename a practitioner with {"family": "...", "given": "..."}';
      e.practitioner.name = mergeList(e.practitioner.name, [{ use: current.use ?? 'official', family, given, period: { start: clock.at.slice(0, 10) } }], RULES.name, clock);
      registry.putPractitioner(e);
    } else {
      const name = text(input.name);
      if (!name) return `rename an ${kind} with {"name": "..."}`;
      if (kind === 'organization') registry.putOrganization({ ...registry.organization(id)!, name });
      else registry.putLocation({ ...registry.location(id)!, name });
    }
  }
  const description = text(input.description) ?? `${change} ${id}`;
  return ctx.distributor.changed([id], { kind: 'registry', description });
}
