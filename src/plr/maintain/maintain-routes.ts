// Routes that change the registry: $maintain, the PLR IG specification page's PUT of a transaction Bundle, $batch, and POST of a batch Bundle.
import { randomUUID } from 'node:crypto';
import { collectionBundle, type FhirRequest, type FhirResult, type RouteDef } from '../../fhir/index.js';
import { parseDuration } from '../../clock/index.js';
import type * as fhir from '../../fhir/types.js';
import type { PlrContext } from '../context.js';
import { plainIssue, plrFailure } from '../error-codes.js';
import { FHIR_PATH, operationDefinitionUrl } from '../vocabulary.js';
import { runBatch } from './batch.js';
import { runMaintain } from './maintain-service.js';
import { assertNewMessage, rememberMessage, type MessageWindow } from './message-log.js';
import { unwrapBundle, unwrapParameters, type MaintainMessage } from './parse.js';
import { REFUSED_ENTRIES } from '../../journal/index.js';

/** The message-id replay window now: its span and count bound from the configuration. */
const messageWindow = (ctx: PlrContext): MessageWindow => ({
  at: ctx.deps.clock.iso(),
  windowMs: parseDuration(ctx.deps.config.bounds.messageIdWindow)!,
  keep: ctx.deps.config.bounds.messageIdKeep,
});

function maintainOnce(ctx: PlrContext, req: FhirRequest, message: MaintainMessage) {
  const window = messageWindow(ctx);
  assertNewMessage(ctx.deps.store, req.partner, message.messageId, window);
  const result = runMaintain(ctx, message.bundle);
  rememberMessage(ctx.deps.store, req.partner, message.messageId, `${result.created ? 'created' : 'updated'} ${result.id}`, window);
  ctx.distributor.changed([result.id], { kind: 'maintain', partner: req.partner, messageId: message.messageId });
  return result;
}

/** The OUT parameters of bc-maintain / bc-batch: messageId, messageTime, requestMessageId, the bundle, outcome. */
function outParameters(ctx: PlrContext, requestMessageId: string, name: 'maintain' | 'batch', bundle: fhir.Bundle, outcome: fhir.OperationOutcome): fhir.Parameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'messageId', valueString: randomUUID() },
      { name: 'messageTime', valueDateTime: ctx.deps.clock.iso() },
      { name: 'requestMessageId', valueString: requestMessageId },
      { name, resource: bundle },
      { name: 'outcome', resource: outcome },
    ],
  };
}

function maintainHandler(ctx: PlrContext) {
  return (req: FhirRequest): FhirResult => {
    const message = unwrapParameters(req.body, 'maintain');
    const result = maintainOnce(ctx, req, message);
    return { resource: outParameters(ctx, message.messageId, 'maintain', result.bundle, result.outcome), correlation: { plr: result.id, message: message.messageId } };
  };
}

/** The seed's form: "a Bundle with OperationOutcome and the modified or new resource(s)". */
function transactionHandler(ctx: PlrContext) {
  return (req: FhirRequest): FhirResult => {
    const body = req.body as fhir.Bundle | undefined;
    if (req.method === 'POST' && body?.resourceType === 'Bundle' && body.type === 'batch') {
      const batch = runBatch(ctx, body, req.partner, body.id ?? randomUUID());
      return { resource: batch.response, correlation: { message: body.id ?? '', ...refusedEntries(batch.refused) } };
    }
    if (req.method === 'POST' && body?.resourceType === 'Bundle' && body.type !== 'transaction') {
      throw plrFailure(400, plainIssue('error', 'structure', `POST to the base takes a transaction Bundle (maintain) or a batch Bundle; this one is a ${body.type}.`));
    }
    const message = unwrapBundle(req.body, req.params.id);
    const result = maintainOnce(ctx, req, message);
    const resources = (result.bundle.entry ?? []).map((e) => e.resource!);
    const response = collectionBundle([result.outcome, ...resources], { timestamp: ctx.deps.clock.iso(), baseUrl: req.baseUrl });
    return { resource: response, correlation: { plr: result.id, message: message.messageId } };
  };
}

/**
 * The journal's mark of a batch some of whose entries were refused: the answer is a 200 whatever the entries' outcomes,
 * and a long answer is cut in the journal, so conformance reads the count here (REFUSED_ENTRIES).
 */
const refusedEntries = (refused: number): Record<string, string> => (refused > 0 ? { [REFUSED_ENTRIES]: String(refused) } : {});

function batchHandler(ctx: PlrContext) {
  return (req: FhirRequest): FhirResult => {
    const message = unwrapParameters(req.body, 'batch');
    const window = messageWindow(ctx);
    assertNewMessage(ctx.deps.store, req.partner, message.messageId, window);
    const batch = runBatch(ctx, message.bundle, req.partner, message.messageId);
    rememberMessage(ctx.deps.store, req.partner, message.messageId, batch.summary, window);
    return { resource: outParameters(ctx, message.messageId, 'batch', batch.response, batch.outcome), correlation: { message: message.messageId, ...refusedEntries(batch.refused) } };
  };
}

/** The maintain and batch routes. */
export function maintainRoutes(ctx: PlrContext): RouteDef[] {
  return [
    { method: 'POST', path: `${FHIR_PATH}/$maintain`, name: 'maintain', capability: { kind: 'operation', name: 'maintain', definition: operationDefinitionUrl('bc-maintain') }, seam: 'plr.maintain', handler: maintainHandler(ctx) },
    { method: 'POST', path: `${FHIR_PATH}/$batch`, name: 'batch', capability: { kind: 'operation', name: 'batch', definition: operationDefinitionUrl('bc-batch') }, seam: 'plr.batch', handler: batchHandler(ctx) },
    { method: 'PUT', path: `${FHIR_PATH}/Bundle/:id`, name: 'maintain-transaction', capability: { kind: 'interaction', type: 'Bundle', interaction: 'update' }, seam: 'plr.maintain', handler: transactionHandler(ctx) },
    { method: 'POST', path: `${FHIR_PATH}`, name: 'maintain-transaction-post', capability: { kind: 'none' }, seam: 'plr.maintain', handler: transactionHandler(ctx) },
  ];
}
