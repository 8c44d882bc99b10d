// The registry: the immutable population with the store's overlay (maintained and created records) on top.
// Population practitioners are held as plans and rendered on demand; maintained ones are held as stored.
import type { Population } from '../../population/types.js';
import type { Store } from '../../store/index.js';
import type * as fhir from '../../fhir/types.js';
import { formatCpn, formatIfc, formatIpc, formatReln } from '../vocabulary.js';
import type { AttributeField } from './attribute-index.js';
import { attributeCandidates, populationPractitionerSteps, type AttributePattern, type PopulationPractitioners } from './population-practitioners.js';
import { drain, runInSlices } from './sliced.js';
import { refId, relationshipEnds, type Relationship } from './references.js';
import { countsOf, maxNumber, numberIn } from './registry-numbers.js';
import { createSearchIndex, type SearchIndex } from './search-index.js';

/** An individual provider: the Practitioner and its role PractitionerRole (id = IPC). */
export interface PractitionerEntry {
  ipc: string;
  cpn?: string;
  practitioner: fhir.Practitioner;
  role: fhir.PractitionerRole;
}

export type EntityKind = 'practitioner' | 'organization' | 'location';

export const COLLECTIONS = {
  practitioners: 'plr.practitioners',
  organizations: 'plr.organizations',
  locations: 'plr.locations',
  relationships: 'plr.relationships',
  counters: 'plr.counters',
} as const;

type Counter = 'ipc' | 'ifc' | 'reln' | 'cpn';
type Counters = Record<Counter, number>;

export interface Registry {
  practitioners(): Iterable<PractitionerEntry>;
  organizations(): Iterable<fhir.Organization>;
  locations(): Iterable<fhir.Location>;
  practitioner(ipc: string): PractitionerEntry | undefined;
  organization(ipc: string): fhir.Organization | undefined;
  location(ifc: string): fhir.Location | undefined;
  relationship(id: string): Relationship | undefined;
  /** Every relationship (PractitionerRole or OrganizationAffiliation) with an end at this id. */
  relationshipsOf(id: string): Relationship[];
  kindOf(id: string): EntityKind | undefined;
  /** Practitioners with an identifier (current or ended) of this value, any system, case-insensitive: an index, not a scan. */
  practitionersWithIdentifierValue(value: string): PractitionerEntry[];
  /** Identifier and name indexes (current with every put): candidate ids for a query, in registry order. */
  index(): SearchIndex;
  /** Candidate practitioner ids having any of these attribute values, in registry order; undefined when not indexed (scan). */
  practitionersWithAttribute(field: AttributeField, patterns: readonly AttributePattern[]): string[] | undefined;
  /** Practitioners with a PractitionerRole relationship (any period) to one of these organizations, in registry order. */
  practitionersRelatedTo(orgIds: readonly string[]): string[];
  putPractitioner(entry: PractitionerEntry): void;
  putOrganization(org: fhir.Organization): void;
  putLocation(location: fhir.Location): void;
  putRelationship(rel: Relationship): void;
  /** Allocates the next id of a kind (persisted, so ids are never reused within a run). */
  nextId(kind: Counter): string;
  /** Re-reads population + overlay on next use (after seed, reset or snapshot restore). */
  rebuild(): void;
  /** Builds now in slices that yield to the event loop (resolved at once when built); a synchronous use meanwhile finishes it. */
  warm(): Promise<void>;
  /** Whether the registry is built (no build, sliced or not, is pending). */
  isBuilt(): boolean;
  counts(): Record<string, number>;
  /** A change counter: moves on every put and rebuild, so a view made at one value is stale at another. */
  version(): number;
}

