// Ocean's OperationDefinitions: what $process-messages, $letter and $binary take and answer, as the handlers do.
import { notFound } from '../fhir/errors.js';
import type { FhirRequest, FhirResult } from '../fhir/routes.js';
import type * as fhir from '../fhir/types.js';
import { INBOUND_EVENTS, OUTBOUND_ONLY_EVENTS } from './codes.js';
import type { OceanContext } from './context.js';

type Param = fhir.OperationDefinitionParameter;

/** The ids the CapabilityStatement names, each served at `{fhirBase}/OperationDefinition/{id}`. */
export const OPERATION_DEFINITION_IDS = {
  processMessages: 'MessageHeader-process-messages',
  letter: 'ServiceRequest-letter',
  binary: 'DocumentReference-binary',
} as const;

/** The canonical URL of one of Ocean's definitions: under Ocean's own FHIR base, where it resolves. */
export const operationDefinitionUrl = (ctx: OceanContext, id: string): string => `${ctx.fhirBase}/OperationDefinition/${id}`;

const param = (use: Param['use'], name: string, type: string, min: number, documentation: string): Param => ({ name, use, min, max: '1', documentation, type });

/**
 * Every OperationDefinition Ocean's metadata names, by id.
 * See: https://hl7.org/fhir/R4/operationdefinition.html, docs/ocean.md#operationdefinitions
 */
export function oceanOperationDefinitions(ctx: OceanContext): Map<string, fhir.OperationDefinition> {
  const header = (id: string, name: string, title: string) => ({
    resourceType: 'OperationDefinition' as const,
    id,
    url: operationDefinitionUrl(ctx, id),
    version: ctx.deps.version,
    name,
    title,
    status: 'active' as const,
    kind: 'operation' as const,
    publisher: 'Ocean (hie-sandbox)',
  });
  const events = Object.entries(INBOUND_EVENTS).map(([code, e]) => (e.legacy ? `${code} (legacy, as ${e.canonical})` : code));
  const defs: fhir.OperationDefinition[] = [
    {
      ...header(OPERATION_DEFINITION_IDS.processMessages, 'ProcessMessages', 'Ocean $process-messages'),
      description: `Takes one FHIR message from the referral's current receiver and applies it. Events processed: ${events.join(', ')}. Refused: ${Object.keys(OUTBOUND_ONLY_EVENTS).join(', ')} (Ocean sends these; it does not take them).`,
      comment:
        "Named in the plural, as Ocean's own MessageHeader.source.endpoint is. Modelled on FHIR's $process-message (http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message) without its async and response-url parameters, and answering an OperationOutcome rather than a response message. The Bundle is the request body, not a Parameters resource.",
      affectsState: true,
      code: 'process-messages',
      resource: ['MessageHeader'],
      system: true,
      type: false,
      instance: false,
      parameter: [
        param('in', 'content', 'Bundle', 1, 'The message: a Bundle of type message whose first entry is the MessageHeader, posted as the request body (application/fhir+json or application/json).'),
        param('out', 'return', 'OperationOutcome', 1, 'On 200, an information issue saying what changed (and a warning per non-conformance the message got away with); on a 4xx, what made the message unusable. Nothing changes on a 4xx.'),
      ],
    },
    {
      ...header(OPERATION_DEFINITION_IDS.letter, 'Letter', 'Ocean ServiceRequest $letter'),
      description: 'The referral as a PDF letter: patient, requester, receiving listing and the referral form, optionally followed by its attachments (PB, "Nuances of message events").',
      comment: 'Answers application/pdf bytes (a Binary in its native format, not FHIR JSON); errors are OperationOutcomes.',
      affectsState: false,
      code: 'letter',
      resource: ['ServiceRequest'],
      system: false,
      type: false,
      instance: true,
      parameter: [
        param('in', 'attachments', 'boolean', 0, "true: the referral's attachments follow the letter in the same PDF; false or absent: the letter alone. Any other value is a 400."),
        param('out', 'return', 'Binary', 1, 'The letter, sent as application/pdf bytes.'),
      ],
    },
    {
      ...header(OPERATION_DEFINITION_IDS.binary, 'Binary', 'Ocean DocumentReference $binary'),
      description: "One attachment of a referral, as the DocumentReference's content.attachment.url in Ocean's messages points to it.",
      comment: 'Answers the attachment bytes in the content type they were stored with (a Binary in its native format, not FHIR JSON); errors are OperationOutcomes.',
      affectsState: false,
      code: 'binary',
      resource: ['DocumentReference'],
      system: false,
      type: false,
      instance: true,
      parameter: [param('out', 'return', 'Binary', 1, "The attachment's bytes, in their own content type.")],
    },
  ];
  return new Map(defs.map((d) => [d.id!, d]));
}

/** `GET OperationDefinition/{id}`: one of Ocean's definitions, or a 404 naming those there are. */
export function createOperationDefinitionHandler(ctx: OceanContext) {
  const definitions = oceanOperationDefinitions(ctx);
  return (req: FhirRequest): FhirResult => {
    const def = definitions.get(req.params.id!);
    if (!def) throw notFound(`OperationDefinition/${req.params.id} is not one of Ocean's; there are ${[...definitions.keys()].join(', ')}`);
    return { resource: def };
  };
}
