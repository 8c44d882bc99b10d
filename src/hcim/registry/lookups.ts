// What reads ask of the registry's stored records on every answer: a person's source records, the records under an
// identifier, the PHNs merged into a survivor. Scanning the stored records for them made each read cost more with
// everything ever written (FindCandidates asked once per candidate). Kept in memory instead: built from the store on
// first use, kept current by the registry's writes (the only writers of these collections), and dropped when a reset
// or a snapshot restore replaces the store (`forget`, from the HCIM system's `resume`).
import type { Store } from '../../store/index.js';
import type { Person, SourceRecord } from './person.js';
import { COLLECTIONS } from './store-keys.js';

export interface RegistryLookups {
  /** Keys of the source records filed under a PHN, in the store's order: first filed under it first. */
  sourceKeysOf(phn: string): Iterable<string>;
  /** Keys of the source records with this identifier, any partner's. */
  sourceKeysWith(system: string, value: string): Iterable<string>;
  /** PHNs the store records as merged into this survivor. */
  mergedInto(survivorPhn: string): Iterable<string>;
  /** After the store took `record` under `key`, replacing `before`. */
  sourceSaved(key: string, before: Readonly<SourceRecord> | undefined, record: Readonly<SourceRecord>): void;
  /** After the store took `person`, replacing `before`. */
  personSaved(before: Readonly<Person> | undefined, person: Readonly<Person>): void;
  forget(): void;
}

/** Sets of strings by key; a key whose set empties is dropped. */
class SetMap {
  private readonly sets = new Map<string, Set<string>>();
  add(key: string, value: string): void {
    const set = this.sets.get(key);
    if (set) set.add(value);
    else this.sets.set(key, new Set([value]));
  }
  delete(key: string, value: string): void {
    const set = this.sets.get(key);
    if (set?.delete(value) && set.size === 0) this.sets.delete(key);
  }
  get(key: string): Iterable<string> {
    return this.sets.get(key) ?? [];
  }
}

/** An identifier's key: the two parts cannot run into each other whatever characters they hold. */
const identifierKey = (system: string, value: string): string => JSON.stringify([system, value]);

export function createRegistryLookups(store: Store): RegistryLookups {
  let built: { byPhn: SetMap; byIdentifier: SetMap; merged: SetMap } | undefined;
  const build = () => {
    if (built) return built;
    const b = { byPhn: new SetMap(), byIdentifier: new SetMap(), merged: new SetMap() };
    for (const [key, s] of store.entries<SourceRecord>(COLLECTIONS.sources)) {
      b.byPhn.add(s.phn, key);
      b.byIdentifier.add(identifierKey(s.system, s.value), key);
    }
    for (const p of store.values<Person>(COLLECTIONS.persons)) if (p.status === 'merged' && p.survivorPhn) b.merged.add(p.survivorPhn, p.phn);
    return (built = b);
  };
  return {
    sourceKeysOf: (phn) => build().byPhn.get(phn),
    sourceKeysWith: (system, value) => build().byIdentifier.get(identifierKey(system, value)),
    mergedInto: (survivorPhn) => build().merged.get(survivorPhn),
    sourceSaved(key, before, record) {
      if (!built) return; // built from the store when first asked, this write included
      // Lists keep the store's order (first filing), which a rebuild after a restart reads: a revision under the
      // same PHN keeps its place; a record that moved to another PHN goes last, as the registry moves it in the store.
      if (before?.phn === record.phn) return;
      if (before) {
        built.byPhn.delete(before.phn, key);
        built.byIdentifier.delete(identifierKey(before.system, before.value), key);
      }
      built.byPhn.add(record.phn, key);
      built.byIdentifier.add(identifierKey(record.system, record.value), key);
    },
    personSaved(before, person) {
      if (!built) return;
      if (before?.status === 'merged' && before.survivorPhn) built.merged.delete(before.survivorPhn, before.phn);
      if (person.status === 'merged' && person.survivorPhn) built.merged.add(person.survivorPhn, person.phn);
    },
    forget() {
      built = undefined;
    },
  };
}
