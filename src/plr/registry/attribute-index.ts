// Query attributes of the population's practitioners (city, given name, gender, role, status, expertise, language),
// indexed from their plans, so a query without an identifier or surname narrows to candidates instead of rendering
// every practitioner. Candidates are a superset: the query's matcher still decides on the rendered record.
import type { PlannedAttributes } from '../../population/plr/practitioners.js';

export type AttributeField = keyof PlannedAttributes;

export const ATTRIBUTE_FIELDS: readonly AttributeField[] = ['address-city', 'given', 'gender', 'role', 'status', 'status-reason', 'expertise', 'communication'];

export interface AttributeIndex {
  add(index: number, attributes: PlannedAttributes): void;
  /** Plan indexes (ascending) holding a value equal to `text`, or starting with it; case-insensitive. */
  lookup(field: AttributeField, text: string, prefix: boolean): number[];
}

const keyOf = (v: string) => v.trim().toLowerCase();

export function createAttributeIndex(): AttributeIndex {
  const fields = new Map<AttributeField, Map<string, number[]>>(ATTRIBUTE_FIELDS.map((f) => [f, new Map()]));
  return {
    add(index, attributes) {
      for (const field of ATTRIBUTE_FIELDS) {
        const map = fields.get(field)!;
        for (const value of new Set(attributes[field].map(keyOf))) {
          const list = map.get(value);
          if (list) list.push(index);
          else map.set(value, [index]);
        }
      }
    },
    lookup(field, text, prefix) {
      const map = fields.get(field)!;
      const key = keyOf(text);
      if (!prefix) return map.get(key) ?? [];
      const out = new Set<number>();
      for (const [value, list] of map) if (value.startsWith(key)) for (const i of list) out.add(i);
      return [...out].sort((a, b) => a - b);
    },
  };
}
