// The matching engine: block (lazy index over the population plus the registry's overlay), then score.
import type * as fhir from '../../fhir/types.js';
import { blockingKeys } from './blocking.js';
import { buildBlockingIndex, type BlockingIndex } from './blocking-index.js';
import { demographicsOf, type Demographics } from './demographics.js';
import { compareBirth, MATCH_WEIGHTS, maxScore, scoreCandidate } from './score.js';

/** What the engine needs to know of a registry person. */
export interface MatchablePerson {
  phn: string;
  patient: fhir.Patient;
  /** Merged non-survivors and deleted records are never candidates. */
  searchable: boolean;
}

export interface MatchSource {
  /** Population records as generated (index, patient, mother's PHN for newborns), read once for the index. */
  populationPatients(): Iterable<readonly [number, fhir.Patient, string | undefined]>;
  /** The registry's current view of population record `index`. */
  current(index: number): MatchablePerson | undefined;
  /** Records the registry holds beyond (or instead of) the population's originals: adds and revisions. */
  overlay(): Array<MatchablePerson & { motherPhn?: string }>;
}

/** Scoring thresholds: a candidate must reach both. */
export interface MatchThresholds {
  /** Absolute floor of a returned candidate's raw score. */
  minScore: number;
  /** Fraction of the query's attainable score a candidate must reach. */
  minRatio: number;
}

export const DEFAULT_THRESHOLDS: MatchThresholds = { minScore: 50, minRatio: 0.62 };

/** No threshold but a positive score: every blocked record that agrees more than it disagrees (evaluation only). */
export const NO_THRESHOLDS: MatchThresholds = { minScore: 1, minRatio: 0 };

export interface Candidate {
  phn: string;
  patient: fhir.Patient;
  score: number;
}

export interface MatchResult {
  candidates: Candidate[];
  /** True when more candidates passed the threshold than `limit`. */
  truncated: boolean;
}

export interface MatchingEngine {
  /** Blocks, scores and ranks; `thresholds` overrides the engine's own (match-quality evaluation). */
  findCandidates(query: fhir.Patient, options: { limit: number; thresholds?: MatchThresholds }): MatchResult;
  /** Newborns registered with this mother's PHN (no scoring: an exact relationship). */
  findByMother(motherPhn: string, options: { limit: number }): MatchResult;
  /** Builds the population index now (otherwise on the first search). */
  warm(): void;
  indexedRecords(): number;
  readonly thresholds: MatchThresholds;
}

/** Builds the engine; the population index is built lazily, once, on first use. */
export function createMatchingEngine(source: MatchSource, thresholds: MatchThresholds = DEFAULT_THRESHOLDS): MatchingEngine {
  let index: PopulationIndex | undefined;
  const ensure = (): PopulationIndex => {
    if (index) return index;
    const births: number[] = [];
    const keys = buildBlockingIndex(
      (function* () {
        for (const [i, patient, mother] of source.populationPatients()) {
          const demo = demographicsOf(patient);
          births[i] = demo.birth ? Number(demo.birth) : 0;
          const k = blockingKeys(demo);
          if (mother) k.push(motherKey(mother));
          yield [i, k] as const;
        }
      })(),
    );
    index = { keys, births: Uint32Array.from(births, (b) => b ?? 0) };
    return index;
  };
  return {
    thresholds,
    warm: () => void ensure(),
    indexedRecords: () => ensure().keys.size,
    findByMother(motherPhn, { limit }) {
      const found = new Map<string, Candidate>();
      for (const i of ensure().keys.lookup(motherKey(motherPhn))) {
        const p = source.current(i);
        if (p?.searchable) found.set(p.phn, { phn: p.phn, patient: p.patient, score: 0 });
      }
      for (const p of source.overlay()) if (p.searchable && p.motherPhn === motherPhn) found.set(p.phn, { phn: p.phn, patient: p.patient, score: 0 });
      const all = [...found.values()].sort((a, b) => a.phn.localeCompare(b.phn));
      return { candidates: all.slice(0, limit), truncated: all.length > limit };
    },
    findCandidates(query, { limit, thresholds: t = thresholds }) {
      const q = demographicsOf(query);
      const floor = Math.max(t.minScore, Math.ceil(t.minRatio * maxScore(q)));
      const keys = blockingKeys(q);
      const byPhn = new Map<string, Candidate>();
      const consider = (person: MatchablePerson | undefined, demo?: Demographics) => {
        if (!person || !person.searchable || byPhn.has(person.phn)) return;
        const score = scoreCandidate(q, demo ?? demographicsOf(person.patient)).total;
        if (score >= floor) byPhn.set(person.phn, { phn: person.phn, patient: person.patient, score });
      };
      const seen = new Set<number>();
      const { keys: idx, births } = ensure();
      // The birth date is kept per record, so most blocked records are ruled out without building them:
      // the best score a record can reach is the query's maximum with the birth-date weight replaced.
      const withoutBirth = maxScore(q) - (q.birth ? MATCH_WEIGHTS.birth.exact : 0);
      const reachable = (i: number) => !q.birth || withoutBirth + compareBirth(q.birth, births[i] ? String(births[i]) : '') >= floor;
      for (const key of keys) {
        for (const i of idx.lookup(key)) {
          if (seen.has(i)) continue;
          seen.add(i);
          if (reachable(i)) consider(source.current(i));
        }
      }
      const wanted = new Set(keys);
      for (const person of source.overlay()) {
        const demo = demographicsOf(person.patient);
        if (blockingKeys(demo).some((k) => wanted.has(k))) consider(person, demo);
      }
      const ranked = [...byPhn.values()].sort((a, b) => b.score - a.score || a.phn.localeCompare(b.phn));
      return { candidates: ranked.slice(0, limit), truncated: ranked.length > limit };
    },
  };
}

/** The population's blocking index plus each record's birth date (YYYYMMDD, 0 when absent) for cheap pruning. */
interface PopulationIndex {
  keys: BlockingIndex;
  births: Uint32Array;
}

function motherKey(phn: string): string {
  return `mo|${phn}`;
}
