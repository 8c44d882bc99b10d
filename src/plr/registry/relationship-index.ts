// The registry's relationships (PractitionerRole and OrganizationAffiliation): the population's, planned and
// rendered on demand, with the held ones (stored, or the population's own rendered relationships) over them, and
// an index from each end (practitioner, organization, facility) to the relationships there.
import type { PopulationPractitioners } from './population-practitioners.js';
import { refId, relationshipEnds, type Relationship } from './references.js';
import { maxNumber } from './registry-numbers.js';

export type RelationshipIndex = ReturnType<typeof createRelationshipIndex>;

export function createRelationshipIndex() {
  const held = new Map<string, Relationship>();
  const byEnd = new Map<string, Set<string>>();
  let planned: PopulationPractitioners | undefined;
  /** Planned relationships replaced by a held one (so they are counted once). */
  let replaced = 0;

  const link = (rel: Relationship) => {
    for (const end of relationshipEnds(rel)) (byEnd.get(end) ?? byEnd.set(end, new Set()).get(end)!).add(rel.id!);
  };
  const unlink = (rel: Relationship | undefined) => {
    if (rel) for (const end of relationshipEnds(rel)) byEnd.get(end)?.delete(rel.id!);
  };

  return {
    /** Forgets every relationship; `plans` are the population's from now on (none for a population without plans). */
    reset(plans?: PopulationPractitioners) {
      held.clear();
      byEnd.clear();
      replaced = 0;
      planned = plans;
    },
    /** Holds `rel`, in place of a planned or held one with its id. */
    set(rel: Relationship) {
      if (!held.has(rel.id!) && planned?.isRelationship(rel.id!)) replaced += 1;
      unlink(held.get(rel.id!));
      held.set(rel.id!, rel);
      link(rel);
    },
    get: (id: string): Relationship | undefined => held.get(id) ?? planned?.relationship(id),
    /** The planned relationships at an end (not replaced by a held one), then the held ones. */
    at(id: string): Relationship[] {
      const here = [...(byEnd.get(id) ?? [])].map((rid) => held.get(rid)!).filter(Boolean);
      if (!planned) return here;
      const i = planned.indexOf(id);
      const fromPlans = i !== undefined ? planned.at(i).relationships : planned.relationshipIdsAt(id).flatMap((rid) => planned!.relationship(rid) ?? []);
      return [...fromPlans.filter((r) => !held.has(r.id!)), ...here];
    },
    /**
     * Holders of the PractitionerRoles at these ends, found from relationship numbers (nothing rendered), in
     * registry order: the population's, then the others of `heldIpcs` (the registry's held practitioners, in the
     * order they were held; every practitioner of a population without plans).
     */
    holdersAt(ends: readonly string[], heldIpcs: readonly string[]): string[] {
      const ipcs = new Set<string>();
      for (const end of ends) {
        for (const rid of planned?.relationshipIdsAt(end) ?? []) if (!held.has(rid)) ipcs.add(planned!.holderOf(rid)!);
        for (const rid of byEnd.get(end) ?? []) {
          const rel = held.get(rid);
          const holder = rel?.resourceType === 'PractitionerRole' ? refId(rel.practitioner) : undefined;
          if (holder) ipcs.add(holder);
        }
      }
      if (!planned) return heldIpcs.filter((ipc) => ipcs.has(ipc));
      const rank = new Map(heldIpcs.map((ipc, i) => [ipc, planned!.count + i]));
      const order = (ipc: string) => planned!.indexOf(ipc) ?? rank.get(ipc) ?? Number.MAX_SAFE_INTEGER;
      return [...ipcs].sort((a, b) => order(a) - order(b));
    },
    /** Every relationship, planned and held, each once. */
    count: () => held.size + (planned?.relationshipCount ?? 0) - replaced,
    /** The highest RELN number held or planned. */
    maxNumber: () => Math.max(maxNumber(held.keys()), planned?.lastRelationshipNumber ?? 0),
  };
}
