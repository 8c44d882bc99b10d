// The PLR route table: one line per endpoint below /plr/HSA-web/fhir-rs.
import type { RouteDef } from '../fhir/index.js';
import type { PlrContext } from './context.js';
import { createQueryHandler } from './query/query-handler.js';
import type { QueryType } from './query/params.js';
import { createReadHandler, createRelationshipSearchHandler } from './read-handlers.js';
import { FHIR_PATH, operationDefinitionUrl } from './vocabulary.js';

const QUERY_TYPES: readonly QueryType[] = ['Practitioner', 'Organization', 'Location'];

/** 1.0.0 names first; `$full` / `$dereference` are the PLR IG specification page's older names for the same operations. */
const QUERY_OPERATIONS = [
  { op: 'entityQuery', extended: false, definition: (t: string) => `bc-entity-${t.toLowerCase()}-query` },
  { op: 'extendedQuery', extended: true, definition: (t: string) => `bc-extended-${t.toLowerCase()}-query` },
  { op: 'full', extended: false, definition: (t: string) => (t === 'Practitioner' ? 'bc-full-practitioner-query' : 'bc-full-organization-facility-query') },
  { op: 'dereference', extended: true, definition: (t: string) => (t === 'Practitioner' ? 'bc-dereference-practitioner-query' : 'bc-dereference-organization-facility-query') },
] as const;

/** The query and read routes (operations before reads, so `$entityQuery` is never taken for an id). */
export function queryRoutes(ctx: PlrContext): RouteDef[] {
  const routes: RouteDef[] = [];
  for (const type of QUERY_TYPES) {
    for (const q of QUERY_OPERATIONS) {
      const capability = { kind: 'operation' as const, type, name: q.op, definition: operationDefinitionUrl(q.definition(type)) };
      for (const method of ['GET', 'POST'] as const) {
        routes.push({ method, path: `${FHIR_PATH}/${type}/$${q.op}`, name: `${type}-${q.op}`, capability, seam: 'plr.query', handler: createQueryHandler(ctx, type, q.extended, false) });
        routes.push({ method, path: `${FHIR_PATH}/${type}/:id/$${q.op}`, name: `${type}-instance-${q.op}`, capability, seam: 'plr.query', handler: createQueryHandler(ctx, type, q.extended, true) });
      }
    }
  }
  routes.push(
    { method: 'GET', path: `${FHIR_PATH}/PractitionerRole`, name: 'PractitionerRole-search', capability: { kind: 'interaction', type: 'PractitionerRole', interaction: 'search-type' }, seam: 'plr.query', handler: createRelationshipSearchHandler(ctx, 'PractitionerRole') },
    { method: 'GET', path: `${FHIR_PATH}/OrganizationAffiliation`, name: 'OrganizationAffiliation-search', capability: { kind: 'interaction', type: 'OrganizationAffiliation', interaction: 'search-type' }, seam: 'plr.query', handler: createRelationshipSearchHandler(ctx, 'OrganizationAffiliation') },
  );
  for (const type of ['Practitioner', 'PractitionerRole', 'Organization', 'OrganizationAffiliation', 'Location'] as const) {
    routes.push({ method: 'GET', path: `${FHIR_PATH}/${type}/:id`, name: `${type}-read`, capability: { kind: 'interaction', type, interaction: 'read' }, seam: 'plr.read', handler: createReadHandler(ctx, type) });
  }
  return routes;
}
