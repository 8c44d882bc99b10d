// Stored values are deep-frozen JSON: shared read-only views need no clone, and a write can never alias them.

/** A JSON copy of `value` (what a restart would give back) and its text, frozen all the way down. */
export function frozenCopy(value: unknown): { json: string; value: unknown } {
  const json = JSON.stringify(value ?? null);
  return { json, value: deepFreeze(JSON.parse(json) as unknown) };
}

/** Freezes a parsed JSON value in place, iteratively (deep documents must not exhaust the stack). */
export function deepFreeze<T>(root: T): T {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const child of Object.values(v as object)) if (child !== null && typeof child === 'object') stack.push(child);
  }
  return root;
}

/** An own-properties-only record from a parsed object (a `__proto__` key stays a plain key). */
export function ownEntries(value: unknown): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
}
