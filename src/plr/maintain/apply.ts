// Turns a checked maintain into stored records: creates get IPC/IFC/CPN ids, updates merge with history.
import type * as fhir from '../../fhir/types.js';
import type { Relationship } from '../registry/references.js';
import type { PractitionerEntry, Registry } from '../registry/registry.js';
import { identifierRef } from '../registry/references.js';
import { EXT, NS, profile } from '../vocabulary.js';
import { endElement, mergeList, mergeStatuses, RULES, type MergeClock } from './merge.js';
import type { MaintainContent } from './parse.js';
import { buildRelationship, type PlannedRelationship } from './relationships.js';

/** Extensions a resource may carry many of; a new one is added beside the old ones. */
const MULTI = new Set([EXT.note, EXT.relationship, `${EXT.note.replace('bc-note-extension', '')}bc-practitioner-condition-extension`, `${EXT.note.replace('bc-note-extension', '')}bc-practitioner-disciplinary-action-extension`]);

/**
 * Most notes, conditions and disciplinary actions a record keeps, the newest of each: they are added, never ended, so
 * without a bound each maintain with new ones grew the record for good. (Relationships are the registry's links, kept.)
 */
export const MULTI_KEPT = 100;
const TRIMMED = new Set([...MULTI].filter((url) => url !== EXT.relationship));

/** `list` with at most `keep` of each URL in `urls`, the last ones (the newest added). */
function newestOfEach(list: fhir.Extension[], urls: ReadonlySet<string>, keep: number): fhir.Extension[] {
  const left = new Map<string, number>();
  for (const e of list) if (urls.has(e.url)) left.set(e.url, (left.get(e.url) ?? 0) + 1);
  return list.filter((e) => {
    const n = left.get(e.url);
    if (n === undefined || n <= keep) return true;
    left.set(e.url, n - 1);
    return false;
  });
}

function mergeExtensions(stored: fhir.Extension[] | undefined, incoming: fhir.Extension[] | undefined, clock: MergeClock): fhir.Extension[] | undefined {
  if (!incoming?.length) return stored;
  const isStatus = (e: fhir.Extension) => e.url === EXT.licenseStatus;
  const statuses = mergeStatuses((stored ?? []).filter(isStatus), incoming.filter(isStatus), clock);
  const others = (stored ?? []).filter((e) => !isStatus(e));
  // Looked up, not scanned for each incoming extension: a record's notes are never ended, so they only grow.
  const multi = new Set(others.filter((e) => MULTI.has(e.url)).map((e) => JSON.stringify(e)));
  const single = new Map<string, number>();
  others.forEach((e, i) => {
    if (!single.has(e.url)) single.set(e.url, i);
  });
  for (const inc of incoming.filter((e) => !isStatus(e))) {
    if (MULTI.has(inc.url)) {
      const json = JSON.stringify(inc);
      if (!multi.has(json)) others.push(structuredClone(inc));
      multi.add(json);
    } else {
      const i = single.get(inc.url);
      if (i !== undefined) others[i] = structuredClone(inc);
      else single.set(inc.url, others.push(structuredClone(inc)) - 1);
    }
  }
  return [...newestOfEach(others, TRIMMED, MULTI_KEPT), ...statuses];
}

const withProfile = <T extends fhir.Resource>(r: T, id: string, name: string): T => ({ ...r, id, meta: { ...r.meta, profile: [profile(name)] } });

function ownId(system: string, value: string): fhir.Identifier {
  return { system, value };
}

export interface Applied {
  id: string;
  created: boolean;
}

/** Writes the request's entity and relationships; validation has already passed, so this cannot fail half-way. */
export function applyMaintain(registry: Registry, content: MaintainContent, existingId: string | undefined, plans: PlannedRelationship[], clock: MergeClock): Applied {
  let id: string;
  if (content.kind === 'practitioner') id = applyPractitioner(registry, content, existingId, clock);
  else if (content.kind === 'organization') id = applyOrganization(registry, content.main as fhir.Organization, existingId, clock);
  else id = applyLocation(registry, content.main as fhir.Location, existingId, clock);
  for (const plan of plans) registry.putRelationship(applyRelationship(registry, plan, id, clock));
  return { id, created: !existingId };
}

