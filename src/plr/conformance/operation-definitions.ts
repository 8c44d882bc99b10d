// OperationDefinitions of what is implemented, built from the same parameter tables the handlers use.
import type * as fhir from '../../fhir/types.js';
import { QUERY_PARAMS, type QueryType } from '../query/params.js';
import { operationDefinitionUrl } from '../vocabulary.js';

type Param = fhir.OperationDefinitionParameter;

const inParam = (name: string, type: string, documentation: string, min = 0, max = '1'): Param => ({ name, use: 'in', min, max, documentation, type } as Param);
const outParam = (name: string, type: string, documentation: string, min = 0, max = '1'): Param => ({ name, use: 'out', min, max, documentation, type } as Param);

function queryDefinition(id: string, code: string, types: QueryType[], extended: boolean, supersededBy?: string): fhir.OperationDefinition {
  const params = types.flatMap((t) => QUERY_PARAMS[t]);
  const seen = new Set<string>();
  const parameter: Param[] = [];
  for (const p of params) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    const aliases = p.aliases.length ? ` Also accepted as: ${p.aliases.join(', ')}.` : '';
    const param = inParam(p.name, p.type === 'boolean' ? 'boolean' : 'string', `${p.documentation}${aliases}`);
    if (p.type === 'token') param.searchType = 'token';
    else if (p.type === 'string') param.searchType = 'string';
    parameter.push(param);
  }
  parameter.push(outParam('bundle', 'Bundle', 'A searchset: the OperationOutcome (search.mode outcome), then one collection Bundle per match (at most 20)' + (extended ? ', then one per directly related provider or facility (search.mode include).' : '.'), 1));
  return {
    ...definitionHeader(id),
    kind: 'query',
    code,
    description: `${extended ? 'Returns the matching records plus all directly related providers and facilities.' : 'Returns the matching records without following relationships.'}${supersededBy ? ` The seed's older name for $${supersededBy}.` : ''}`,
    affectsState: false,
    resource: types,
    system: false,
    type: true,
    instance: true,
    parameter,
  };
}

/** The identity every PLR OperationDefinition shares: id, canonical url, version, name, status. */
function definitionHeader(id: string) {
  return {
    resourceType: 'OperationDefinition' as const,
    id,
    url: operationDefinitionUrl(id),
    version: '1.0.0',
    name: id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
    status: 'active' as const,
  };
}

function messageDefinition(id: string, code: string, bundleParam: string, out: boolean, description: string): fhir.OperationDefinition {
  const parameter: Param[] = [
    inParam('messageId', 'string', 'Source-assigned unique message id.', 1),
    inParam('messageTime', 'dateTime', 'When the source sent the message.', 1),
    inParam(bundleParam, 'Bundle', description, 1),
  ];
  if (out) {
    parameter.push(
      outParam('messageId', 'string', 'PLR message id.', 1),
      outParam('messageTime', 'dateTime', 'PLR message time.', 1),
      outParam('requestMessageId', 'string', 'The messageId of the request.', 1),
      outParam(bundleParam, 'Bundle', 'The result bundle.'),
      outParam('outcome', 'OperationOutcome', 'PRS.PRP.MTN.UNK.0.0.0000 on success, with any warnings.', 1),
    );
  }
  return {
    ...definitionHeader(id),
    kind: 'operation',
    code,
    affectsState: true,
    system: true,
    type: false,
    instance: false,
    parameter,
  };
}

/** Every OperationDefinition the simulator serves, by id. */
export function operationDefinitions(): Map<string, fhir.OperationDefinition> {
  const defs: fhir.OperationDefinition[] = [];
  for (const t of ['Practitioner', 'Organization', 'Location'] as const) {
    defs.push(queryDefinition(`bc-entity-${t.toLowerCase()}-query`, 'entityQuery', [t], false), queryDefinition(`bc-extended-${t.toLowerCase()}-query`, 'extendedQuery', [t], true));
  }
  defs.push(
    queryDefinition('bc-full-practitioner-query', 'full', ['Practitioner'], false, 'entityQuery'),
    queryDefinition('bc-full-organization-facility-query', 'full', ['Organization', 'Location'], false, 'entityQuery'),
    queryDefinition('bc-dereference-practitioner-query', 'dereference', ['Practitioner'], true, 'extendedQuery'),
    queryDefinition('bc-dereference-organization-facility-query', 'dereference', ['Organization', 'Location'], true, 'extendedQuery'),
    messageDefinition('bc-maintain', 'maintain', 'maintain', true, 'One practitioner, organization or location bundle (collection).'),
    messageDefinition('bc-batch', 'batch', 'batch', true, 'A batch Bundle of maintain bundles.'),
    messageDefinition('bc-distribution', 'distribution', 'distribution', false, 'Sent by PLR to subscribers: the latest data of one provider or facility.'),
  );
  return new Map(defs.map((d) => [d.id!, d]));
}
