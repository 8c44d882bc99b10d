// Input spellings of code and identifier systems become the one spelling PLR emits, before anything is checked or stored.
import { emittedSystem } from '../vocabulary.js';

/**
 * A deep copy in which every `system` string (codings, identifiers, identifier references) is the spelling PLR
 * emits: both forms are accepted on input (the IG's and the Ministry's test suite's), one is stored.
 */
export function canonicalSystems<T>(value: T): T {
  return rewrite(value) as T;
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = key === 'system' && typeof v === 'string' ? emittedSystem(v) : rewrite(v);
  return out;
}
