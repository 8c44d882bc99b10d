// Parses and checks query parameters: aliases, the wildcard rule (7018), one health boundary, booleans.
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

/** True when no search criterion was given (only allowed at instance level). */
export function isEmpty(criteria: Criteria): boolean {
  return criteria.values.size === 0;
}
