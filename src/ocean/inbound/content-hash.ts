// A message's content as one digest: the same JSON, whatever the order of its keys, hashes the same.
import { createHash } from 'node:crypto';

/** The JSON value with every object's own keys sorted; arrays keep their order. The body's depth is bounded by its parser. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortedKeys(record[key])]));
}

/** SHA-256 (hex) of the canonical JSON text of a parsed body: what tells a resent message from a new one under the same id. */
export function contentHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(sortedKeys(body)) ?? '').digest('hex');
}
