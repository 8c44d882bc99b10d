// `metadata` and `OperationDefinition/{id}`: what this simulator implements, from its own route table.
import { buildCapabilityStatement, notFound, searchsetBundle, type RouteDef } from '../../fhir/index.js';
import type { PlrContext } from '../context.js';
import { FHIR_PATH } from '../vocabulary.js';
import { operationDefinitions } from './operation-definitions.js';

export function conformanceRoutes(ctx: PlrContext, allRoutes: () => readonly RouteDef[]): RouteDef[] {
  const definitions = operationDefinitions();
  return [
    {
      method: 'GET',
      path: `${FHIR_PATH}/metadata`,
      name: 'metadata',
      capability: { kind: 'none' },
      handler: (req) => {
        const cs = buildCapabilityStatement(allRoutes(), {
          name: 'BCPLRServerSimulated',
          title: 'BC Provider and Location Registry (simulated)',
          baseUrl: req.baseUrl,
          version: ctx.deps.version,
          date: ctx.deps.clock.iso().slice(0, 10),
          description:
            'hie-sandbox simulation of the PLR FHIR interface (fhir.ca-bc.provider 1.0.0; fhirVersion=4.0; BCPLRVersion=1). All POST and PUT requests carry a Parameters resource (or, in the seed form, a transaction Bundle); responses carry an OperationOutcome with bc-error-code-system codes.',
          security: { cors: false, description: 'Bearer token from the Keycloak realm moh_applications (audience plr) and a UserId header (user@idp).' },
        });
        cs.instantiates = ['http://hlth.gov.bc.ca/fhir/provider/CapabilityStatement/bc-plr-server-capability-statement'];
        for (const r of cs.rest?.[0]?.resource ?? []) {
          if (r.type === 'PractitionerRole') r.searchParam = ['practitioner', 'organization', 'location'].map((name) => ({ name, type: 'string', documentation: name === 'location' ? 'Location IFC' : `${name[0]!.toUpperCase()}${name.slice(1)} IPC` }));
          if (r.type === 'OrganizationAffiliation') r.searchParam = ['organization', 'location'].map((name) => ({ name, type: 'string', documentation: name === 'location' ? 'Location IFC' : 'Organization IPC' }));
        }
        return { resource: cs };
      },
    },
    {
      method: 'GET',
      path: `${FHIR_PATH}/OperationDefinition/:id`,
      name: 'operation-definition',
      capability: { kind: 'none' },
      handler: (req) => {
        const def = definitions.get(req.params.id!);
        if (!def) throw notFound(`OperationDefinition/${req.params.id} is not defined here; known: ${[...definitions.keys()].join(', ')}`);
        return { resource: def };
      },
    },
    {
      method: 'GET',
      path: `${FHIR_PATH}/OperationDefinition`,
      name: 'operation-definition',
      capability: { kind: 'none' },
      handler: (req) => ({ resource: searchsetBundle([...definitions.values()], { baseUrl: req.baseUrl, selfUrl: req.url, timestamp: ctx.deps.clock.iso() }) }),
    },
  ];
}
