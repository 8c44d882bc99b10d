// The registry: the immutable population with the store's overlay (maintained and created records) on top.
// Population practitioners are held as plans and rendered on demand; maintained ones are held as stored.
import { keepNewestEnded } from './ended-history.js';
import type { Population } from '../../population/types.js';
import type { Store } from '../../store/index.js';
import type * as fhir from '../../fhir/types.js';
import { formatCpn, formatIfc, formatIpc, formatReln } from '../vocabulary.js';
import { attributeCandidates, populationPractitionerSteps, type PopulationPractitioners } from './population-practitioners.js';
import { drain, runInSlices } from './sliced.js';
import type { Relationship } from './references.js';
import { createRelationshipIndex } from './relationship-index.js';
import { countsOf, maxNumber, numberIn } from './registry-numbers.js';
import { COLLECTIONS, type Counters, type PractitionerEntry, type Registry } from './registry-model.js';
import { createSearchIndex } from './search-index.js';

export { COLLECTIONS, type Counter, type Counters, type EntityKind, type PractitionerEntry, type Registry } from './registry-model.js';

/** Organizations or facilities rendered (or indexed) between two pauses of a sliced build. */
const RENDER_SLICE = 25;

/** Builds the registry view. Population objects are never mutated; the overlay holds copies. */
export function createRegistry(population: Population, store: Store, options: { sliceSize?: number; sliceMs?: number; endedKeep?: number } = {}): Registry {
  const endedKeep = options.endedKeep ?? Infinity;
  /**
   * Plans indexed between two pauses of a sliced build. A slice runs pauses until `sliceMs` has passed, so a turn
   * lasts about sliceMs plus one step: 500 plans took 15-33 ms while the HCIM index workers held the other core.
   */
  const sliceSize = options.sliceSize ?? 100;
  /** Practitioners held as rendered: maintained or created ones (and a test double's whole population). */
  const practitioners = new Map<string, PractitionerEntry>();
  let planned: PopulationPractitioners | undefined;
  const organizations = new Map<string, fhir.Organization>();
  const locations = new Map<string, fhir.Location>();
  const relationships = createRelationshipIndex();
  const search = createSearchIndex();
  let baseline: Counters = { ipc: 0, ifc: 0, reln: 0, cpn: 0 };
  let version = 0;

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
    relationships.reset();
    search.clear();
    const source = population.plrPractitioners?.();
    planned = source ? yield* populationPractitionerSteps(source, (ipc, keys) => search.putPractitionerKeys(ipc, keys.identifiers, keys.families), sliceSize) : undefined;
    relationships.reset(planned);
    if (!source) {
      for (const p of population.providers()) {
        const role = p.roles.find((r) => r.id === p.ipc) ?? p.roles[0]!;
        const entry = { ipc: p.ipc, cpn: p.cpn, practitioner: p.practitioner, role };
        practitioners.set(p.ipc, entry);
        search.putPractitioner(entry);
        for (const r of p.roles) if (r !== role && r.id) relationships.set(r);
      }
    }
    yield;
    // The organizations and facilities, rendered a few at a time (400 and 600 took ~30 ms in one go, 40-60 ms while
    // the HCIM index workers held the other core), then indexed the same way.
    if (population.renderPlrSteps) yield* population.renderPlrSteps(RENDER_SLICE);
    let n = 0;
    for (const o of population.organizations()) {
      organizations.set(o.ipc, o.organization);
      search.putOrganization(o.organization);
      for (const a of o.affiliations) if (a.id) relationships.set(a);
      if (++n % RENDER_SLICE === 0) yield;
    }
    for (const f of population.facilities()) {
      locations.set(f.ifc, f.location);
      search.putLocation(f.location);
      if (++n % RENDER_SLICE === 0) yield;
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
      reln: relationships.maxNumber(),
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
    for (const r of store.list<Relationship>(COLLECTIONS.relationships)) relationships.set(r);
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
    relationship: (id) => (ready(), relationships.get(id)),
    relationshipsOf: (id) => (ready(), relationships.at(id)),
    kindOf: (id) =>
      (ready(), practitioners.has(id) || planned?.indexOf(id) !== undefined ? 'practitioner' : organizations.has(id) ? 'organization' : locations.has(id) ? 'location' : undefined),
    practitionersWithIdentifierValue: (value) => (ready(), search.exact('practitioner', 'identifier', value).flatMap((ipc) => practitionerOf(ipc) ?? [])),
    index: () => (ready(), search),
    practitionersRelatedTo: (orgIds) => (ready(), relationships.holdersAt(orgIds, [...practitioners.keys()])),
    practitionersWithAttribute: (field, patterns) => (ready(), planned && attributeCandidates(planned, practitioners.keys(), field, patterns)),
    putPractitioner(given) {
      ready();
      const entry = keepNewestEnded(given, endedKeep);
      version += 1;
      store.put(COLLECTIONS.practitioners, entry.ipc, entry);
      const copy = structuredClone(entry);
      practitioners.set(entry.ipc, copy);
      search.putPractitioner(copy);
    },
    putOrganization(given) {
      ready();
      const org = keepNewestEnded(given, endedKeep);
      version += 1;
      store.put(COLLECTIONS.organizations, org.id!, org);
      const copy = structuredClone(org);
      organizations.set(org.id!, copy);
      search.putOrganization(copy);
    },
    putLocation(given) {
      ready();
      const location = keepNewestEnded(given, endedKeep);
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
      relationships.set(structuredClone(rel));
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
      relationships: relationships.count(),
      maintained: store.count(COLLECTIONS.practitioners) + store.count(COLLECTIONS.organizations) + store.count(COLLECTIONS.locations),
    }),
  };
}
