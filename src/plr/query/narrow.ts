// Narrows a type-level query to candidate ids through the registry's indexes (identifier, then name),
// so only those are tested against the full criteria; undefined when no indexed criterion was given.
import { ATTRIBUTE_FIELDS } from '../registry/attribute-index.js';
import type { EntityKind, Registry } from '../registry/registry.js';
import { patternOf, type Criteria } from './criteria.js';
import { parseIdentifierParam } from './fields.js';
import type { QueryType } from './params.js';

const KIND: Record<QueryType, EntityKind> = { Practitioner: 'practitioner', Organization: 'organization', Location: 'location' };

/** The indexed name criterion of each type: a practitioner's surname, an organization's or a location's name. */
const NAME_PARAM: Record<QueryType, string> = { Practitioner: 'family', Organization: 'name', Location: 'name' };

export function narrowCandidates(type: QueryType, criteria: Criteria, registry: Registry): readonly string[] | undefined {
  const kind = KIND[type];
  const identifier = criteria.values.get('identifier');
  if (identifier !== undefined) return registry.index().exact(kind, 'identifier', parseIdentifierParam(identifier, undefined).value);
  const name = criteria.values.get(NAME_PARAM[type]);
  if (name === undefined) return type === 'Practitioner' ? byAttributes(criteria, registry) : undefined;
  const pattern = patternOf(name);
  return pattern.prefix ? registry.index().prefix(kind, 'name', pattern.text) : registry.index().exact(kind, 'name', pattern.text);
}

/** Comma lists (any of the codes may match) in these parameters; the others are one value or a text pattern. */
const LISTS = new Set(['expertise', 'communication']);
/** Text parameters (a trailing `*` is a prefix); the others are codes compared whole. */
const TEXT = new Set(['address-city', 'given']);

/** The practitioners every given attribute criterion allows (an intersection, in registry order), or undefined to scan. */
function byAttributes(criteria: Criteria, registry: Registry): readonly string[] | undefined {
  let out: readonly string[] | undefined;
  for (const field of ATTRIBUTE_FIELDS) {
    const value = criteria.values.get(field);
    if (value === undefined) continue;
    const patterns = LISTS.has(field)
      ? value.split(',').filter((v) => v.trim()).map((text) => ({ text, prefix: false }))
      : TEXT.has(field) ? [patternOf(value)] : [{ text: value, prefix: false }];
    const ids = registry.practitionersWithAttribute(field, patterns);
    if (ids === undefined) return undefined;
    const allowed = new Set(ids);
    out = out === undefined ? ids : out.filter((id) => allowed.has(id));
  }
  const orgName = criteria.values.get('organization-name');
  if (orgName !== undefined) {
    const pattern = patternOf(orgName);
    const orgs = pattern.prefix ? registry.index().prefix('organization', 'name', pattern.text) : registry.index().exact('organization', 'name', pattern.text);
    const related = registry.practitionersRelatedTo(orgs);
    const allowed = new Set(related);
    out = out === undefined ? related : out.filter((id) => allowed.has(id));
  }
  return out;
}
