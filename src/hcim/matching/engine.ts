// The matching engine: block (lazy index over the population plus the registry's overlay), then score.
import type * as fhir from '../../fhir/types.js';
import type { PopulationOptions } from '../../population/types.js';
import { blockingKeys } from './blocking.js';
import { demographicsOf, type Demographics } from './demographics.js';
import { buildPopulationIndex, motherKey, type PopulationIndex, type PopulationRecord } from './population-index.js';
import type { IndexStore } from './index-file.js';
import { startSlicedBuild, type SlicedBuild } from './sliced-build.js';
import { startWorkerBuild } from './worker-build.js';
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
  populationPatients(): Iterable<PopulationRecord>;
  /** How many population records there are (indexes 0..populationSize-1). */
  populationSize: number;
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
  /**
   * Blocks, scores and ranks; `thresholds` overrides the engine's own (match-quality evaluation). Needs the index:
   * await `whenReady` first while a build is under way (this throws then, rather than build on the event loop).
   */
  findCandidates(query: fhir.Patient, options: { limit: number; thresholds?: MatchThresholds }): MatchResult;
  /** Newborns registered with this mother's PHN (no scoring: an exact relationship); needs the index as above. */
  findByMother(motherPhn: string, options: { limit: number }): MatchResult;
  /** Starts building the population index in the background (worker threads, or slices between requests). */
  startBuilding(): void;
  /** Where the index build stands: `ready` once built, `indexed` of `total` records so far. */
  status(): IndexStatus;
  /** True when the index is built: a search can be answered now. */
  available(): boolean;
  /**
   * Resolves true once the index is built (at once when it is), false after `waitMs` (default: the engine's
   * `waitMs`) or when the engine closes. Starts the build if nothing has. Never builds on the event loop itself.
   */
  whenReady(waitMs?: number): Promise<boolean>;
  /** Stops a background build (the sandbox is closing) and releases every wait. */
  close(): void;
  readonly thresholds: MatchThresholds;
}

export interface IndexStatus {
  ready: boolean;
  indexed: number;
  total: number;
}

export interface EngineOptions {
  thresholds?: MatchThresholds;
  /** How long a search waits for an index still being built before it is refused (default 10,000 ms). */
  waitMs?: number;
  /** Milliseconds of index building per event-loop turn in the background (default 8). */
  sliceMs?: number;
  /** Where a built index is kept for the next start with the same population (read back instead of rebuilt). */
  indexStore?: IndexStore;
  /**
   * The options that regenerate the population (`Population.generatedFrom`): the index is then built in a worker
   * thread that generates the records itself, and the event loop only receives the finished arrays.
   */
  regenerateFrom?: PopulationOptions;
  /** With `regenerateFrom`, populations above this size use the worker (default 2,000; below, a worker starts slower than the main thread indexes). */
  workerFrom?: number;
}

/** A record's demographics and, once a search has asked, its blocking keys. */
interface Prepared {
  demo: Demographics;
  keys?: readonly string[];
}

/** How long a search waits by default for the index before the registry answers "temporarily unavailable". */
export const DEFAULT_INDEX_WAIT_MS = 10_000;

/**
 * Builds the engine. The population index is built once, in the background after `startBuilding` (or the first
 * `whenReady`); a direct search with no build started builds it at once (small populations, tests).
 */
export function createMatchingEngine(source: MatchSource, options: EngineOptions = {}): MatchingEngine {
  const { thresholds = DEFAULT_THRESHOLDS, sliceMs = 8, waitMs: defaultWait = DEFAULT_INDEX_WAIT_MS } = options;
  const total = source.populationSize;
  const { indexStore } = options;
  let build: SlicedBuild<PopulationIndex> | undefined;
  let loaded: PopulationIndex | undefined;
  let loading = false;
  let closed = false;
  const waiters = new Set<(ready: boolean) => void>();
  const release = (ready: boolean) => {
    for (const w of [...waiters]) w(ready);
  };
  const sliced = () => startSlicedBuild(buildPopulationIndex(source.populationPatients(), total), sliceMs);
  const { regenerateFrom, workerFrom = 2_000 } = options;
  const begin = () => {
    if (build) return build;
    build = regenerateFrom && total > workerFrom ? startWorkerBuild(regenerateFrom, sliced) : sliced();
    build.done.then(() => release(true), () => undefined);
    return build;
  };
  const built = () => loaded ?? build?.value;
  const ensure = (): PopulationIndex => {
    const index = built();
    if (index) return index;
    if (build || loading) throw new Error('The candidate index is not ready: await whenReady() before searching while it builds.');
    return begin().finishNow();
  };
  /** Reads a kept index back, or builds one in the background and keeps it (a failed write only costs the next start). */
  const loadOrBuild = async (store: IndexStore) => {
    // No file (a first start): the build begins now, before the rest of the sandbox's start runs.
    if (store.present?.() === false) return void (await store.save(await begin().done).catch(() => undefined));
    loading = true;
    const found = await store.load().catch(() => undefined);
    loading = false;
    if (closed || build) return;
    if (found && found.births.length === total) {
      loaded = found;
      release(true);
    } else await store.save(await begin().done).catch(() => undefined);
  };
  const startBuilding = () => {
    if (build || loading || loaded) return;
    void (indexStore ? loadOrBuild(indexStore) : begin());
  };
  // A record's comparable form, kept per stored version: the store's records are deep-frozen and a revision is a new
  // object, so an entry never goes stale and goes with its version. Computed again on every search, one stored record
  // with 50,000 names made every later search of every partner take seconds.
  const prepared = new WeakMap<fhir.Patient, Prepared>();
  const preparedOf = (patient: fhir.Patient): Prepared => {
    let p = prepared.get(patient);
    if (!p) {
      p = { demo: demographicsOf(patient) };
      // A record that can still change (not frozen: the population's, a caller's) is not kept.
      if (Object.isFrozen(patient)) prepared.set(patient, p);
    }
    return p;
  };
  return {
    thresholds,
    startBuilding,
    status: () => ({ ready: built() !== undefined, indexed: built() ? total : (build?.progress ?? 0), total }),
    available: () => built() !== undefined,
    whenReady(waitMs = defaultWait) {
      if (built()) return Promise.resolve(true);
      if (closed) return Promise.resolve(false);
      startBuilding();
      return new Promise<boolean>((resolve) => {
        const settle = (ready: boolean) => {
          clearTimeout(timer);
          waiters.delete(settle);
          resolve(ready);
        };
        const timer = setTimeout(() => settle(false), waitMs);
        waiters.add(settle);
      });
    },
    close: () => {
      closed = true;
      build?.stop();
      release(false);
    },
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
        const score = scoreCandidate(q, demo ?? preparedOf(person.patient).demo).total;
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
        const p = preparedOf(person.patient);
        if ((p.keys ??= blockingKeys(p.demo)).some((k) => wanted.has(k))) consider(person, p.demo);
      }
      const ranked = [...byPhn.values()].sort((a, b) => b.score - a.score || a.phn.localeCompare(b.phn));
      return { candidates: ranked.slice(0, limit), truncated: ranked.length > limit };
    },
  };
}
