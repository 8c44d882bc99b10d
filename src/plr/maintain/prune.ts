// Drops the blanks a request template leaves behind ("", [], {}, an extension with no value) before validation.

/** A deep copy without empty strings, empty arrays, empty objects or value-less extensions. */
export function prune<T>(value: T): T {
  return (clean(value) ?? {}) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map(clean).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c !== undefined) out[k] = c;
    }
    const keys = Object.keys(out);
    if (keys.length === 0) return undefined;
    if (keys.length === 1 && keys[0] === 'url') return undefined;
    return out;
  }
  return value;
}
