// The population's persons most recently read: built from the population once for the reads that follow one
// another (a search scores a record, then renders it; a partner asks for the same client again), not per read.

import type { Population } from '../../population/types.js';
import { personFromClient, type Person } from './person.js';

/** How many population persons are kept (a few MB at most; the population itself is never copied). */
const KEEP = 256;

export interface RecentPersons {
  /** The population's person with this PHN, as generated; undefined when the population has none. */
  byPhn(phn: string): Readonly<Person> | undefined;
  /** The population's person at `index` (the caller checks the range). */
  byIndex(index: number): Readonly<Person>;
}

/**
 * A bounded map of population persons, least recently read out first. The population is immutable, so an entry
 * never goes stale; the store's overlay is the registry's to check first. Entries are only for reading: a
 * caller that changes a person gets its own from `personFromClient`.
 */
export function recentPersons(population: Population, keep = KEEP): RecentPersons {
  const byPhn = new Map<string, Readonly<Person>>();
  const phnAt = new Map<number, string>();
  const touch = (person: Readonly<Person>): Readonly<Person> => {
    byPhn.delete(person.phn);
    byPhn.set(person.phn, person);
    if (byPhn.size > keep) {
      const oldest = byPhn.keys().next().value as string;
      const index = byPhn.get(oldest)!.index;
      byPhn.delete(oldest);
      if (index !== undefined && phnAt.get(index) === oldest) phnAt.delete(index);
    }
    return person;
  };
  const remember = (person: Person): Readonly<Person> => {
    if (person.index !== undefined) phnAt.set(person.index, person.phn);
    return touch(person);
  };
  return {
    byPhn(phn) {
      const hit = byPhn.get(phn);
      if (hit) return touch(hit);
      const client = population.clientByPhn(phn);
      return client ? remember(personFromClient(client)) : undefined;
    },
    byIndex(index) {
      const phn = phnAt.get(index);
      const hit = phn === undefined ? undefined : byPhn.get(phn);
      return hit ? touch(hit) : remember(personFromClient(population.client(index)));
    },
  };
}
