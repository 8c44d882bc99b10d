// Masks volatile fields (ids, timestamps, UUIDs, tokens) so diffs show what matters.

const VOLATILE_KEYS = new Set(['id', 'fullUrl', 'lastUpdated', 'timestamp', 'authoredOn', 'date', 'time', 'created', 'creation', 'issued', 'recorded', 'at', 'createdAt', 'updatedAt', 'versionId']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?\b/g;

/** Returns a copy with volatile values replaced by `<id>`, `<uuid>`, `<instant>`. */
export function maskVolatile(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    if (key && VOLATILE_KEYS.has(key)) return key === 'id' || key === 'fullUrl' || key === 'versionId' ? '<id>' : '<instant>';
    return value.replace(UUID, '<uuid>').replace(INSTANT, '<instant>');
  }
  if (Array.isArray(value)) return value.map((v) => maskVolatile(v));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskVolatile(v, k)]));
  }
  return value;
}
