// Relationship rules of a maintain: the target must already be in PLR, or the whole request is rolled back.
import type * as fhir from '../../fhir/types.js';
import { plainIssue, plrIssue } from '../error-codes.js';
import { isCurrent } from '../registry/current.js';
import { identifierRef, refId, relationshipEnds, type Relationship } from '../registry/references.js';
import type { EntityKind, Registry } from '../registry/registry.js';
import { EXT, ID_PATTERN, LOCATION_RELATIONSHIP_TYPES, NS, RELATIONSHIP_TYPES, profile } from '../vocabulary.js';
import type { Checker } from './checker.js';
import type { MaintainContent } from './parse.js';

/** A checked relationship of the request; `existingId` when it updates a stored one. */
export interface PlannedRelationship {
  source: Relationship;
  selfEnd: End;
  other: End;
  existingId?: string;
}

const SYSTEM: Record<EntityKind, string> = { practitioner: NS.ipc, organization: NS.ipc, location: NS.ifc };

/** Resolves and checks every relationship of the request against the registry; `self` is the entity's id (or a placeholder on create). */
export function planRelationships(check: Checker, content: MaintainContent, self: string, selfNames: Set<string>, registry: Registry, now: number): PlannedRelationship[] {
  const isSelf = (id: string | undefined) => id === undefined || selfNames.has(id) || id === self;
  const planned: PlannedRelationship[] = [];
  content.relationships.forEach((rel, i) => {
    const at = `Bundle.entry.where(resource is ${rel.resourceType})[${i}]`;
    const typed = rel.extension?.some((x) => x.url === EXT.relationshipType || x.url === EXT.locationRelationshipType) || (rel.code?.length ?? 0) > 0;
    check.mandatory(typed ? true : undefined, 'Relationship Type', `${at}.extension`);
    const code = typeCode(rel);
    const codes = typeCodesFor(rel);
    if (typed && code && !codes.list.includes(code)) check.add({ ...plainIssue('error', 'code-invalid', `Relationship Type '${code}' is not in ${codes.system} (${codes.list.join(', ')}).`), expression: [`${at}.extension`] });
    check.mandatory(rel.period?.start, 'Effective From', `${at}.period.start`);
    // bc-role-relationships: `practitioner 1..1`. Without one, the relationship named no provider at all and was
    // quietly taken to be the bundle's own.
    if (rel.resourceType === 'PractitionerRole' && !rel.practitioner) {
      check.mandatory(undefined, 'Practitioner', `${at}.practitioner`);
      return;
    }
    const ends = endsOf(rel);
    const selfEnd = ends.find((e) => e.kind === content.kind && isSelf(e.id));
    if (!selfEnd) {
      check.add(plainIssue('error', 'business-rule', `${at} does not point at the ${content.main.resourceType} of this bundle; a maintain only changes the relationships of its own provider or facility.`));
      return;
    }
    const others = ends.filter((e) => e !== selfEnd);
    if (others.length !== 1) {
      check.add(plainIssue('error', 'invariant', `${at} must link to exactly one other provider or facility (invariant-rltn-1 / invariant-rltn-2).`));
      return;
    }
    const other = others[0]!;
    const actual = other.id ? registry.kindOf(other.id) : undefined;
    if (actual !== other.kind) {
      if (content.kind === 'location' && rel.resourceType === 'OrganizationAffiliation' && actual) check.add(plrIssue('facilityOrgRelationship', { field: other.id, expression: at }));
      else check.add(plrIssue('relationshipTarget', { expression: at, diagnostics: `${other.id ?? '(no identifier)'} is not ${other.kind === 'location' ? 'a Location (IFC)' : `an ${other.kind} (IPC)`} in PLR.` }));
      return;
    }
    let existingId: string | undefined;
    if (rel.id && ID_PATTERN.reln.test(rel.id)) {
      const stored = registry.relationship(rel.id);
      if (!stored || !relationshipEnds(stored).includes(self)) {
        check.add(plrIssue('relationshipTarget', { expression: `${at}.id`, diagnostics: `${rel.id} is not a relationship of ${self}.` }));
        return;
      }
      existingId = rel.id;
    } else {
      existingId = registry
        .relationshipsOf(other.id!)
        .find((r) => r.resourceType === rel.resourceType && isCurrent(r, now) && relationshipEnds(r).includes(self) && typeCode(r) === typeCode(rel))?.id;
    }
    planned.push({ source: rel, selfEnd, other, existingId });
  });
  return planned;
}

export interface End {
  kind: EntityKind;
  id: string | undefined;
  slot: 'practitioner' | 'organization' | 'participatingOrganization' | 'location';
}

function endsOf(rel: Relationship): End[] {
  const ends: End[] = [];
  if (rel.resourceType === 'PractitionerRole') {
    ends.push({ kind: 'practitioner', id: refId(rel.practitioner), slot: 'practitioner' });
    if (rel.organization) ends.push({ kind: 'organization', id: refId(rel.organization), slot: 'organization' });
  } else {
    ends.push({ kind: 'organization', id: refId(rel.organization), slot: 'organization' });
    if (rel.participatingOrganization) ends.push({ kind: 'organization', id: refId(rel.participatingOrganization), slot: 'participatingOrganization' });
  }
  if (rel.location?.length) ends.push({ kind: 'location', id: refId(rel.location[0]), slot: 'location' });
  return ends;
}

/**
 * The codes a relationship's type may take: bc-location-relationship-type-code-system for a location relationship
 * (and `operatesfrom`, which the IG's 1.0.0 example uses although its code system lacks it), else
 * bc-relationship-type-code-system; an OrganizationAffiliation's `code` may be either.
 */
function typeCodesFor(rel: Relationship): { system: string; list: readonly string[] } {
  const ext = rel.extension?.find((x) => x.url === EXT.relationshipType || x.url === EXT.locationRelationshipType);
  if (ext?.url === EXT.locationRelationshipType) return { system: 'bc-location-relationship-type-code-system', list: LOCATION_RELATIONSHIP_TYPES };
  if (ext) return { system: 'bc-relationship-type-code-system', list: RELATIONSHIP_TYPES };
  return { system: 'bc-relationship-type-code-system or bc-location-relationship-type-code-system', list: [...RELATIONSHIP_TYPES, ...LOCATION_RELATIONSHIP_TYPES] };
}

export function typeCode(rel: Relationship): string {
  const ext = rel.extension?.find((x) => x.url === EXT.relationshipType || x.url === EXT.locationRelationshipType);
  return ext?.valueCodeableConcept?.coding?.[0]?.code ?? rel.code?.[0]?.coding?.[0]?.code ?? '';
}

/** The relationship to store: ends rewritten to identifier-only references to registry ids. */
export function buildRelationship(plan: PlannedRelationship, self: string): Relationship {
  const { source: rel, selfEnd, other } = plan;
  const copy = structuredClone(rel) as Relationship & Record<string, unknown>;
  const set = (end: End, id: string) => {
    const ref = identifierRef(SYSTEM[end.kind], id);
    if (end.slot === 'location') copy.location = [ref];
    else (copy as Record<string, fhir.Reference>)[end.slot] = ref;
  };
  set(selfEnd, self);
  set(other, other.id!);
  copy.meta = { profile: [profile(rel.resourceType === 'PractitionerRole' ? 'bc-role-relationships' : 'bc-organization-affiliation')] };
  return copy;
}
