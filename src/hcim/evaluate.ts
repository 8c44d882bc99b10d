// Match-quality evaluation: FindCandidates for every injected duplicate of the population's answer key.
import type * as fhir from '../fhir/types.js';
import type { Population } from '../population/types.js';
import { HcimError } from './hcim-error.js';
import type { Candidate, MatchThresholds } from './matching/engine.js';
import { queryOf, type QueryProfile } from './evaluate-query.js';

export { QUERY_PROFILES, queryOf, type QueryProfile } from './evaluate-query.js';

/** The search under evaluation. */
export interface CandidateSearch {
  /** FindCandidates as a partner gets it (search rules, thresholds, max results); throws HcimError when refused. */
  find(query: fhir.Patient): Candidate[];
  /** Every blocked record with a positive score, best first: shows how close the non-matches come. */
  unthresholded(query: fhir.Patient): Candidate[];
  thresholds: MatchThresholds;
  maxCandidates: number;
}

/** Counts per score bucket (the bucket's lower bound, as a string). */
export type Histogram = Record<string, number>;

export interface MatchEvaluation {
  population: { patients: number; seed: number; referenceDate: string };
  profile: QueryProfile;
  thresholds: MatchThresholds & { maxCandidates: number };
  /** Injected duplicates searched for. */
  pairs: number;
  /** Searches whose candidates included the original record. */
  found: number;
  /** Searches the registry refused (a query breaking the search rules). */
  refused: number;
  /** Returned candidates that are the same person (the original, or another duplicate of it). */
  truePositives: number;
  /** Returned candidates that are someone else. */
  falsePositives: number;
  /** truePositives / all returned candidates (1 when nothing was returned). */
  precision: number;
  /** found / pairs. */
  recall: number;
  byVariant: Record<string, { pairs: number; found: number }>;
  scores: {
    bucketSize: number;
    /** Scores of returned candidates that are the same person. */
    match: Histogram;
    /** Scores of returned candidates that are someone else. */
    nonMatch: Histogram;
    /** Per search, the best score of anyone else among the blocked records, returned or not. */
    bestNonMatch: Histogram;
  };
  /** The first searches that missed their original (at most 20). */
  missed: Array<{ originalPhn: string; duplicatePhn: string; variant: string; refused?: string }>;
}

export const SCORE_BUCKET = 20;
const MISSED_SHOWN = 20;

const bump = (h: Histogram, score: number) => {
  const key = String(Math.floor(score / SCORE_BUCKET) * SCORE_BUCKET);
  h[key] = (h[key] ?? 0) + 1;
};

/**
 * Searches for the original of every injected duplicate with the duplicate's demographics (as a
 * PatientByExample of the profile) and scores what comes back against the answer key.
 */
export function evaluateMatching(population: Population, search: CandidateSearch, profile: QueryProfile = 'full'): MatchEvaluation {
  const key = population.answerKey();
  const person = new Map<string, string>();
  for (const e of key) {
    const root = person.get(e.originalPhn) ?? e.originalPhn;
    person.set(e.originalPhn, root);
    person.set(e.duplicatePhn, root);
  }
  const samePerson = (a: string, b: string) => a === b || (person.get(a) !== undefined && person.get(a) === person.get(b));
  const { options } = population;
  const result: MatchEvaluation = {
    population: { patients: options.sizes.patients, seed: options.seed, referenceDate: options.referenceDate },
    profile,
    thresholds: { ...search.thresholds, maxCandidates: search.maxCandidates },
    pairs: 0, found: 0, refused: 0, truePositives: 0, falsePositives: 0, precision: 1, recall: 1,
    byVariant: {},
    scores: { bucketSize: SCORE_BUCKET, match: {}, nonMatch: {}, bestNonMatch: {} },
    missed: [],
  };
  for (const e of key) {
    const dup = population.clientByPhn(e.duplicatePhn);
    if (!dup) continue;
    result.pairs += 1;
    const v = (result.byVariant[e.variant] ??= { pairs: 0, found: 0 });
    v.pairs += 1;
    const query = queryOf(dup.patient, profile);
    let candidates: Candidate[];
    try {
      candidates = search.find(query);
    } catch (err) {
      if (!(err instanceof HcimError)) throw err;
      result.refused += 1;
      if (result.missed.length < MISSED_SHOWN) result.missed.push({ ...e, refused: err.message });
      continue;
    }
    let found = false;
    for (const c of candidates) {
      if (c.phn === e.duplicatePhn) continue;
      const same = samePerson(c.phn, e.duplicatePhn);
      bump(same ? result.scores.match : result.scores.nonMatch, c.score);
      if (same) result.truePositives += 1;
      else result.falsePositives += 1;
      if (c.phn === e.originalPhn) found = true;
    }
    if (found) (result.found += 1), (v.found += 1);
    else if (result.missed.length < MISSED_SHOWN) result.missed.push({ ...e });
    const rival = search.unthresholded(query).find((c) => c.phn !== e.duplicatePhn && !samePerson(c.phn, e.duplicatePhn));
    if (rival) bump(result.scores.bestNonMatch, rival.score);
  }
  const returned = result.truePositives + result.falsePositives;
  result.precision = returned ? result.truePositives / returned : 1;
  result.recall = result.pairs ? result.found / result.pairs : 1;
  return result;
}
