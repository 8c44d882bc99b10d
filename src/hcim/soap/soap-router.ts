// The HL7v3 SOAP endpoint: transport only. Answers are HTTP 200 (accepting and refusing alike), SOAP 1.1 Faults HTTP 500.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppDeps } from '../../app-deps.js';
import { authenticate } from '../../auth/index.js';
import { applyInboundFault, markFaulted } from '../../faults/index.js';
import { HCIM_CODES } from '../codes.js';
import type { CallbackRegistry } from '../notifications/callbacks.js';
import type { HcimContext } from '../services/context.js';
import { INTERACTIONS, runInteraction, type V3Answer } from './interactions.js';
import { attr, asNode, path, receiverOf, xmlParser, type XmlNode } from './v3-read.js';
import { PERSON_REVISED_NAK, personRevisedNak, queryHeader, revisedControlAct, soapEnvelope, soapFault, wrapper } from './v3-write.js';
import { clip, findXmlBoundProblem, MAX_SOAP_BODY_BYTES } from './bounds.js';
import { CALLBACK_CORRELATION, type JournalLocals } from '../../journal/index.js';

/** WS-I Basic Profile 1.1 R1126: a SOAP Fault travels with HTTP 500. See: http://www.ws-i.org/profiles/basicprofile-1.1.html */
const FAULT_STATUS = 500;
const keepRawBody = (req: Request, _res: Response, buf: Buffer) => void ((req as Request & { rawBody?: Buffer }).rawBody = buf);
const INTERACTION_NAMES = [...INTERACTIONS.keys()].join(', ');

/**
 * The SOAP endpoint. Every HL7v3 answer, an application error (a PersonRevisedNak, a query's error code) included, is
 * HTTP 200 (WS-I BP R1111), so SOAP stacks read it as data; a Fault (not SOAP, unknown interaction,
 * missing or invalid token, wrong method, a body over MAX_SOAP_BODY_BYTES, refused unread) is HTTP 500 (SOAP 1.1
 * §6.2). PersonRevised with acceptAckCode AL and a registered call-back answers
 * HCIM_IN_PersonRevisedAccepted and delivers the Result.
 */
