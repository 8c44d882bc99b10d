// The HL7v3 SOAP endpoint: GetDemographics, FindCandidates and PersonRevised, answering in V3 acks or SOAP faults.
import express, { type Request, type Response } from 'express';
import type { AppDeps } from '../../app-deps.js';
import { authenticate } from '../../auth/index.js';
import { applyInboundFault } from '../../faults/index.js';
import { HCIM_CODES, invalidCodeOf, type HcimCode, type HcimTransaction } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import { addPatient } from '../services/add-patient.js';
import type { HcimContext } from '../services/context.js';
import { assertEmpiAvailable } from '../services/empi-availability.js';
import { findCandidates } from '../services/find-candidates.js';
import { getDemographics } from '../services/get-demographics.js';
import { revisePatient } from '../services/revise-patient.js';
import { asNode, attr, identifierOf, path, patientFromQuery, patientFromRevise, xmlParser, type XmlNode } from './v3-read.js';
import type { CallbackRegistry } from '../notifications/callbacks.js';
import { personTarget, queryAck, soapEnvelope, soapFault, wrapper } from './v3-write.js';
import { own } from '../../validation/own.js';
import { findXmlBoundProblem } from './bounds.js';

const TXN: Record<string, HcimTransaction> = { HCIM_IN_GetDemographics: 'GD', HCIM_IN_FindCandidates: 'FC', HCIM_IN_PersonRevised: 'RP' };

/**
 * The SOAP endpoint. PersonRevised answers HCIM_IN_PersonRevisedResult (or ...Rejected) at once; when the
 * message asks for an accept acknowledgement (acceptAckCode AL) and the partner registered a call-back
 * endpoint, it answers HCIM_IN_PersonRevisedAccepted (BCHCIM.RP.0.0007) and delivers the Result there.
 * See shared/reference/plr-hcim.md §2.2.
 */
