// Parses and checks query parameters: aliases, the wildcard rule (7018), one health boundary, booleans, and the least a query must give (5000).
import { plainIssue, plrFailure, plrIssue } from '../error-codes.js';
import { GENERAL_PARAMS, QUERY_PARAMS, type QueryParamDef, type QueryType } from './params.js';

/** A compiled text condition: case-insensitive equality, or a prefix when the value ended in `*`. */
export interface TextPattern {
  text: string;
  prefix: boolean;
}

/** The parsed query: values by 1.0.0 parameter name. */
export interface Criteria {
  type: QueryType;
  values: ReadonlyMap<string, string>;
  withHistory: boolean;
}

/** Case-insensitive match of a value against a pattern. */
export function textMatches(pattern: TextPattern, value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  return pattern.prefix ? v.startsWith(pattern.text) : v === pattern.text;
}

export function patternOf(value: string): TextPattern {
  const v = value.trim().toLowerCase();
  return v.endsWith('*') ? { text: v.slice(0, -1), prefix: true } : { text: v, prefix: false };
}

function definitionFor(type: QueryType, name: string): QueryParamDef | undefined {
  return QUERY_PARAMS[type].find((d) => d.name === name || d.aliases.includes(name) || d.name.toLowerCase() === name.toLowerCase());
}

/** Checks one trailing `*` with at least one character before it (EPRMP.02), else GRS.DPS.UNK.UNK.0.0.7018. */
function assertWildcard(def: QueryParamDef, given: string, value: string): void {
  const stars = value.split('*').length - 1;
  if (stars === 0) return;
  const why = !def.wildcard
    ? `'${given}' does not take a wildcard.`
    : stars > 1
      ? `'${given}' has ${stars} wildcards.`
      : !value.endsWith('*')
        ? `In '${given}' the wildcard must come last.`
        : value.trim().length < 2
          ? `In '${given}' at least one character must come before the wildcard.`
          : undefined;
  if (why) throw plrFailure(400, plrIssue('wildcard', { diagnostics: why, expression: given }));
}

/** Parses the query string of `$entityQuery` / `$extendedQuery` for a resource type. */
export function parseCriteria(type: QueryType, query: Record<string, string | string[] | undefined>): Criteria {
  const values = new Map<string, string>();
  let withHistory = false;
  for (const [given, raw] of Object.entries(query)) {
    if (GENERAL_PARAMS.has(given) || raw === undefined) continue;
    const def = definitionFor(type, given);
    if (!def) {
      const allowed = QUERY_PARAMS[type].map((d) => d.name).join(', ');
      throw plrFailure(400, plainIssue('error', 'not-supported', `'${given}' is not a ${type} query parameter. Use: ${allowed}.`));
    }
    if (Array.isArray(raw) || typeof raw !== 'string') throw plrFailure(400, plainIssue('error', 'invalid', `'${given}' may be given only once.`));
    const value = raw.trim();
    if (!value) continue;
    if (values.has(def.name)) throw plrFailure(400, plainIssue('error', 'invalid', `'${def.name}' is given twice (as '${given}' and an alias).`));
    if (def.notImplemented) throw plrFailure(400, plainIssue('error', 'not-supported', `'${given}' is not implemented yet by PLR.`));
    if (def.type === 'boolean') {
      if (value !== 'true' && value !== 'false') throw plrFailure(400, plainIssue('error', 'invalid', `'${given}' must be true or false, not '${value}'.`));
      withHistory = value === 'true';
      continue;
    }
    if (def.name !== 'identifier') assertWildcard(def, given, value);
    values.set(def.name, value);
  }
  const boundaries = QUERY_PARAMS[type].filter((d) => d.boundary && values.has(d.name)).map((d) => d.name);
  if (boundaries.length > 1) {
    throw plrFailure(400, plainIssue('error', 'invalid', `Only one of healthAuthority, healthServiceDeliveryArea, localHealthArea or communityHealthServiceArea may be given; this query has ${boundaries.join(' and ')}.`));
  }
  if (values.has('identifier-type') && !values.has('identifier')) {
    throw plrFailure(400, plrIssue('mandatory', { field: 'Identifier', diagnostics: 'identifier-type needs an identifier value.' }));
  }
  return { type, values, withHistory };
}

/**
 * The least a provider search gives, as a 5000 field name: an identifier, a surname, or one of city, expertise and
 * language. The web UI asks more ("Missing mandatory search data: please provide First Name and Last Name or one of
 * City, Expertise and Language.", PLR-TEST `data/error-list.json`); the FHIR operations publish no minimum, and a
 * surname alone is what PLR's own query examples and this sandbox's partners search by, so the sandbox takes it: it
 * refuses only what no rule allows (a gender, a status or a role alone).
 * See: https://github.com/bcgov/moh-plr-web-test-suite
 */
export const PRACTITIONER_MINIMUM = 'Identifier, or Surname, or Organization Name, or one of City, Expertise and Language';

/** The 5000 field names of the Organization parameters the 1.0.0 OperationDefinitions call "mandatory if no identifier specified". */
const ORGANIZATION_MANDATORY = [
  { name: 'name', field: 'Name' },
  { name: 'type', field: 'Organizational Provider Role Type' },
] as const;

/**
 * Refuses a type-level query that gives less than PLR requires, with GRS.SYS.UNK.UNK.1.0.5000 naming what is missing:
 * a practitioner needs an identifier, a family name, an organization name, or one of address-city, expertise and communication; an
 * organization an identifier, or both name and type (bc-entity-organization-query); a location any criterion. At
 * instance level the id names the record, so nothing more is needed.
 * See: https://bcgov.github.io/moh-plr-fhir/OperationDefinition-bc-entity-organization-query.html
 */
export function assertEnoughCriteria(criteria: Criteria): void {
  const has = (name: string) => criteria.values.has(name);
  const given = [...criteria.values.keys()].join(', ') || 'none';
  if (has('identifier')) return;
  if (criteria.type === 'Practitioner') {
    // organization-name: $dereference's join to the organizations a practitioner works for (params.ts) names them.
    if (has('family') || has('address-city') || has('expertise') || has('communication') || has('organization-name')) return;
    const diagnostics = `Give identifier, family, organization-name, or one of address-city, expertise and communication; this query gives ${given}.`;
    throw plrFailure(400, plrIssue('mandatory', { field: PRACTITIONER_MINIMUM, diagnostics }));
  }
  if (criteria.type === 'Organization') {
    const missing = ORGANIZATION_MANDATORY.filter((m) => !has(m.name));
    if (!missing.length) return;
    const diagnostics = `Without an identifier, name and type are both mandatory; this query gives ${given}.`;
    throw plrFailure(400, ...missing.map((m) => plrIssue('mandatory', { field: m.field, expression: m.name, diagnostics })));
  }
  if (criteria.values.size === 0) throw plrFailure(400, plrIssue('mandatory', { field: 'Identifier or one search criterion', diagnostics: 'Give at least one Location query parameter.' }));
}
