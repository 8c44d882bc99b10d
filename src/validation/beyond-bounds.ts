// The first list or text inside a client's value that is longer than a bound: one depth-first walk for every surface.

/** Where the walk found a list of more entries, or a text of more characters, than its bound. */
export interface BeyondBounds {
  /** FHIRPath-like location below the walk's start, e.g. `name[0].given`. */
  at: string;
  kind: 'entries' | 'text';
  length: number;
}

/**
 * The first array with more than `bounds.entries` entries, or (with `bounds.text`) the first string longer than it,
 * inside `value`, depth first; own keys only. An over-long array is not walked into. The value's nesting must be
 * bounded already (every JSON body is: 64 levels; the HL7v3 parser has its own bound).
 */
export function firstBeyondBounds(value: unknown, at: string, bounds: { entries: number; text?: number }): BeyondBounds | undefined {
  if (typeof value === 'string') return bounds.text !== undefined && value.length > bounds.text ? { at, kind: 'text', length: value.length } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    if (value.length > bounds.entries) return { at, kind: 'entries', length: value.length };
    for (let i = 0; i < value.length; i++) {
      const found = firstBeyondBounds(value[i], `${at}[${i}]`, bounds);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const found = firstBeyondBounds((value as Record<string, unknown>)[key], `${at}.${key}`, bounds);
    if (found) return found;
  }
  return undefined;
}
