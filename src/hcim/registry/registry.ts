// The registry's state: the immutable population overlaid by store records (changes, adds, merges, sources).
import type * as fhir from '../../fhir/types.js';
import { isValidPhn } from '../../population/phn.js';
import type { Population } from '../../population/types.js';
import { newestOf, replayWindow, type Store } from '../../store/index.js';
import { PHN_SYSTEM } from '../identifiers.js';
import type { MatchablePerson } from '../matching/engine.js';
import { createRegistryLookups } from './lookups.js';
import { personFromClient, type Person, type SourceRecord } from './person.js';
import { recentPersons } from './recent-persons.js';
import { COLLECTIONS, sourceKey } from './store-keys.js';

/**
 * New PHNs come from above the population's generated range (digits 2-8 from 6,250,000 up are never
 * generated; see population/phn-codec.ts), skipping invalid check digits and fixture PHNs.
 */
const FIRST_NEW_PHN_BODY = 990_000_000;
/** The counters key of the next SourceRecord.seq. */
const SEQ_COUNTER = 'seq';

export interface Registry {
  /** The current record of a PHN, merged or not, as the caller's own copy; undefined when the registry never knew it. */
  get(phn: string): Person | undefined;
  /** The same record for reading only: the stored value or the population's, shared, never to be changed. */
  view(phn: string): Readonly<Person> | undefined;
  /** Follows merges to the surviving record (the caller's own copy when it is another record). */
  survivorOf(person: Person): Person;
  survivorOf(person: Readonly<Person>): Readonly<Person>;
  /** The current view of population record `index`, for the matcher. */
  matchable(index: number): MatchablePerson | undefined;
  /** Added persons and changed population records, for the matcher. */
  overlay(): Array<MatchablePerson & { motherPhn?: string }>;
  save(person: Person): void;
  source(partner: string, system: string, value: string): SourceRecord | undefined;
  /** The source record of any partner with this identifier (GetDemographics by SRI), for reading. */
  sourceByIdentifier(system: string, value: string): Readonly<SourceRecord> | undefined;
  /** The partners that filed source records under this identifier system. */
  sourcePartners(system: string): string[];
  saveSource(record: SourceRecord): void;
  /**
   * The tie-break number the next filing takes (SourceRecord.seq): above every stored record's, registry-wide, so
   * records filed at one instant under different persons still compare after a merge. Kept in the store (it follows a
   * restart and a snapshot restore with the records); saving a record moves it past that record's.
   */
  nextSeq(): number;
  /** The source records filed under a PHN with an SRI (what answers list), for reading. */
  sourcesOf(phn: string): Array<Readonly<SourceRecord>>;
  /** Every record the person's composite is derived from: its SRIs' and those filed by PHN alone, for reading. */
  recordsOf(phn: string): Array<Readonly<SourceRecord>>;
  /** The person's base record: the population's generated Patient; undefined for a person a POS added. */
  baseOf(phn: string): Readonly<fhir.Patient> | undefined;
  /** PHNs merged into this survivor (overlay merges and the population's merged fixture). */
  mergedInto(phn: string): string[];
  /** Assigns a fresh valid PHN nobody holds. */
  assignPhn(): string;
  /** Records a message id for a partner; false when it was seen before. */
  claimMessageId(partner: string, messageId: string, at: string): boolean;
  counts(): Record<string, number>;
  /** Forgets what it derived from the store: a reset or a snapshot restore replaced it. */
  forget(): void;
}

/** Message ids are remembered this long (simulated time) by default, like the real duplicate window. */
const DAY_MS = 86_400_000;

export interface RegistryBounds {
  /** How long message ids are remembered (simulated milliseconds). Default a day. */
  messageWindowMs?: number;
  /** Most message ids remembered whatever their age. */
  messageKeep?: number;
  /** Most earlier revisions a person keeps for `history` (oldest dropped): each write stores the whole person. */
  revisionKeep?: number;
}