export function createSoapRouter(ctx: HcimContext, deps: AppDeps, callbacks: CallbackRegistry, wsdl: () => string): express.Router {
  const router = express.Router();
  const bodyLimit = Math.min(MAX_SOAP_BODY_BYTES, deps.config.bodyLimitBytes);
  const sendXml = (res: Response, status: number, xml: string) => void res.status(status).type('text/xml; charset=utf-8').send(xml);
  const fault = (res: Response, reason: string, faultcode?: string) => sendXml(res, FAULT_STATUS, soapFault(reason, faultcode));
  // A Fault needs a body and a HEAD answer has none: HEAD is refused as a method (405), ?wsdl excepted.
  router.head('/', (req, res, next) => (Object.hasOwn(req.query, 'wsdl') ? next() : void res.status(405).set('Allow', 'GET, POST').end()));
  router.get('/', (req, res, next) => (Object.hasOwn(req.query, 'wsdl') ? sendXml(res, 200, wsdl()) : next()));
  router.post('/', express.text({ type: () => true, limit: bodyLimit, verify: keepRawBody }), async (req: Request, res: Response) => {
    const effect = deps.faults.check('hcim.soap');
    if (effect) markFaulted(effect, res, 'hcim.soap');
    // An armed status speaks SOAP here: the armed body, else a soap:Server Fault (not a FHIR outcome).
    if (effect?.kind === 'status') return void res.status(effect.status).type(effect.contentType ?? 'text/xml; charset=utf-8').send(effect.body ?? soapFault(`Simulated fault: HTTP ${effect.status}.`, 'soap:Server'));
    if (effect && (await applyInboundFault(effect, res))) return;
    const auth = await authenticate(req.headers.authorization, deps.issuer, 'hcim', deps.config.auth);
    if (!auth.ok) return fault(res, `Not authorised: ${auth.reason} Send Authorization: Bearer <token> with audience hcim.`);
    const partner = auth.principal.partner ?? 'demo';
    // The journal's partner is the one the credentials name (none with authentication off: anyone's call).
    if (auth.principal.partner) (res.locals as JournalLocals).partner = auth.principal.partner;
    let doc: XmlNode;
    try {
      doc = xmlParser.parse(typeof req.body === 'string' ? req.body : '', true) as XmlNode;
    } catch (err) {
      // The parser's message quotes the input (5 MB of "<" made a 21 MB fault): a few hundred characters say enough.
      return fault(res, `The request is not well-formed XML: ${clip(String((err as Error).message), 300)}`);
    }
    const tooBig = findXmlBoundProblem(doc);
    if (tooBig) return fault(res, `${tooBig.path} ${tooBig.message}.`);
    const body = path(doc, 'Envelope', 'Body');
    if (!body) return fault(res, 'The request must be a SOAP 1.1 Envelope with a Body holding one HCIM_IN_* message.');
    const interaction = Object.keys(body).find((k) => !k.startsWith('@_'));
    const txn = interaction ? INTERACTIONS.get(interaction) : undefined;
    if (!interaction || !txn) return fault(res, `Unsupported interaction ${interaction === undefined ? '(none)' : interaction.slice(0, 128)}: use ${INTERACTION_NAMES}.`);
    const message = asNode(body[interaction]) ?? {};
    const requestId = attr(path(message, 'id'), 'extension');
    const receiver = receiverOf(message);
    // A query answers with its code in queryAck (and acceptAckCode on an error), a PersonRevised with an acknowledgement.
    const envelopeOf = (a: V3Answer) => {
      const at = ctx.clock.iso();
      if (a.name === PERSON_REVISED_NAK.interaction) return soapEnvelope({ [PERSON_REVISED_NAK.element]: personRevisedNak({ requestId, receiver, at, code: a.code, detail: a.detail }) });
      const header = txn === 'RP' ? wrapper({ interaction: a.name, requestId, receiver, at, code: a.code, detail: a.detail, processingMode: 'I' }) : queryHeader({ interaction: a.name, receiver, at, code: a.code, detail: a.detail });
      return soapEnvelope({ [a.name]: { ...header, ...a.inner } });
    };
    const answer = await runInteraction(ctx, partner, interaction, txn, message);
    res.locals.correlation = { ...(requestId ? { message: requestId } : {}), ...(answer.phn ? { phn: answer.phn } : {}) };
    const endpoint = txn === 'RP' && answer.name !== PERSON_REVISED_NAK.interaction && attr(path(message, 'acceptAckCode'), 'code') === 'AL' ? callbacks.get(partner) : undefined;
    if (!endpoint) return sendXml(res, 200, envelopeOf(answer));
    deps.delivery.enqueue({
      channel: 'hcim',
      partner,
      url: endpoint.url,
      method: 'POST',
      body: envelopeOf(answer),
      contentType: 'text/xml; charset=utf-8',
      headers: { ...endpoint.headers, SOAPAction: answer.name },
      correlation: { ...(requestId ? { message: requestId } : {}), ...(answer.phn ? { phn: answer.phn } : {}), [CALLBACK_CORRELATION]: interaction },
    });
    return sendXml(res, 200, envelopeOf({ name: 'HCIM_IN_PersonRevisedAccepted', code: HCIM_CODES.rpAccepted, inner: revisedControlAct(HCIM_CODES.rpAccepted) }));
  });
  router.all('/', (req, res) => {
    res.set('Allow', 'GET, POST');
    fault(res, `${req.method} is not supported: POST a SOAP 1.1 envelope here, or GET ?wsdl for the service description.`);
  });
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const { type, status, message } = err as { type?: string; status?: number; message?: string };
    if (res.headersSent) return next(err);
    if (type === 'entity.too.large') return fault(res, `The request body is too large: at most ${bodyLimit} bytes (an HL7v3 message is a few KB).`);
    // The body reader marks what the caller sent wrong with a 4xx (an unknown or corrupt Content-Encoding too).
    if (type || (status !== undefined && status >= 400 && status < 500)) return fault(res, `The request body could not be read (${type ?? String(message).slice(0, 200)}).`);
    deps.log.error('HCIM SOAP handler failed', { error: (err as Error)?.stack ?? String(err) });
    fault(res, 'The HCIM simulator failed to process the message; this is a sandbox bug.', 'soap:Server');
  });
  return router;
}
