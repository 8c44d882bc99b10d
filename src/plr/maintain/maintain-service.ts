// One maintain, start to finish: unwrap, check everything, then write (so a failed rule rolls the whole request back).
import { isFhirBoom, type IssueInput } from '../../fhir/index.js';
import type * as fhir from '../../fhir/types.js';
import type { PlrContext } from '../context.js';
import { plainIssue, plrFailure, plrIssue, plrOutcome, PLR_CODES } from '../error-codes.js';
import { entityBundle } from '../query/entity-bundles.js';
import { isCurrent } from '../registry/current.js';
import { refId } from '../registry/references.js';
import type { EntityKind } from '../registry/registry.js';
import { canonicalSystem, FHIR_PATH, ID_PATTERN, NS } from '../vocabulary.js';
import { applyMaintain } from './apply.js';
import { canonicalSystems } from './canonical-systems.js';
import { Checker } from './checker.js';
import { classify, type MaintainContent } from './parse.js';
import { planRelationships } from './relationships.js';
import { prune } from './prune.js';
import { assertShape } from './shape.js';
import { listSizes, sourceIdentifiers, validateEntity } from './validate-entity.js';

export interface MaintainResult {
  id: string;
  kind: EntityKind;
  created: boolean;
  /** The provider or facility as it now stands (current data). */
  bundle: fhir.Bundle;
  outcome: fhir.OperationOutcome;
}

/** Codes that mean "the registry's state forbids it" (422) rather than "the request is malformed" (400). */
const BUSINESS_CODES = new Set([PLR_CODES.duplicate.code, PLR_CODES.relationshipTarget.code, PLR_CODES.facilityOrgRelationship.code]);

function existingIdOf(ctx: PlrContext, content: MaintainContent, check: Checker): string | undefined {
  const m = content.main;
  const pattern = content.kind === 'location' ? ID_PATTERN.ifc : ID_PATTERN.ipc;
  const system = canonicalSystem(content.kind === 'location' ? NS.ifc : NS.ipc);
  const claimed = (m.id && pattern.test(m.id) ? m.id : undefined) ?? m.identifier?.find((i) => canonicalSystem(i.system) === system)?.value;
  if (!claimed) return undefined;
  if (ctx.registry.kindOf(claimed) !== content.kind) {
    check.add(plrIssue('relationshipTarget', { expression: `${m.resourceType}.id`, diagnostics: `${claimed} is not a ${m.resourceType} in PLR; leave the id out to create one.` }));
    return undefined;
  }
  return claimed;
}

/** 7033 for a create that repeats an existing record; 7055 (warning) for a facility at a known address. */
function duplicates(ctx: PlrContext, content: MaintainContent, check: Checker, now: number): void {
  const key = (i: fhir.Identifier) => `${canonicalSystem(i.system)}|${i.value?.toLowerCase()}`;
  const wanted = new Set(sourceIdentifiers(content.main.identifier).map(key));
  const clash = (ids: fhir.Identifier[] | undefined) => (ids ?? []).some((i) => isCurrent(i, now) && wanted.has(key(i)));
  if (content.kind === 'practitioner') {
    const role = content.role?.code?.[0]?.coding?.[0]?.code;
    const candidates = new Set(sourceIdentifiers(content.main.identifier).flatMap((i) => (i.value ? ctx.registry.practitionersWithIdentifierValue(i.value) : [])));
    for (const p of candidates) {
      if (clash(p.practitioner.identifier) && p.role.code?.[0]?.coding?.[0]?.code === role) return check.add(plrIssue('duplicate', { expression: 'Practitioner.identifier', diagnostics: `${p.ipc} already has this identifier and role.` }));
    }
  } else if (content.kind === 'organization') {
    for (const o of ctx.registry.organizations()) if (clash(o.identifier)) return check.add(plrIssue('duplicate', { expression: 'Organization.identifier', diagnostics: `${o.id} already has this identifier.` }));
  } else {
    const loc = content.main as fhir.Location;
    const addr = `${loc.address?.line?.[0]}|${loc.address?.city}`.toLowerCase();
    for (const l of ctx.registry.locations()) {
      if (clash(l.identifier)) return check.add(plrIssue('duplicate', { expression: 'Location.identifier', diagnostics: `${l.id} already has this identifier.` }));
      if (loc.address?.line?.[0] && `${l.address?.line?.[0]}|${l.address?.city}`.toLowerCase() === addr) check.add(plrIssue('duplicateFacilityAddress', { field: l.id }));
    }
  }
}

