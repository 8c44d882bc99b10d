// A message's content as one digest: the same JSON, whatever the order of its keys, hashes the same.
import { createHash } from 'node:crypto';

/** The JSON value with every object's own keys sorted; arrays keep their order. The body's depth is bounded by its parser. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortedKeys(record[key])]));
}

/**
 * SHA-256 (hex) of the canonical JSON text of a parsed message Bundle: what tells a resent message from a new one under
 * the same id. The Bundle's own `timestamp` and `meta` say when this copy was assembled, not what it says: a POS that
 * rebuilds the Bundle to resend it stamps them anew, so they are left out; and when the MessageHeader's id names the
 * message (`envelopeFree`), so are the Bundle's own `id` and `identifier`, which such a POS mints anew too.
 */
export function contentHash(body: unknown, envelopeFree = false): string {
  const content = body !== null && typeof body === 'object' && !Array.isArray(body) ? withoutEnvelope(body as Record<string, unknown>, envelopeFree) : body;
  return createHash('sha256').update(JSON.stringify(sortedKeys(content)) ?? '').digest('hex');
}

function withoutEnvelope(bundle: Record<string, unknown>, envelopeFree: boolean): Record<string, unknown> {
  const { timestamp: _timestamp, meta: _meta, ...rest } = bundle;
  if (envelopeFree) {
    delete rest.id;
    delete rest.identifier;
  }
  return rest;
}
