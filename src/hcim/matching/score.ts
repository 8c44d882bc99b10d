// Field-by-field comparison into a raw EMPI-style score (a sum of agreement weights, not 0..1).
import type { Demographics, NameKey } from './demographics.js';
import { areNicknames } from './nicknames.js';
import { editDistance, sortedDigits } from './normalize.js';

/** Agreement (positive) and disagreement (negative) weights per field and comparison outcome. */
export const MATCH_WEIGHTS = {
  family: { exact: 40, hyphenPart: 32, typo: 30, phonetic: 26, mismatch: -12 },
  given: { exact: 30, nickname: 25, typo: 22, initial: 6, mismatch: -25 },
  birth: { exact: 40, transposed: 26, typo: 18, sameYear: -10, mismatch: -30 },
  gender: { exact: 6, mismatch: -15 },
  phone: { exact: 30 },
  postal: { exact: 15 },
  line: { exact: 20, typo: 12 },
} as const;

/** Per-field contributions, for explaining a score. */
export interface ScoreBreakdown {
  total: number;
  fields: Partial<Record<keyof typeof MATCH_WEIGHTS, number>>;
}

/** The most a candidate can score against this query (every supplied field agreeing exactly). */
export function maxScore(q: Demographics): number {
  const w = MATCH_WEIGHTS;
  return (
    (q.family ? w.family.exact : 0) +
    (q.given ? w.given.exact : 0) +
    (q.birth ? w.birth.exact : 0) +
    (q.gender ? w.gender.exact : 0) +
    (q.phones.length ? w.phone.exact : 0) +
    (q.postal ? w.postal.exact : 0) +
    (q.line ? w.line.exact : 0)
  );
}

/** Scores a candidate against a query; fields the query leaves out contribute nothing. */
export function scoreCandidate(q: Demographics, c: Demographics): ScoreBreakdown {
  const w = MATCH_WEIGHTS;
  const fields: ScoreBreakdown['fields'] = {};
  const name = bestName(q, c);
  if (name.family !== undefined) fields.family = name.family;
  if (name.given !== undefined) fields.given = name.given;
  if (q.birth) fields.birth = compareBirth(q.birth, c.birth);
  if (q.gender && c.gender && q.gender !== 'unknown' && c.gender !== 'unknown') fields.gender = q.gender === c.gender ? w.gender.exact : w.gender.mismatch;
  if (q.phones.length && q.phones.some((p) => c.phones.includes(p))) fields.phone = w.phone.exact;
  if (q.postal && q.postal === c.postal) fields.postal = w.postal.exact;
  if (q.line && c.line) {
    if (q.line === c.line) fields.line = w.line.exact;
    else if (editDistance(q.line, c.line, 2) <= 2) fields.line = w.line.typo;
  }
  let total = 0;
  for (const v of Object.values(fields)) total += v;
  return { total, fields };
}

/** The best-agreeing pair of names (a person may be known by an official and a usual name). */
function bestName(q: Demographics, c: Demographics): { family?: number; given?: number } {
  let best: { family?: number; given?: number } = {};
  let bestTotal = -Infinity;
  const qNames = q.names.length ? q.names : [q];
  const cNames = c.names.length ? c.names : [c];
  for (const qn of qNames) {
    for (const cn of cNames) {
      const family = qn.family ? compareFamily(qn, cn) : undefined;
      const given = qn.given ? compareGiven(qn.given, cn.given) : undefined;
      const total = (family ?? 0) + (given ?? 0);
      if (total > bestTotal) [best, bestTotal] = [{ family, given }, total];
    }
  }
  return best;
}

function compareFamily(q: NameKey, c: NameKey): number {
  const w = MATCH_WEIGHTS.family;
  if (!c.family) return 0;
  if (q.family === c.family) return w.exact;
  if (q.familyParts.some((p) => c.familyParts.includes(p))) return w.hyphenPart;
  const limit = q.family.length >= 8 ? 2 : 1;
  if (editDistance(q.family, c.family, limit) <= limit) return w.typo;
  if (q.familySoundex === c.familySoundex) return w.phonetic;
  return w.mismatch;
}

function compareGiven(q: string, c: string): number {
  const w = MATCH_WEIGHTS.given;
  if (!c) return 0;
  if (q === c) return w.exact;
  if (areNicknames(q, c)) return w.nickname;
  const limit = q.length >= 7 ? 2 : 1;
  if (editDistance(q, c, limit) <= limit) return w.typo;
  if ((q.length === 1 || c.length === 1) && q[0] === c[0]) return w.initial;
  return w.mismatch;
}

/** Birth-date agreement weight (exact, transposed day/month or digits, one-digit typo, same year, mismatch). */
export function compareBirth(q: string, c: string): number {
  const w = MATCH_WEIGHTS.birth;
  if (!c) return 0;
  if (q === c) return w.exact;
  const swappedDayMonth = `${q.slice(0, 4)}${q.slice(6, 8)}${q.slice(4, 6)}`;
  if (swappedDayMonth === c || (sortedDigits(q) === sortedDigits(c) && editDistance(q, c, 1) <= 1)) return w.transposed;
  if (editDistance(q, c, 1) <= 1) return w.typo;
  if (q.slice(0, 4) === c.slice(0, 4)) return w.sameYear;
  return w.mismatch;
}