/** Builds the registry view. Population objects are never mutated; the overlay holds copies. */
export function createRegistry(population: Population, store: Store, options: { sliceSize?: number; sliceMs?: number } = {}): Registry {
  /** Plans indexed between two pauses of a sliced build. */
  const sliceSize = options.sliceSize ?? 500;
  /** Practitioners held as rendered: maintained or created ones (and a test double's whole population). */
  const practitioners = new Map<string, PractitionerEntry>();
  let planned: PopulationPractitioners | undefined;
  /** Population relationships replaced by a stored one (so they are counted once). */
  let replaced = 0;
  const organizations = new Map<string, fhir.Organization>();
  const locations = new Map<string, fhir.Location>();
  const relationships = new Map<string, Relationship>();
  const byEnd = new Map<string, Set<string>>();
  const search = createSearchIndex();
  let baseline: Counters = { ipc: 0, ifc: 0, reln: 0, cpn: 0 };
  let version = 0;

  const link = (rel: Relationship) => {
    for (const end of relationshipEnds(rel)) (byEnd.get(end) ?? byEnd.set(end, new Set()).get(end)!).add(rel.id!);
  };
  const unlink = (rel: Relationship | undefined) => {
    if (rel) for (const end of relationshipEnds(rel)) byEnd.get(end)?.delete(rel.id!);
  };
  const setRelationship = (rel: Relationship) => {
    if (!relationships.has(rel.id!) && planned?.isRelationship(rel.id!)) replaced += 1;
    unlink(relationships.get(rel.id!));
    relationships.set(rel.id!, rel);
    link(rel);
  };

  let built = false;
  /** A sliced build under way (see warm), finished by the first synchronous use. */
  let building: Generator<void, void> | undefined;
  let warming: Promise<void> | undefined;
  /** Nothing maintained yet: the population's own counts hold (health asks at start, before anyone queries PLR). */
  const untouched = () => Object.values(COLLECTIONS).every((c) => c === COLLECTIONS.counters || store.count(c) === 0);
  const populationCounts = () => countsOf(population);
  /** Builds on first use, so seed() and resume() at start-up do not each pay for a full read. */
  const ready = () => {
    if (built) return;
    const steps = building ?? buildSteps();
    building = undefined;
    drain(steps);
    built = true;
  };

  function* buildSteps(): Generator<void, void> {
    practitioners.clear();
    organizations.clear();
    locations.clear();
    relationships.clear();
    byEnd.clear();
    search.clear();
    replaced = 0;
    const source = population.plrPractitioners?.();
    planned = source ? yield* populationPractitionerSteps(source, (ipc, keys) => search.putPractitionerKeys(ipc, keys.identifiers, keys.families), sliceSize) : undefined;
    if (!source) {
      for (const p of population.providers()) {
        const role = p.roles.find((r) => r.id === p.ipc) ?? p.roles[0]!;
        const entry = { ipc: p.ipc, cpn: p.cpn, practitioner: p.practitioner, role };
        practitioners.set(p.ipc, entry);
        search.putPractitioner(entry);
        for (const r of p.roles) if (r !== role && r.id) setRelationship(r);
      }
    }
    yield;
    // The population renders its organizations on first use, at once (~40 ms for 400 at any practitioner count).
    for (const o of population.organizations()) {
      organizations.set(o.ipc, o.organization);
      search.putOrganization(o.organization);
      for (const a of o.affiliations) if (a.id) setRelationship(a);
    }
    for (const f of population.facilities()) {
      locations.set(f.ifc, f.location);
      search.putLocation(f.location);
    }
    yield;
    // The highest planned IPC and CPN numbers, a slice at a time (100,000 plans: ~70 ms in one go).
    let plannedIpc = 0;
    let plannedCpn = 0;
    for (let i = 0; i < (planned?.count ?? 0); i++) {
      if (i > 0 && i % sliceSize === 0) yield;
      plannedIpc = Math.max(plannedIpc, numberIn(planned!.ipcAt(i)));
      plannedCpn = Math.max(plannedCpn, numberIn(planned!.cpnAt(i)));
    }
    baseline = {
      ipc: Math.max(maxNumber([...practitioners.keys(), ...organizations.keys()]), plannedIpc),
      ifc: maxNumber(locations.keys()),
      reln: Math.max(maxNumber(relationships.keys()), planned?.lastRelationshipNumber ?? 0),
      cpn: Math.max(maxNumber([...practitioners.values()].map((p) => p.cpn ?? '')), plannedCpn),
    };
    for (const e of store.list<PractitionerEntry>(COLLECTIONS.practitioners)) {
      practitioners.set(e.ipc, e);
      search.putPractitioner(e);
    }
    for (const o of store.list<fhir.Organization>(COLLECTIONS.organizations)) {
      organizations.set(o.id!, o);
      search.putOrganization(o);
    }
    for (const l of store.list<fhir.Location>(COLLECTIONS.locations)) {
      locations.set(l.id!, l);
      search.putLocation(l);
    }
    for (const r of store.list<Relationship>(COLLECTIONS.relationships)) setRelationship(r);
  }

  const practitionerOf = (ipc: string): PractitionerEntry | undefined => {
    const held = practitioners.get(ipc);
    if (held || !planned) return held;
    const i = planned.indexOf(ipc);
    return i === undefined ? undefined : planned.at(i).entry;
  };
  /** Registry order: the population's, a maintained record in its place, then created ones. */
  function* allPractitioners(): Generator<PractitionerEntry> {
    if (planned) for (let i = 0; i < planned.count; i++) yield practitioners.get(planned.ipcAt(i)) ?? planned.at(i).entry;
    for (const [ipc, e] of practitioners) if (planned?.indexOf(ipc) === undefined) yield e;
  }
  /** The population's relationships at an end (not replaced by a stored one), then the held ones. */
  const relationshipsAt = (id: string): Relationship[] => {
    const held = [...(byEnd.get(id) ?? [])].map((rid) => relationships.get(rid)!).filter(Boolean);
    if (!planned) return held;
    const i = planned.indexOf(id);
    const fromPlans = i !== undefined ? planned.at(i).relationships : planned.relationshipIdsAt(id).flatMap((rid) => planned!.relationship(rid) ?? []);
    return [...fromPlans.filter((r) => !relationships.has(r.id!)), ...held];
  };
  /** Holders of the relationships at these ends, found from relationship numbers (nothing rendered). */
  const relatedPractitioners = (ends: readonly string[]): string[] => {
    const ipcs = new Set<string>();
    for (const end of ends) {
      for (const rid of planned?.relationshipIdsAt(end) ?? []) if (!relationships.has(rid)) ipcs.add(planned!.holderOf(rid)!);
      for (const rid of byEnd.get(end) ?? []) {
        const rel = relationships.get(rid);
        const holder = rel?.resourceType === 'PractitionerRole' ? refId(rel.practitioner) : undefined;
        if (holder) ipcs.add(holder);
      }
    }
    if (!planned) return [...practitioners.keys()].filter((ipc) => ipcs.has(ipc));
    const created = new Map([...practitioners.keys()].map((ipc, i) => [ipc, planned!.count + i]));
    const rank = (ipc: string) => planned!.indexOf(ipc) ?? created.get(ipc) ?? Number.MAX_SAFE_INTEGER;
    return [...ipcs].sort((a, b) => rank(a) - rank(b));
  };
  const practitionerCount = () => {
    let created = 0;
    if (planned) for (const ipc of practitioners.keys()) if (planned.indexOf(ipc) === undefined) created += 1;
    return (planned?.count ?? 0) + (planned ? created : practitioners.size);
  };

  return {
    practitioners: () => (ready(), allPractitioners()),
    organizations: () => (ready(), organizations.values()),
    locations: () => (ready(), locations.values()),
    practitioner: (ipc) => (ready(), practitionerOf(ipc)),
    organization: (ipc) => (ready(), organizations.get(ipc)),
    location: (ifc) => (ready(), locations.get(ifc)),
    relationship: (id) => (ready(), relationships.get(id) ?? planned?.relationship(id)),
    relationshipsOf: (id) => (ready(), relationshipsAt(id)),
    kindOf: (id) =>
      (ready(), practitioners.has(id) || planned?.indexOf(id) !== undefined ? 'practitioner' : organizations.has(id) ? 'organization' : locations.has(id) ? 'location' : undefined),
    practitionersWithIdentifierValue: (value) => (ready(), search.exact('practitioner', 'identifier', value).flatMap((ipc) => practitionerOf(ipc) ?? [])),
    index: () => (ready(), search),
    practitionersRelatedTo: (orgIds) => (ready(), relatedPractitioners(orgIds)),
    practitionersWithAttribute: (field, patterns) => (ready(), planned && attributeCandidates(planned, practitioners.keys(), field, patterns)),
    putPractitioner(entry) {
      ready();
      version += 1;
      store.put(COLLECTIONS.practitioners, entry.ipc, entry);
      const copy = structuredClone(entry);
      practitioners.set(entry.ipc, copy);
      search.putPractitioner(copy);
    },
    putOrganization(org) {
      ready();
      version += 1;
      store.put(COLLECTIONS.organizations, org.id!, org);
      const copy = structuredClone(org);
      organizations.set(org.id!, copy);
      search.putOrganization(copy);
    },
    putLocation(location) {
      ready();
      version += 1;
      store.put(COLLECTIONS.locations, location.id!, location);
      const copy = structuredClone(location);
      locations.set(location.id!, copy);
      search.putLocation(copy);
    },
    putRelationship(rel) {
      ready();
      version += 1;
      store.put(COLLECTIONS.relationships, rel.id!, rel);
      setRelationship(structuredClone(rel));
    },
    nextId(kind) {
      ready();
      const counters = store.get<Counters>(COLLECTIONS.counters, 'next') ?? { ...baseline };
      counters[kind] = Math.max(counters[kind], baseline[kind]) + 1;
      store.put(COLLECTIONS.counters, 'next', counters);
      const n = counters[kind];
      return kind === 'ipc' ? formatIpc(n) : kind === 'ifc' ? formatIfc(n) : kind === 'cpn' ? formatCpn(n) : formatReln(n);
    },
    rebuild: () => {
      version += 1;
      built = false;
      building = undefined;
      warming = undefined;
    },
    isBuilt: () => built,
    version: () => version,
    warm() {
      if (built) return Promise.resolve();
      if (warming) return warming;
      const steps = (building = buildSteps());
      const current = () => building === steps;
      const run = runInSlices(steps, current, () => {
        building = undefined;
        built = true;
      }, options.sliceMs).finally(() => {
        if (warming === run) warming = undefined;
      });
      warming = run;
      return run;
    },
    counts: () => (!built && untouched() ? populationCounts() : undefined) ?? (ready(), {
      practitioners: practitionerCount(),
      organizations: organizations.size,
      locations: locations.size,
      relationships: relationships.size + (planned?.relationshipCount ?? 0) - replaced,
      maintained: store.count(COLLECTIONS.practitioners) + store.count(COLLECTIONS.organizations) + store.count(COLLECTIONS.locations),
    }),
  };
}
