// Match-quality evaluation: FindCandidates for every injected duplicate of the answer key.
import type { Population } from '../population/types.js';
import type { MatchingEngine } from './matching/engine.js';
import { MAX_CANDIDATES } from './services/context.js';

export interface MatchEvaluation {
  pairs: number;
  /** Searches whose candidates included the original. */
  found: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  recall: number;
  /** Per variant: pairs and found. */
  byVariant: Record<string, { pairs: number; found: number }>;
  /** Score histograms (bucket lower bound -> count) of true and false candidates. */
  scores: { true: Record<string, number>; false: Record<string, number> };
}

const BUCKET = 20;

/** Runs the evaluation: the query is the duplicate's full Patient; the duplicate itself is left out. */
export function evaluateMatching(population: Population, engine: MatchingEngine): MatchEvaluation {
  const key = population.answerKey();
  const cluster = new Map<string, string>();
  for (const e of key) {
    cluster.set(e.originalPhn, cluster.get(e.originalPhn) ?? e.originalPhn);
    cluster.set(e.duplicatePhn, cluster.get(e.originalPhn)!);
  }
  const result: MatchEvaluation = { pairs: key.length, found: 0, truePositives: 0, falsePositives: 0, precision: 1, recall: 1, byVariant: {}, scores: { true: {}, false: {} } };
  for (const e of key) {
    const dup = population.clientByPhn(e.duplicatePhn);
    if (!dup) continue;
    const { candidates } = engine.findCandidates(dup.patient, { limit: MAX_CANDIDATES });
    const v = (result.byVariant[e.variant] ??= { pairs: 0, found: 0 });
    v.pairs += 1;
    let found = false;
    for (const c of candidates) {
      if (c.phn === e.duplicatePhn) continue;
      const same = cluster.get(c.phn) !== undefined && cluster.get(c.phn) === cluster.get(e.duplicatePhn);
      const bucket = String(Math.floor(c.score / BUCKET) * BUCKET);
      const hist = same ? result.scores.true : result.scores.false;
      hist[bucket] = (hist[bucket] ?? 0) + 1;
      if (same) result.truePositives += 1;
      else result.falsePositives += 1;
      if (c.phn === e.originalPhn) found = true;
    }
    if (found) (result.found += 1), (v.found += 1);
  }
  const returned = result.truePositives + result.falsePositives;
  result.precision = returned ? result.truePositives / returned : 1;
  result.recall = key.length ? result.found / key.length : 1;
  return result;
}