export function createRegistry(store: Store, population: Population, bounds: RegistryBounds = {}): Registry {
  const { messageWindowMs = DAY_MS, messageKeep = Infinity, revisionKeep = Infinity } = bounds;
  const get = (phn: string): Person | undefined => {
    const stored = store.get<Person>(COLLECTIONS.persons, phn);
    if (stored) return stored;
    const client = population.clientByPhn(phn);
    return client ? personFromClient(client) : undefined;
  };
  const recent = recentPersons(population);
  const messages = replayWindow<{ partner: string; messageId: string; at: string }>(store, COLLECTIONS.messages, {
    windowMs: messageWindowMs,
    keep: messageKeep,
    keyOf: (v) => `${v.partner}|${v.messageId}`,
  });
  const view = (phn: string): Readonly<Person> | undefined => store.view<Person>(COLLECTIONS.persons, phn) ?? recent.byPhn(phn);
  /** The merged fixture's survivor as the population generated it (the population never changes): looked up once. */
  const generatedSurvivor = new Map<string, string | undefined>();
  const populationSurvivorOf = (phn: string): string | undefined => {
    if (!generatedSurvivor.has(phn)) generatedSurvivor.set(phn, population.clientByPhn(phn)?.survivorPhn);
    return generatedSurvivor.get(phn);
  };
  const lookups = createRegistryLookups(store);
  /** The stored records under `keys` that `belongs` accepts (a check of what the lookup promised). */
  const sourcesAt = (keys: Iterable<string>, belongs: (s: Readonly<SourceRecord>) => boolean): Array<Readonly<SourceRecord>> => {
    const out: Array<Readonly<SourceRecord>> = [];
    for (const key of keys) {
      const s = store.view<SourceRecord>(COLLECTIONS.sources, key);
      if (s && belongs(s)) out.push(s);
    }
    return out;
  };
  const recordsOf = (phn: string): Array<Readonly<SourceRecord>> => sourcesAt(lookups.sourceKeysOf(phn), (s) => s.phn === phn);
  /** An older sandbox numbered records per person and kept no counter: the first number is above all of those. */
  const nextSeq = (): number => {
    const kept = store.view<{ next: number }>(COLLECTIONS.counters, SEQ_COUNTER);
    if (kept) return kept.next;
    let highest = 0;
    for (const s of store.values<SourceRecord>(COLLECTIONS.sources)) highest = Math.max(highest, s.seq ?? 0);
    return highest + 1;
  };
  const toMatchable = (p: Readonly<Person>): MatchablePerson & { motherPhn?: string } => ({ phn: p.phn, patient: p.patient, searchable: p.status !== 'merged', motherPhn: p.motherPhn });
  const registry: Registry = {
    get,
    view,
    survivorOf(person: Readonly<Person>): Person {
      let current = person;
      for (let hops = 0; current.status === 'merged' && current.survivorPhn && hops < 10; hops++) {
        const next = get(current.survivorPhn);
        if (!next) break;
        current = next;
      }
      return current;
    },
    matchable(index) {
      if (index >= population.options.sizes.patients) return undefined;
      const generated = recent.byIndex(index);
      return toMatchable(store.view<Person>(COLLECTIONS.persons, generated.phn) ?? generated);
    },
    overlay: () => Array.from(store.values<Person>(COLLECTIONS.persons), toMatchable),
    save(person) {
      const before = store.view<Person>(COLLECTIONS.persons, person.phn);
      store.put(COLLECTIONS.persons, person.phn, person.history.length > revisionKeep ? { ...person, history: newestOf(person.history, revisionKeep) } : person);
      lookups.personSaved(before, person);
    },
    source: (partner, system, value) => store.get<SourceRecord>(COLLECTIONS.sources, sourceKey(partner, system, value)),
    sourceByIdentifier: (system, value) => sourcesAt(lookups.sourceKeysWith(system, value), (s) => s.system === system && s.value === value)[0],
    sourcePartners(system) {
      const partners = new Set<string>();
      for (const s of store.values<SourceRecord>(COLLECTIONS.sources)) if (s.system === system) partners.add(s.partner);
      return [...partners];
    },
    saveSource(record) {
      const key = sourceKey(record.partner, record.system, record.value);
      const before = store.view<SourceRecord>(COLLECTIONS.sources, key);
      // Read before the record is stored: a store without the counter yet derives it from the stored records.
      const next = nextSeq();
      // A record filed under another PHN now goes last in the store, as it does in the lookups, so a restart lists
      // the new person's records in the order they came to it.
      if (before && before.phn !== record.phn) store.remove(COLLECTIONS.sources, key);
      store.put(COLLECTIONS.sources, key, record);
      lookups.sourceSaved(key, before, record);
      if (record.seq !== undefined && record.seq >= next) store.put(COLLECTIONS.counters, SEQ_COUNTER, { next: record.seq + 1 });
    },
    nextSeq,
    mergedInto(phn) {
      const found = [...lookups.mergedInto(phn)].filter((merged) => {
        const stored = store.view<Person>(COLLECTIONS.persons, merged);
        return stored?.status === 'merged' && stored.survivorPhn === phn;
      });
      // The population's merged fixture: its stored record when the store holds one, else the population's.
      const fixture = population.fixtures.mergedPhn;
      if (fixture && !found.includes(fixture)) {
        const stored = store.view<Person>(COLLECTIONS.persons, fixture);
        if ((stored ? stored.survivorPhn : populationSurvivorOf(fixture)) === phn) found.push(fixture);
      }
      return found.sort();
    },
    sourcesOf: (phn) => recordsOf(phn).filter((s) => s.system !== PHN_SYSTEM),
    recordsOf,
    baseOf: (phn) => population.clientByPhn(phn)?.patient,
    assignPhn() {
      let body = store.get<{ next: number }>(COLLECTIONS.counters, 'phn')?.next ?? FIRST_NEW_PHN_BODY;
      for (;;) {
        const phn = `9${String(body).padStart(9, '0')}`;
        body += 1;
        if (isValidPhn(phn) && !get(phn)) {
          store.put(COLLECTIONS.counters, 'phn', { next: body });
          return phn;
        }
      }
    },
    claimMessageId: (partner, messageId, at) => messages.claim(`${partner}|${messageId}`, { partner, messageId, at }, Date.parse(at)),
    forget: () => lookups.forget(),
    counts: () => ({
      persons: store.count(COLLECTIONS.persons),
      sources: store.count(COLLECTIONS.sources),
      messages: store.count(COLLECTIONS.messages),
      subscriptions: store.count(COLLECTIONS.subscriptions),
    }),
  };
  return registry;
}