/** Invariant prac-bundle-1: the role PractitionerRole points at an identifier of the Practitioner. */
function roleInvariant(content: MaintainContent, existingId: string | undefined, check: Checker): void {
  if (content.kind !== 'practitioner' || !content.role) return;
  const target = refId(content.role.practitioner);
  const own = new Set([...(content.main.identifier ?? []).map((i) => i.value), existingId, ...content.localNames]);
  if (target && !own.has(target)) check.add(plainIssue('error', 'invariant', `The PractitionerRole points at ${target}, which is not an identifier of the Practitioner in this bundle (invariant-prac-bundle-1).`));
}

/** Every check, with nothing written; a malformed value that slips past the shape check is a 400, not a crash. */
function checkMaintain(ctx: PlrContext, rawBundle: fhir.Bundle, now: number, at: string) {
  try {
    const content = classify(canonicalSystems(prune(rawBundle)));
    const check = new Checker();
    // An over-long list is refused before any rule walks it.
    if (!listSizes(check, content)) return { content, check, existingId: undefined, plans: [] };
    const existingId = existingIdOf(ctx, content, check);
    const creating = !existingId && !check.hasErrors();
    validateEntity(check, content, creating, now, at.slice(0, 10));
    roleInvariant(content, existingId, check);
    if (creating) duplicates(ctx, content, check, now);
    const selfNames = new Set([...(content.main.identifier ?? []).map((i) => i.value!).filter(Boolean), ...content.localNames]);
    const plans = planRelationships(check, content, existingId ?? '(new)', selfNames, ctx.registry, now);
    return { content, check, existingId, plans };
  } catch (err) {
    if (isFhirBoom(err) || !(err instanceof TypeError)) throw err;
    throw plrFailure(400, plainIssue('error', 'structure', `The maintain Bundle is not shaped as FHIR R4 JSON expects (${err.message}).`));
  }
}

/** Runs one maintain bundle. Throws a coded OperationOutcome (nothing written) when any rule fails. */
export function runMaintain(ctx: PlrContext, rawBundle: fhir.Bundle): MaintainResult {
  const { clock } = ctx.deps;
  // One instant for the whole maintain: what it ends, it ends at the instant it judges current by, so a value it
  // has ended is no longer current to the rest of the request (a later reading ended each one again per value).
  const now = clock.now();
  const at = new Date(now).toISOString();
  assertShape(rawBundle);
  const { content, check, existingId, plans } = checkMaintain(ctx, rawBundle, now, at);
  if (check.hasErrors()) {
    const errors = check.issues.filter((i) => i.severity === 'error');
    const business = errors.some((i) => BUSINESS_CODES.has(i.details?.coding?.[0]?.code ?? ''));
    throw plrFailure(business ? 422 : 400, ...check.issues);
  }
  const applied = applyMaintain(ctx.registry, content, existingId, plans, { at, now });
  const warnings: IssueInput[] = check.issues.filter((i) => i.severity !== 'error');
  const baseUrl = `${ctx.deps.config.baseUrl}/plr${FHIR_PATH}`;
  const bundle = entityBundle(applied.id, { registry: ctx.registry, now, timestamp: clock.iso(), baseUrl, mode: 'current' })!;
  return { id: applied.id, kind: content.kind, created: applied.created, bundle, outcome: plrOutcome(plrIssue('processed'), ...warnings) };
}

