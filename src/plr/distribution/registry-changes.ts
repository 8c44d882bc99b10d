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
  /** Several entities in one change (distributed targets first). */
  ids?: unknown;
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

/** Applies a change to one or more entities; returns an error message, or the change record with its distributions. */
export function applyRegistryChange(ctx: PlrContext, input: RegistryChangeInput): ChangeRecord | string {
  const change = input.change as RegistryChangeKind;
  if (!REGISTRY_CHANGES.includes(change)) return `send {"id": "<IPC or IFC>", "change": "${REGISTRY_CHANGES.join('" | "')}"}`;
  const ids = Array.isArray(input.ids) ? input.ids : [input.id];
  if (!ids.length || ids.some((id) => typeof id !== 'string')) return 'send "id": "<IPC or IFC>" or "ids": ["<IPC or IFC>", ...]';
  const unknown = ids.find((id) => !ctx.registry.kindOf((id as string).trim()));
  if (unknown !== undefined) return `${unknown || '(no id)'} is not a Practitioner, Organization or Location in PLR`;
  // Checked up front so a change to several entities is all or nothing.
  if (STATUS_FOR[change] && ids.some((id) => ctx.registry.kindOf((id as string).trim()) === 'location')) return 'a Location has no licence status; suspend, reinstate and inactivate apply to practitioners and organizations';
  if (change === 'rename' && ids.length > 1) return 'rename one entity at a time';
  for (const id of ids) {
    const error = applyOne(ctx, (id as string).trim(), change, input);
    if (error) return error;
  }
  const text = typeof input.description === 'string' && input.description.trim() ? input.description.trim() : `${change} ${ids.join(', ')}`;
  return ctx.distributor.changed(ids.map((id) => (id as string).trim()), { kind: 'registry', description: text });
}

function applyOne(ctx: PlrContext, id: string, change: RegistryChangeKind, input: RegistryChangeInput): string | undefined {
  const { registry, deps } = ctx;
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
  return undefined;
}
