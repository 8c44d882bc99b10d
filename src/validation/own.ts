// Lookups keyed by client input: own properties only, so `constructor`, `toString` or `__proto__` find nothing.

/** The table's own value for `key`, never an inherited Object.prototype member. */
export function own<V>(table: Readonly<Record<string, V>>, key: string | undefined): V | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
