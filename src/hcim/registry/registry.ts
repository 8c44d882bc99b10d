// The registry's state: the immutable population overlaid by store records (changes, adds, merges, sources).
import { isValidPhn } from '../../population/phn.js';
import type { Population } from '../../population/types.js';
import { forgetOlderThan, type Store } from '../../store/index.js';
import type { MatchablePerson } from '../matching/engine.js';
import { personFromClient, type Person, type SourceRecord } from './person.js';
import { COLLECTIONS, sourceKey } from './store-keys.js';

/**
 * New PHNs come from above the population's generated range (digits 2-8 from 6,250,000 up are never
 * generated; see population/phn-codec.ts), skipping invalid check digits and fixture PHNs.
 */
const FIRST_NEW_PHN_BODY = 990_000_000;

export interface Registry {
  /** The current record of a PHN, merged or not; undefined when the registry never knew it. */
  get(phn: string): Person | undefined;
  /** Follows merges to the surviving record. */
  survivorOf(person: Person): Person;
  /** The current view of population record `index`, for the matcher. */
  matchable(index: number): MatchablePerson | undefined;
  /** Added persons and changed population records, for the matcher. */
  overlay(): Array<MatchablePerson & { motherPhn?: string }>;
  save(person: Person): void;
  source(partner: string, system: string, value: string): SourceRecord | undefined;
  /** The source record of any partner with this identifier (GetDemographics by SRI). */
  sourceByIdentifier(system: string, value: string): SourceRecord | undefined;
  /** The partners that filed source records under this identifier system. */
  sourcePartners(system: string): string[];
  saveSource(record: SourceRecord): void;
  sourcesOf(phn: string): SourceRecord[];
  /** PHNs merged into this survivor (overlay merges and the population's merged fixture). */
  mergedInto(phn: string): string[];
  /** Assigns a fresh valid PHN nobody holds. */
  assignPhn(): string;
  /** Records a message id for a partner; false when it was seen before. */
  claimMessageId(partner: string, messageId: string, at: string): boolean;
  counts(): Record<string, number>;
}

/** Message ids are remembered this long (simulated time) by default, like the real duplicate window. */
const DAY_MS = 86_400_000;

export function createRegistry(store: Store, population: Population, messageWindowMs = DAY_MS, messageKeep = Infinity): Registry {
  const get = (phn: string): Person | undefined => {
    const stored = store.get<Person>(COLLECTIONS.persons, phn);
    if (stored) return stored;
    const client = population.clientByPhn(phn);
    return client ? personFromClient(client) : undefined;
  };
  const toMatchable = (p: Person): MatchablePerson & { motherPhn?: string } => ({ phn: p.phn, patient: p.patient, searchable: p.status !== 'merged', motherPhn: p.motherPhn });
  const registry: Registry = {
    get,
    survivorOf(person) {
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
      const client = population.client(index);
      const stored = store.get<Person>(COLLECTIONS.persons, client.phn);
      return toMatchable(stored ?? personFromClient(client));
    },
    overlay: () => store.list<Person>(COLLECTIONS.persons).map(toMatchable),
    save: (person) => void store.put(COLLECTIONS.persons, person.phn, person),
    source: (partner, system, value) => store.get<SourceRecord>(COLLECTIONS.sources, sourceKey(partner, system, value)),
    sourceByIdentifier: (system, value) => store.find<SourceRecord>(COLLECTIONS.sources, (s) => s.system === system && s.value === value)[0],
    sourcePartners: (system) => [...new Set(store.find<SourceRecord>(COLLECTIONS.sources, (s) => s.system === system).map((s) => s.partner))],
    saveSource: (record) => void store.put(COLLECTIONS.sources, sourceKey(record.partner, record.system, record.value), record),
    mergedInto(phn) {
      const found = new Set(store.find<Person>(COLLECTIONS.persons, (p) => p.survivorPhn === phn && p.status === 'merged').map((p) => p.phn));
      const fixture = population.fixtures.mergedPhn;
      if (fixture && !found.has(fixture) && get(fixture)?.survivorPhn === phn) found.add(fixture);
      return [...found].sort();
    },
    sourcesOf: (phn) => store.find<SourceRecord>(COLLECTIONS.sources, (s) => s.phn === phn),
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
    claimMessageId(partner, messageId, at) {
      const key = `${partner}|${messageId}`;
      forgetOlderThan<{ partner: string; messageId: string; at: string }>(store, COLLECTIONS.messages, Date.parse(at), messageWindowMs, (v) => `${v.partner}|${v.messageId}`, messageKeep);
      if (store.has(COLLECTIONS.messages, key)) return false;
      store.put(COLLECTIONS.messages, key, { partner, messageId, at });
      return true;
    },
    counts: () => ({
      persons: store.count(COLLECTIONS.persons),
      sources: store.count(COLLECTIONS.sources),
      messages: store.count(COLLECTIONS.messages),
      subscriptions: store.count(COLLECTIONS.subscriptions),
    }),
  };
  return registry;
}