export function createSoapRouter(ctx: HcimContext, deps: AppDeps, callbacks: CallbackRegistry): express.Router {
  const router = express.Router();
  router.use(express.text({ type: () => true, limit: deps.config.bodyLimitBytes, verify: (req, _res, buf) => void ((req as Request & { rawBody?: Buffer }).rawBody = buf) }));
  router.post('/', async (req: Request, res: Response) => {
    const send = (status: number, xml: string) => void res.status(status).type('text/xml; charset=utf-8').send(xml);
    const effect = deps.faults.check('hcim.soap');
    if (effect && (await applyInboundFault(effect, res))) return;
    const auth = await authenticate(req.headers.authorization, deps.issuer, 'hcim', deps.config.auth);
    if (!auth.ok) return send(401, soapFault(auth.reason));
    const partner = auth.principal.partner ?? 'demo';
    let doc: XmlNode;
    try {
      doc = xmlParser.parse(typeof req.body === 'string' ? req.body : '', true) as XmlNode;
    } catch (err) {
      return send(400, soapFault(`The request is not well-formed XML: ${(err as Error).message}`));
    }
    const tooBig = findXmlBoundProblem(doc);
    if (tooBig) return send(400, soapFault(`${tooBig.path} ${tooBig.message}.`));
    const body = path(doc, 'Envelope', 'Body');
    if (!body) return send(400, soapFault('The request must be a SOAP 1.1 Envelope with a Body holding one HCIM_IN_* message.'));
    const interaction = Object.keys(body).find((k) => !k.startsWith('@_'));
    const txn = own(TXN, interaction);
    if (!interaction || !txn) return send(400, soapFault(`Unsupported interaction ${interaction === undefined ? '(none)' : interaction.slice(0, 128)}: use HCIM_IN_GetDemographics, HCIM_IN_FindCandidates or HCIM_IN_PersonRevised.`));
    const message = asNode(body[interaction])!;
    const requestId = attr(path(message, 'id'), 'extension');
    const envelopeOf = (name: string, code: HcimCode, inner: Record<string, unknown>, detail?: string) => {
      const ack = code.severity === 'error' ? 'AE' : 'AA';
      return soapEnvelope({ [name]: { ...wrapper({ interaction: name, requestId, at: ctx.clock.iso(), ackCode: ack, code, detail, processingMode: txn === 'RP' ? 'I' : 'T' }), ...inner } });
    };
    const respond = (status: number, name: string, code: HcimCode, inner: Record<string, unknown>, detail?: string) => {
      res.locals.correlation = { ...(requestId ? { message: requestId } : {}) };
      send(status, envelopeOf(name, code, inner, detail));
    };
    const endpoint = txn === 'RP' && attr(path(message, 'acceptAckCode'), 'code') === 'AL' ? callbacks.get(partner) : undefined;
    const responseName = txn === 'RP' ? 'HCIM_IN_PersonRevisedResult' : `${interaction}Response`;
    try {
      if (!requestId) throw new HcimError(invalidCodeOf(txn), 'The message id (id@extension) is missing.', 400, HCIM_CODES.schEmptyId);
      assertEmpiAvailable(ctx.faults, txn, partner);
      if (!ctx.registry.claimMessageId(partner, requestId, ctx.clock.iso())) {
        throw new HcimError(txn === 'RP' ? HCIM_CODES.rpDuplicateMessage : invalidCodeOf(txn), `The message id ${requestId} was already used.`, 409);
      }
      const control = path(message, 'controlActProcess');
      const payload = path(control, 'queryByParameter', 'queryByParameterPayload');
      const userId = attr(path(control, 'dataEnterer', 'assignedPerson', 'id'), 'extension');
      if (txn === 'GD') {
        const r = getDemographics(ctx, identifierOf(path(payload, 'person.id', 'value')));
        const subject = r.person ? { '@_typeCode': 'SUBJ', target: personTarget(r.person, ctx.registry.sourcesOf(r.person.phn)) } : undefined;
        return respond(200, responseName, r.code, { controlActProcess: { '@_classCode': 'ACCM', '@_moodCode': 'EVN', subject, queryAck: queryAck(r.code, r.person ? 1 : 0), queryByParameter: path(control, 'queryByParameter') } });
      }
      if (txn === 'FC') {
        const r = findCandidates(ctx, { patient: patientFromQuery(payload) });
        const subject = r.candidates.map((c) => ({ '@_typeCode': 'SUBJ', target: personTarget(ctx.registry.get(c.phn)!, ctx.registry.sourcesOf(c.phn), c.score) }));
        return respond(200, responseName, r.code, { controlActProcess: { '@_classCode': 'ACCM', '@_moodCode': 'EVN', subject, queryAck: queryAck(r.code, r.candidates.length), queryByParameter: path(control, 'queryByParameter') } });
      }
      const role = path(control, 'subject', 'registrationEvent', 'subject1', 'identifiedPerson');
      if (!role) throw new HcimError(HCIM_CODES.rpInvalid, 'controlActProcess/subject/registrationEvent/subject1/identifiedPerson is missing.');
      const patient = patientFromRevise(role);
      const caller = { partner, userId };
      const known = patient.identifier?.some((i) => i.system?.endsWith('ca-bc-patient-healthcare-id'));
      const r = known ? revisePatient(ctx, caller, patient) : addPatient(ctx, caller, patient);
      const subject = r.person ? { '@_typeCode': 'SUBJ', registrationEvent: { '@_classCode': 'REG', '@_moodCode': 'EVN', subject1: { '@_typeCode': 'SBJ', target: personTarget(r.person, ctx.registry.sourcesOf(r.person.phn)) } } } : undefined;
      const result = { controlActProcess: { '@_classCode': 'CACT', '@_moodCode': 'EVN', subject } };
      if (!endpoint) return respond(200, responseName, r.code, result);
      deps.delivery.enqueue({
        channel: 'hcim',
        partner,
        url: endpoint.url,
        method: 'POST',
        body: envelopeOf(responseName, r.code, result),
        contentType: 'text/xml; charset=utf-8',
        headers: { ...endpoint.headers, SOAPAction: responseName },
        correlation: { message: requestId, ...(r.person ? { phn: r.person.phn } : {}) },
      });
      return respond(200, 'HCIM_IN_PersonRevisedAccepted', HCIM_CODES.rpAccepted, {});
    } catch (err) {
      if (!(err instanceof HcimError)) throw err;
      const detail = err.secondary ? `${err.detail} (${err.secondary.code} ${err.secondary.text})` : err.detail;
      const name = txn === 'RP' ? 'HCIM_IN_PersonRevisedRejected' : responseName;
      const inner = txn === 'RP' ? {} : { controlActProcess: { '@_classCode': 'ACCM', '@_moodCode': 'EVN', queryAck: queryAck(err.code, 0, detail) } };
      return respond(err.status, name, err.code, inner, detail);
    }
  });
  router.all('/', (req, res) => void res.status(405).set('Allow', 'POST').type('text/xml').send(soapFault(`${req.method} is not supported: POST a SOAP envelope to this endpoint.`)));
  return router;
}