function applyPractitioner(registry: Registry, content: MaintainContent, existingId: string | undefined, clock: MergeClock): string {
  const incoming = content.main as fhir.Practitioner;
  if (!existingId) {
    const ipc = registry.nextId('ipc');
    const cpn = registry.nextId('cpn');
    const practitioner = withProfile(structuredClone(incoming), ipc, 'bc-practitioner');
    practitioner.identifier = [ownId(NS.ipc, ipc), ownId(NS.cpn, cpn), ...(practitioner.identifier ?? []).filter((i) => i.system !== NS.ipc && i.system !== NS.cpn)];
    const role = withProfile(structuredClone(content.role!), ipc, 'bc-practitioner-role');
    role.practitioner = identifierRef(NS.ipc, ipc);
    registry.putPractitioner({ ipc, cpn, practitioner, role });
    return ipc;
  }
  const stored = registry.practitioner(existingId)!;
  const p = structuredClone(stored.practitioner);
  p.identifier = mergeList(p.identifier, incoming.identifier, RULES.identifier, clock);
  p.name = mergeList(p.name, incoming.name, RULES.name, clock);
  p.telecom = mergeList(p.telecom, incoming.telecom, RULES.telecom, clock);
  p.address = mergeList(p.address, incoming.address, RULES.address, clock);
  p.qualification = mergeList(p.qualification, incoming.qualification, RULES.qualification, clock);
  p.communication = mergeList(p.communication, incoming.communication, RULES.concept, clock);
  p.extension = mergeExtensions(p.extension, incoming.extension, clock);
  if (incoming.gender) p.gender = incoming.gender;
  if (incoming.birthDate) p.birthDate = incoming.birthDate;
  if (incoming.active !== undefined) p.active = incoming.active;
  const role = structuredClone(stored.role);
  if (content.role?.code?.length) role.code = content.role.code;
  role.specialty = mergeList(role.specialty, content.role?.specialty, RULES.concept, clock);
  const entry: PractitionerEntry = { ...stored, practitioner: p, role };
  registry.putPractitioner(entry);
  return existingId;
}

function applyOrganization(registry: Registry, incoming: fhir.Organization, existingId: string | undefined, clock: MergeClock): string {
  if (!existingId) {
    const ipc = registry.nextId('ipc');
    const org = withProfile(structuredClone(incoming), ipc, 'bc-organization');
    org.identifier = [ownId(NS.ipc, ipc), ...(org.identifier ?? []).filter((i) => i.system !== NS.ipc)];
    org.active = true;
    registry.putOrganization(org);
    return ipc;
  }
  const org = structuredClone(registry.organization(existingId)!);
  org.identifier = mergeList(org.identifier, incoming.identifier, RULES.identifier, clock);
  org.telecom = mergeList(org.telecom, incoming.telecom, RULES.telecom, clock);
  org.address = mergeList(org.address, incoming.address, RULES.address, clock);
  org.extension = mergeExtensions(org.extension, incoming.extension, clock);
  if (incoming.name) org.name = incoming.name;
  if (incoming.alias) org.alias = incoming.alias;
  if (incoming.type) org.type = incoming.type;
  registry.putOrganization(org);
  return existingId;
}

function applyLocation(registry: Registry, incoming: fhir.Location, existingId: string | undefined, clock: MergeClock): string {
  if (!existingId) {
    const ifc = registry.nextId('ifc');
    const loc = withProfile(structuredClone(incoming), ifc, 'bc-location');
    loc.identifier = [ownId(NS.ifc, ifc), ...(loc.identifier ?? []).filter((i) => i.system !== NS.ifc)];
    loc.physicalType ??= { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'bu' }] };
    registry.putLocation(loc);
    return ifc;
  }
  const loc = structuredClone(registry.location(existingId)!);
  loc.identifier = mergeList(loc.identifier, incoming.identifier, RULES.identifier, clock);
  loc.telecom = mergeList(loc.telecom, incoming.telecom, RULES.telecom, clock);
  loc.extension = mergeExtensions(loc.extension, incoming.extension, clock);
  for (const key of ['name', 'alias', 'description', 'type', 'address', 'position', 'physicalType'] as const) {
    if (incoming[key] !== undefined) (loc as unknown as Record<string, unknown>)[key] = structuredClone(incoming[key]);
  }
  registry.putLocation(loc);
  return existingId;
}

function applyRelationship(registry: Registry, plan: PlannedRelationship, self: string, clock: MergeClock): Relationship {
  const built = buildRelationship(plan, self);
  if (!plan.existingId) return { ...built, id: registry.nextId('reln') } as Relationship;
  const stored = structuredClone(registry.relationship(plan.existingId)!);
  const end = built.period?.end;
  const updated = { ...stored, extension: mergeExtensions(stored.extension, built.extension?.filter((e) => e.url !== EXT.endReason), clock) } as Relationship;
  if (end) return endElement(updated, end, built.extension?.find((e) => e.url === EXT.endReason) ?? 'CEASE');
  return updated;
}
