// The population's practitioners as plans, rendered one at a time on demand: a registry of 100k practitioners
// need not hold 100k rendered FHIR resources. Each provider's RELN ids are fixed by its place in the plan order.
import type { PlrProvider } from '../types.js';
import type { FacilityPlan } from './facility-plan.js';
import { createRelationshipIds } from './ids.js';
import type { OrgPlan } from './org-plan.js';
import type { PractitionerPlan } from './practitioner-plan.js';
import { buildProvider, plannedRelationships, plannedSearchKeys, plannedTargetId, type PlannedAttributes } from './practitioners.js';

export interface PractitionerSource {
  readonly count: number;
  /** The record index of a population practitioner's IPC; undefined for any other id. */
  indexOf(ipc: string): number | undefined;
  plan(index: number): PractitionerPlan;
  /** A freshly rendered provider (callers may cache it); identical to the one in `Population.providers()`. */
  render(index: number): PlrProvider;
  /** Identifier values, surnames (current and former) and query attributes the rendered provider carries. */
  searchKeys(index: number): { identifiers: string[]; families: string[]; attributes: PlannedAttributes };
  /** Relationship numbers (`n` of RELN.<10001 + n>.PRS) of the provider's relationships: [first, end). */
  relationships(index: number): readonly [first: number, end: number];
  /** The far end (organization IPC or facility IFC) of each of the provider's relationships, in RELN order. */
  relationshipTargets(index: number): string[];
  /** The provider holding relationship number `n`, if a population practitioner does. */
  ownerOf(n: number): number | undefined;
}

const IPC = /^IPC\.(\d{8})\.BC\.PRS$/;

/** `firstRelationship`: the RELN counter after the organizations' affiliations (they are numbered first). */
export function createPractitionerSource(plans: readonly PractitionerPlan[], orgs: readonly OrgPlan[], facilities: readonly FacilityPlan[], firstRelationship: number, referenceDay: number): PractitionerSource {
  const starts = new Int32Array(plans.length + 1);
  starts[0] = firstRelationship;
  plans.forEach((p, i) => (starts[i + 1] = starts[i]! + plannedRelationships(p, orgs, facilities).length));
  const indexOf = (ipc: string) => {
    const m = IPC.exec(ipc);
    const i = m ? Number(m[1]) - 100_001 : -1;
    return i >= 0 && i < plans.length && plans[i]!.ipc === ipc ? i : undefined;
  };
  return {
    count: plans.length,
    indexOf,
    plan: (i) => plans[i]!,
    render: (i) => buildProvider(plans[i]!, orgs, facilities, createRelationshipIds(starts[i]!), referenceDay),
    searchKeys: (i) => plannedSearchKeys(plans[i]!, orgs),
    relationships: (i) => [starts[i]!, starts[i + 1]!],
    relationshipTargets: (i) => plannedRelationships(plans[i]!, orgs, facilities).map(plannedTargetId),
    ownerOf(n) {
      if (n < starts[0]! || n >= starts[plans.length]!) return undefined;
      let lo = 0;
      let hi = plans.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= n) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}
