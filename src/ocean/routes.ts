// Ocean's FHIR API as a route table: one line per endpoint, paths as Ocean has them under /svc/fhir/v1.
import { buildCapabilityStatement, type RouteDef } from '../fhir/index.js';
import { createOperationDefinitionHandler, OPERATION_DEFINITION_IDS as OPDEF, operationDefinitionUrl } from './operation-definitions.js';
import { FHIR_PATH, type OceanContext } from './context.js';
import { createBinaryHandler, createLetterHandler } from './documents/document-handlers.js';
import { createProcessMessagesHandler } from './inbound/process-messages.js';
import { createNamingSystemHandler } from './naming-system.js';

export { FHIR_PATH };

/** The fault seams the routes declare. */
export const OCEAN_SEAMS = [
  { seam: 'ocean.process-messages', description: 'Ocean $process-messages (inbound messages from a POS)' },
  { seam: 'ocean.letter', description: 'Ocean ServiceRequest/$letter (referral PDF)' },
  { seam: 'ocean.binary', description: 'Ocean DocumentReference/$binary (attachments)' },
];

export function createOceanRoutes(ctx: OceanContext): RouteDef[] {
  const p = FHIR_PATH;
  const definition = (id: string) => operationDefinitionUrl(ctx, id);
  const routes: RouteDef[] = [
    { method: 'GET', path: `${p}/metadata`, name: 'capabilities', capability: { kind: 'none' }, handler: (req) => ({ resource: capabilities(req.baseUrl) }) },
    { method: 'POST', path: `${p}/$process-messages`, name: 'process-messages', seam: 'ocean.process-messages', capability: { kind: 'operation', name: '$process-messages', definition: definition(OPDEF.processMessages) }, handler: createProcessMessagesHandler(ctx) },
    { method: 'GET', path: `${p}/ServiceRequest/:ref/$letter`, name: 'letter', seam: 'ocean.letter', capability: { kind: 'operation', type: 'ServiceRequest', name: '$letter', definition: definition(OPDEF.letter) }, produces: ['application/pdf'], handler: createLetterHandler(ctx) },
    { method: 'GET', path: `${p}/DocumentReference/:id/$binary`, name: 'binary', seam: 'ocean.binary', capability: { kind: 'operation', type: 'DocumentReference', name: '$binary', definition: definition(OPDEF.binary) }, produces: ['*/*'], handler: createBinaryHandler(ctx) },
    { method: 'GET', path: `${p}/OperationDefinition/:id`, name: 'operation-definition', capability: { kind: 'interaction', type: 'OperationDefinition', interaction: 'read' }, handler: createOperationDefinitionHandler(ctx) },
    { method: 'GET', path: `${p}/NamingSystem/:id`, name: 'naming-system', capability: { kind: 'interaction', type: 'NamingSystem', interaction: 'read' }, handler: createNamingSystemHandler(ctx) },
  ];
  const capabilities = (_base: string) =>
    buildCapabilityStatement(routes, { name: 'OceanEReferral', title: 'Ocean eReferral FHIR API (simulated)', baseUrl: ctx.fhirBase, version: ctx.deps.version, date: '2026-01-01' });
  return routes;
}
