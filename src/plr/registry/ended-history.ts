// PLR ends a replaced attribute (an end reason and period.end) and never deletes it; the sandbox keeps the newest ended ones.
import { EXT } from '../vocabulary.js';

type Json = unknown;

const isEnded = (v: Json): boolean =>
  typeof v === 'object' && v !== null && Array.isArray((v as { extension?: unknown }).extension) && (v as { extension: Json[] }).extension.some((x) => (x as { url?: unknown } | null)?.url === EXT.endReason);

/**
 * The record with at most `keep` ended values in each of its lists (names, addresses, licence statuses, at any depth),
 * the oldest-added dropped first; current values are never touched. Every write stores the whole record, so a
 * partner's maintain loop that changes a value made each later write larger without end. The same object when there
 * is nothing to drop.
 */
export function keepNewestEnded<T>(record: T, keep: number): T {
  return keep === Infinity ? record : (trim(record, keep) as T);
}

function trim(value: Json, keep: number): Json {
  if (Array.isArray(value)) {
    const items = value.map((v) => trim(v, keep));
    let excess = items.filter(isEnded).length - keep;
    const kept = excess > 0 ? items.filter((v) => !(isEnded(v) && excess-- > 0)) : items;
    return kept.length === value.length && kept.every((v, i) => v === value[i]) ? value : kept;
  }
  if (typeof value !== 'object' || value === null) return value;
  let copy: Record<string, Json> | undefined;
  for (const [key, child] of Object.entries(value)) {
    if (typeof child !== 'object' || child === null) continue;
    const trimmed = trim(child, keep);
    if (trimmed !== child) (copy ??= { ...(value as Record<string, Json>) })[key] = trimmed;
  }
  return copy ?? value;
}
