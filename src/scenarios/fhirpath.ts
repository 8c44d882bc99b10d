// FHIRPath evaluation for asserts, expects and captures, with the R4 model (fhirpath.js).
import { createRequire } from 'node:module';
import type Fhirpath from 'fhirpath';

/** fhirpath.js and its R4 model load on the first evaluation, not at start (they take ~0.2 s). */
const require = createRequire(import.meta.url);
let engine: { fhirpath: typeof Fhirpath; r4: unknown } | undefined;
const load = () => (engine ??= { fhirpath: require('fhirpath') as typeof Fhirpath, r4: require('fhirpath/fhir-context/r4/index.js') as unknown });

export class FhirPathError extends Error {}

type Compiled = ReturnType<typeof Fhirpath.compile<{ resolveInternalTypes: true }>>;

/**
 * Parsed expressions, by their text: a run evaluates the same few dozen expressions at every step and poll, and
 * parsing was a twentieth of a library run's CPU. Bounded in entries and in the length of what it keeps.
 */
const compiled = new Map<string, Compiled>();
const COMPILED_MAX = 256;
const COMPILED_MAX_LENGTH = 2048;

function compiledOf(expression: string): Compiled {
  const { fhirpath, r4 } = load();
  const hit = compiled.get(expression);
  if (hit) return hit;
  const fn = fhirpath.compile(expression, r4 as Parameters<typeof fhirpath.compile>[1], { resolveInternalTypes: true });
  if (expression.length <= COMPILED_MAX_LENGTH) {
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value!);
    compiled.set(expression, fn);
  }
  return fn;
}

/**
 * Evaluates `expression` over `data` (a resource, bundle or any JSON) and returns plain values.
 * Variables are available as `%name`. See: https://hl7.org/fhirpath/
 */
export function evaluateFhirPath(data: unknown, expression: string, vars: Record<string, unknown> = {}): unknown[] {
  try {
    // A copy: fhirpath.js may add type information to the data it is given (its docs), and stored views are frozen.
    const result = compiledOf(expression)(structuredClone(data ?? {}), vars as Record<string, never>);
    return Array.isArray(result) ? (result as unknown[]) : [result];
  } catch (err) {
    throw new FhirPathError(`FHIRPath "${expression}" failed: ${(err as Error).message}`);
  }
}

/**
 * True when the result is non-empty and holds no `false`: a check over several items (`entry.resource.active`)
 * holds only when none of them is false (FHIRPath itself calls several booleans in a boolean context an error).
 */
export function isTruthy(result: unknown[]): boolean {
  return result.length > 0 && !result.includes(false);
}

/** One value when the result has one element, else the array (captures and equals). */
export function single(result: unknown[]): unknown {
  return result.length === 1 ? result[0] : result;
}
