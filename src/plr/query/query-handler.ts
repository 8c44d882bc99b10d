// $entityQuery / $extendedQuery (and the PLR IG specification page's $full / $dereference) at type and instance level.
import { createRawJsonWriter, searchsetBundle, type FhirHandler, type FhirRequest } from '../../fhir/index.js';
import type * as fhir from '../../fhir/types.js';
import type { PlrContext } from '../context.js';
import { plainIssue, plrFailure, plrIssue, plrOutcome, PLR_CODES } from '../error-codes.js';
import type { PractitionerEntry } from '../registry/registry.js';
import { assertEnoughCriteria, parseCriteria, type Criteria } from './criteria.js';
import { cachedEntityBundle } from './cached-bundles.js';
import { relatedIds, type BundleView } from './entity-bundles.js';
import { narrowCandidates } from './narrow.js';
import { locationMatcher, organizationMatcher, practitionerMatcher, type MatchContext } from './matchers.js';
import { GENERAL_PARAMS, type QueryType } from './params.js';

/** "Attribute searches return up to 20 results" (EPRMP.02; PLR-TEST maximumResults = 20). */
export const MAX_RESULTS = 20;
export const REFINE_WARNING = PLR_CODES.maxResults.text;

/**
 * Most parameters one query may carry, URL and Parameters body together. A query gives each of its type's
 * parameters once at most (13 for Practitioner or Location, under any alias) and perhaps the 4 general ones, so 50
 * is well past any real one; a body repeating a name by the thousand is refused before anything reads it.
 */
export const MAX_QUERY_PARAMETERS = 50;

/** Query parameters from the URL, or from a Parameters body when the operation is POSTed. */
function queryOf(req: FhirRequest): Record<string, string | string[] | undefined> {
  const body = req.body as fhir.Parameters | undefined;
  const posted = req.method === 'POST' && body?.resourceType === 'Parameters';
  const params = posted && Array.isArray(body.parameter) ? body.parameter : [];
  const count = Object.keys(req.query).length + params.length;
  if (count > MAX_QUERY_PARAMETERS) {
    const field = posted ? 'Parameters.parameter' : 'query parameters';
    throw plrFailure(400, plrIssue('length', { field, min: 0, max: MAX_QUERY_PARAMETERS, expression: posted ? field : undefined, diagnostics: `This query has ${count}.` }));
  }
  if (!posted) return req.query;
  const out: Record<string, string | string[] | undefined> = { ...req.query };
  for (const p of params) {
    const v = p.valueString ?? p.valueCode ?? p.valueUri ?? (p.valueBoolean === undefined ? undefined : String(p.valueBoolean));
    if (v === undefined) continue;
    if (!Object.hasOwn(out, p.name)) out[p.name] = v;
    // A second occurrence is refused at once, as the criteria parser would refuse it (general ones it ignores).
    else if (!GENERAL_PARAMS.has(p.name)) throw plrFailure(400, plainIssue('error', 'invalid', `'${p.name}' may be given only once.`));
  }
  return out;
}

/** Ids of matching entities in registry order, at most MAX_RESULTS + 1 (the extra one only signals overflow). */
export function findMatches(type: QueryType, criteria: Criteria, ctx: MatchContext, onlyId?: string): string[] {
  const out: string[] = [];
  const take = <T>(items: Iterable<T>, idOf: (t: T) => string, test: (t: T) => boolean) => {
    for (const item of items) {
      if (onlyId && idOf(item) !== onlyId) continue;
      if (test(item)) out.push(idOf(item));
      if (out.length > MAX_RESULTS) break;
    }
  };
  const { registry } = ctx;
  const ids = onlyId ? [onlyId] : narrowCandidates(type, criteria, registry);
  function* known<T>(get: (id: string) => T | undefined): Generator<T> {
    for (const id of ids!) {
      const item = get(id);
      if (item !== undefined) yield item;
    }
  }
  if (type === 'Practitioner') {
    const items = ids ? known(registry.practitioner) : registry.practitioners();
    take(items, (p) => p.ipc, practitionerMatcher(criteria, ctx));
  } else if (type === 'Organization') {
    const items = ids ? known(registry.organization) : registry.organizations();
    take(items, (o) => o.id!, organizationMatcher(criteria, ctx));
  } else {
    const items = ids ? known(registry.location) : registry.locations();
    take(items, (l) => l.id!, locationMatcher(criteria, ctx));
  }
  return out;
}

/** Builds the handler for one resource type, operation flavour and level. */
export function createQueryHandler(ctx: PlrContext, type: QueryType, extended: boolean, instance: boolean): FhirHandler {
  const writer = createRawJsonWriter();
  return (req) => {
    const criteria = parseCriteria(type, queryOf(req));
    const onlyId = instance ? req.params.id : undefined;
    if (!onlyId) assertEnoughCriteria(criteria);
    const now = ctx.deps.clock.now();
    const matchCtx: MatchContext = { now, registry: ctx.registry };
    const found = findMatches(type, criteria, matchCtx, onlyId);
    const overflow = found.length > MAX_RESULTS;
    const ids = found.slice(0, MAX_RESULTS);
    const view: BundleView = { registry: ctx.registry, now, timestamp: ctx.deps.clock.iso(), baseUrl: req.baseUrl, mode: 'current' };
    const bundleOf = (id: string) => cachedEntityBundle(id, view, ctx.deps.answers, writer)!;
    const matches = ids.map(bundleOf);
    const related = extended ? [...new Set(ids.flatMap((id) => relatedIds(id, ctx.registry, now)))].filter((id) => !ids.includes(id)) : [];
    const outcome = ids.length
      ? plrOutcome(plrIssue('querySuccessful'), ...(overflow ? [plrIssue('maxResults')] : []))
      : plrOutcome(plrIssue('noMatch'));
    const bundle = searchsetBundle(matches, {
      outcome,
      includes: related.map(bundleOf),
      selfUrl: req.url,
      timestamp: view.timestamp,
      total: matches.length,
    });
    return { json: writer.write(bundle), correlation: ids.length === 1 ? { plr: ids[0]! } : undefined };
  };
}
