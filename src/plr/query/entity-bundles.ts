// The nested collection Bundles PLR returns and distributes: one per Practitioner, Organization or Location.
import { collectionBundle } from '../../fhir/index.js';
import type * as fhir from '../../fhir/types.js';
import { currentView, isCurrent } from '../registry/current.js';
import { refId, relationshipSource, relationshipTarget, type Relationship } from '../registry/references.js';
import type { EntityKind, Registry } from '../registry/registry.js';
import { EXT, profile } from '../vocabulary.js';

export interface BundleView {
  registry: Registry;
  now: number;
  timestamp: string;
  baseUrl: string;
  /** `current` hides ended attributes and relationships (queries); `full` keeps them (distributions). */
  mode: 'current' | 'full';
}

const PROFILE: Record<EntityKind, string> = {
  practitioner: profile('bc-practitioner-bundle'),
  organization: profile('bc-organization-bundle'),
  location: profile('bc-location-bundle'),
};

function live<T extends fhir.Resource>(resource: T, view: BundleView): T {
  return view.mode === 'current' ? currentView(resource, view.now) : structuredClone(resource);
}

/** Relationship ids in numeric order (RELN.9 before RELN.10); one collator, made by the first query, not at start. */
let numericCollator: Intl.Collator | undefined;
const byNumericId = (a: string, b: string): number => (numericCollator ??= new Intl.Collator('en', { numeric: true })).compare(a, b);

function relationshipsFor(id: string, view: BundleView, keep: (r: Relationship) => boolean): Relationship[] {
  return view.registry
    .relationshipsOf(id)
    .filter((r) => keep(r) && (view.mode === 'full' || isCurrent(r, view.now)))
    .sort((a, b) => byNumericId(a.id!, b.id!))
    .map((r) => live(r, view));
}

function wrap(kind: EntityKind, resources: fhir.FhirResource[], view: BundleView): fhir.Bundle {
  const bundle = collectionBundle(resources, { baseUrl: view.baseUrl, timestamp: view.timestamp });
  bundle.meta = { ...bundle.meta, profile: [PROFILE[kind]] };
  return bundle;
}

/** The collection Bundle of an entity of this kind, without entries (its id, time and profile made afresh). */
export function entityShell(kind: EntityKind, view: BundleView): fhir.Bundle {
  return wrap(kind, [], view);
}

/** The entity's collection Bundle, or undefined when the id is not in the registry. */
export function entityBundle(id: string, view: BundleView): fhir.Bundle | undefined {
  const { registry } = view;
  const kind = registry.kindOf(id);
  if (kind === 'practitioner') {
    const p = registry.practitioner(id)!;
    const roles = relationshipsFor(id, view, (r) => r.resourceType === 'PractitionerRole' && relationshipSource(r) === id);
    return wrap(kind, [live(p.practitioner, view), live(p.role, view), ...roles], view);
  }
  if (kind === 'organization') {
    const org = registry.organization(id)!;
    const affiliations = relationshipsFor(id, view, (r) => r.resourceType === 'OrganizationAffiliation');
    const roles = relationshipsFor(id, view, (r) => r.resourceType === 'PractitionerRole');
    return wrap(kind, [live(org, view), ...affiliations, ...roles], view);
  }
  if (kind === 'location') {
    const loc = registry.location(id)!;
    const affiliations = relationshipsFor(id, view, (r) => r.resourceType === 'OrganizationAffiliation');
    const roles = relationshipsFor(id, view, (r) => r.resourceType === 'PractitionerRole');
    return wrap(kind, [live(loc, view), ...affiliations, ...roles], view);
  }
  return undefined;
}

/** Directly related providers and facilities ($extendedQuery): the other end of each current relationship. */
export function relatedIds(id: string, registry: Registry, now: number): string[] {
  const out = new Set<string>();
  for (const r of registry.relationshipsOf(id)) {
    if (!isCurrent(r, now)) continue;
    const source = relationshipSource(r);
    const target = relationshipTarget(r);
    const other = source === id ? target : source;
    if (other && other !== id && registry.kindOf(other)) out.add(other);
  }
  const practitioner = registry.practitioner(id)?.practitioner;
  for (const ext of practitioner?.extension ?? []) {
    if (ext.url !== EXT.relationship) continue;
    const target = refId(ext.extension?.find((x) => x.url === 'targetPractitioner')?.valueReference);
    if (target && target !== id && registry.kindOf(target)) out.add(target);
  }
  return [...out];
}
