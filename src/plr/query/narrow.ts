// Narrows a type-level query to candidate ids through the registry's indexes (identifier, then name),
// so only those are tested against the full criteria; undefined when no indexed criterion was given.
import type { EntityKind, Registry } from '../registry/registry.js';
import { patternOf, type Criteria } from './criteria.js';
import { parseIdentifierParam } from './fields.js';
import type { QueryType } from './params.js';

const KIND: Record<QueryType, EntityKind> = { Practitioner: 'practitioner', Organization: 'organization', Location: 'location' };

/** The indexed name criterion of each type: a practitioner's surname, an organization's or a location's name. */
const NAME_PARAM: Record<QueryType, string> = { Practitioner: 'family', Organization: 'name', Location: 'name' };

export function narrowCandidates(type: QueryType, criteria: Criteria, registry: Registry): string[] | undefined {
  const kind = KIND[type];
  const identifier = criteria.values.get('identifier');
  if (identifier !== undefined) return registry.index().exact(kind, 'identifier', parseIdentifierParam(identifier, undefined).value);
  const name = criteria.values.get(NAME_PARAM[type]);
  if (name === undefined) return undefined;
  const pattern = patternOf(name);
  return pattern.prefix ? registry.index().prefix(kind, 'name', pattern.text) : registry.index().exact(kind, 'name', pattern.text);
}
