// Reading PLR references: identifier-only (`reference.identifier.value`) as the IG does, or literal `Type/id`.
import type * as fhir from '../../fhir/types.js';

/** The registry id a reference points at (IPC, IFC), or undefined. */
export function refId(ref: fhir.Reference | undefined): string | undefined {
  const value = ref?.identifier?.value?.trim();
  if (value) return value;
  const literal = ref?.reference?.trim();
  return literal ? literal.split('/').pop() : undefined;
}

/** A relationship resource: a PractitionerRole (bc-role-relationships) or an OrganizationAffiliation. */
export type Relationship = fhir.PractitionerRole | fhir.OrganizationAffiliation;

/** Every registry id a relationship resource points at. */
export function relationshipEnds(rel: Relationship): string[] {
  const ends =
    rel.resourceType === 'PractitionerRole'
      ? [refId(rel.practitioner), refId(rel.organization), ...(rel.location ?? []).map(refId)]
      : [refId(rel.organization), refId(rel.participatingOrganization), ...(rel.location ?? []).map(refId)];
  return ends.filter((e): e is string => Boolean(e));
}

/** The source end: the practitioner of a PractitionerRole, the organization of an affiliation. */
export function relationshipSource(rel: Relationship): string | undefined {
  return rel.resourceType === 'PractitionerRole' ? refId(rel.practitioner) : refId(rel.organization);
}

/** The target end: the organization or location a relationship points to. */
export function relationshipTarget(rel: Relationship): string | undefined {
  if (rel.resourceType === 'PractitionerRole') return refId(rel.organization) ?? refId(rel.location?.[0]);
  return refId(rel.participatingOrganization) ?? refId(rel.location?.[0]);
}

/** An identifier-only reference in the IG's style. */
export function identifierRef(system: string, value: string, display?: string): fhir.Reference {
  return display ? { identifier: { system, value }, display } : { identifier: { system, value } };
}
