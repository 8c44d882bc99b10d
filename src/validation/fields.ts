// The admin and reference-POS JSON inputs: each field checked for its JSON type and length, never coerced (a 400 naming it).
import { invalid } from '../fhir/errors.js';

export type JsonObject = Record<string, unknown>;

/** Longest free-text field an admin or control input takes. */
export const MAX_FIELD = 4096;

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body as a JSON object (an absent body is an empty one); anything else is a 400. */
export function jsonObject(raw: unknown, what = 'the request body'): JsonObject {
  if (raw === undefined || raw === null) return {};
  if (!isJsonObject(raw)) throw invalid(`${what} must be a JSON object`);
  return raw;
}

/** A string field, or undefined when absent; a non-string or over-long value is a 400 naming the field. */
export function optionalString(b: JsonObject, key: string, max = MAX_FIELD): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(`"${key}" must be a JSON string, not ${describe(v)}`, { expression: [key] });
  if (v.length > max) throw invalid(`"${key}" is ${v.length} characters long; at most ${max} are accepted`, { expression: [key] });
  return v;
}

/** An object whose values are all strings (HTTP headers, for instance), or undefined when absent. */
export function optionalStringMap(b: JsonObject, key: string): Record<string, string> | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (!isJsonObject(v)) throw invalid(`"${key}" must be a JSON object of strings`, { expression: [key] });
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== 'string' || value.length > MAX_FIELD) throw invalid(`"${key}.${k}" must be a JSON string of at most ${MAX_FIELD} characters`, { expression: [`${key}.${k}`] });
    out[k] = value;
  }
  return { ...out };
}

/** An array of strings, or undefined when absent. */
export function optionalStringList(b: JsonObject, key: string): string[] | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.length > MAX_FIELD)) throw invalid(`"${key}" must be an array of JSON strings`, { expression: [key] });
  return v as string[];
}

/** An array of objects, each checked by `item` (which throws a 400 naming what is wrong), or undefined when absent. */
export function optionalObjectList<T>(b: JsonObject, key: string, item: (o: JsonObject, at: string) => T): T[] | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalid(`"${key}" must be an array`, { expression: [key] });
  return v.map((o, i) => item(jsonObject(o, `"${key}[${i}]"`), `${key}[${i}]`));
}

function describe(v: unknown): string {
  return Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`;
}
