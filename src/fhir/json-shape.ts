// The FHIR surfaces' validation funnel: every element of a request resource has its R4 JSON type, cardinality and a bounded length.
import { r4Elements, type ElementSlot, type ElementTable } from './r4-elements.js';

export interface ShapeProblem {
  /** FHIRPath-like location, e.g. `Bundle.entry[0].resource.focus`. */
  path: string;
  message: string;
}

/** Longest string per FHIR primitive type; base64Binary is bounded by the body limit alone. See: https://hl7.org/fhir/R4/datatypes.html */
const PRIMITIVE_MAX: ReadonlyMap<string, number> = new Map([
  ['id', 64],
  ['code', 4096],
  ['uri', 4096],
  ['url', 4096],
  ['canonical', 4096],
  ['oid', 4096],
  ['uuid', 4096],
  ['date', 64],
  ['dateTime', 64],
  ['instant', 64],
  ['time', 64],
  ['string', 1_048_576],
  ['markdown', 1_048_576],
  ['xhtml', 1_048_576],
]);
/** Tighter bounds for single elements that are matched, split or looked up by the sandbox. */
const ELEMENT_MAX: ReadonlyMap<string, number> = new Map([
  ['Reference.reference', 4096],
  ['Identifier.system', 4096],
  ['Identifier.value', 4096],
  ['Coding.system', 4096],
  ['Coding.code', 4096],
]);

/** The first element of `body` whose JSON shape R4 forbids; undefined when it conforms, or is not a resource R4 knows at the top. */
export function findShapeProblem(body: unknown, table: ElementTable = r4Elements()): ShapeProblem | undefined {
  if (!isObject(body) || typeof body.resourceType !== 'string' || !table.has(body.resourceType)) return undefined;
  return checkResource(body, body.resourceType, table);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkResource(value: unknown, path: string, table: ElementTable): ShapeProblem | undefined {
  if (!isObject(value)) return { path, message: 'must be a resource (a JSON object with a resourceType)' };
  const type = value.resourceType;
  if (typeof type !== 'string') return { path: `${path}.resourceType`, message: 'must be a string naming a FHIR R4 resource type' };
  if (!table.has(type)) return { path: `${path}.resourceType`, message: `"${type.slice(0, 64)}" is not a FHIR R4 resource type` };
  return checkComplex(value, type, path, table);
}

function checkComplex(value: unknown, type: string, path: string, table: ElementTable): ShapeProblem | undefined {
  if (!isObject(value)) return { path, message: `must be a JSON object (a ${type})` };
  const slots = table.get(type)!;
  for (const key of Object.keys(value)) {
    const slot = slots.get(key);
    if (!slot) continue;
    const problem = checkElement(value[key], slot, `${type}.${key}`, `${path}.${key}`, table);
    if (problem) return problem;
  }
  return undefined;
}

function checkElement(value: unknown, slot: ElementSlot, element: string, path: string, table: ElementTable): ShapeProblem | undefined {
  if (value === null) return { path, message: 'must not be null (leave the element out instead)' };
  if (!slot.array) return Array.isArray(value) ? { path, message: 'holds one value, not an array' } : checkValue(value, slot, element, path, table);
  if (!Array.isArray(value)) return { path, message: 'must be an array' };
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    // R4 JSON allows null in a primitive array only to line it up with its `_element` array of extensions.
    if (item === null && typeof slot.kind === 'string' && slot.kind !== 'resource') continue;
    const problem = item === null ? { path: `${path}[${i}]`, message: 'must not be null' } : checkValue(item, slot, element, `${path}[${i}]`, table);
    if (problem) return problem;
  }
  return undefined;
}

function checkValue(value: unknown, slot: ElementSlot, element: string, path: string, table: ElementTable): ShapeProblem | undefined {
  const kind = slot.kind;
  if (kind === 'resource') return checkResource(value, path, table);
  if (typeof kind === 'object') return checkComplex(value, kind.complex, path, table);
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : { path, message: 'must be a JSON number' };
  if (kind === 'boolean') return typeof value === 'boolean' ? undefined : { path, message: 'must be true or false' };
  if (typeof value !== 'string') return { path, message: `must be a JSON string (${slot.primitive ?? 'string'})` };
  const max = ELEMENT_MAX.get(element) ?? PRIMITIVE_MAX.get(slot.primitive ?? 'string');
  return max !== undefined && value.length > max ? { path, message: `is ${value.length} characters long; at most ${max} are accepted here` } : undefined;
}
