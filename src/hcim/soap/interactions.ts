// The HL7v3 interactions behind /hcim/soap: a parsed message in, the response message (name, code, payload) out.
import { MAX_MESSAGE_ID_LENGTH } from '../../store/index.js';
import { HCIM_CODES, invalidCodeOf, refusesReusedMessageId, type HcimCode, type HcimTransaction } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import { OID } from '../identifiers.js';
import { addPatient } from '../services/add-patient.js';
import type { HcimContext } from '../services/context.js';
import { assertEmpiAvailable, awaitMatchIndex } from '../services/empi-availability.js';
import { findCandidates } from '../services/find-candidates.js';
import { getDemographics } from '../services/get-demographics.js';
import { revisePatient } from '../services/revise-patient.js';
import { attr, identifierOf, path, patientFromQuery, patientFromRevise, type XmlNode } from './v3-read.js';
import { PERSON_REVISED_NAK, personTarget, queryAck, revisedControlAct, revisedSubject } from './v3-write.js';

/** The interactions the endpoint takes, with their BCHCIM transaction family. */
export const INTERACTIONS: ReadonlyMap<string, HcimTransaction> = new Map([
  ['HCIM_IN_GetDemographics', 'GD'],
  ['HCIM_IN_FindCandidates', 'FC'],
  ['HCIM_IN_PersonRevised', 'RP'],
]);

/** What the endpoint answers: the response interaction, its BCHCIM code and controlActProcess. */
export interface V3Answer {
  name: string;
  code: HcimCode;
  inner: Record<string, unknown>;
  detail?: string;
  /** The PHN the answer is about (journal correlation). */
  phn?: string;
}

const accm = (rest: Record<string, unknown>) => ({ controlActProcess: { '@_classCode': 'ACCM', '@_moodCode': 'EVN', ...rest } });

/** The response interaction of a request: `<name>Response`, or PersonRevisedResult. */
export const responseNameOf = (interaction: string, txn: HcimTransaction): string => (txn === 'RP' ? 'HCIM_IN_PersonRevisedResult' : `${interaction}Response`);

/**
 * Runs one interaction, waiting first for the match index when a search or an add needs it. Application errors (HcimError) become the error answer of the
 * interaction (for RP, HCIM_IN_PersonRevisedNak, as the death-date ESB's samples have it), never an exception: the
 * transport sends them as data.
 * GetDemographics answers under subject typeCode CIND, FindCandidates one subject SUBJ per candidate, as the
 * Ministry's HNWeb samples do. See: https://github.com/bcgov/moh-hnweb (backend/src/test/resources).
 */
export async function runInteraction(ctx: HcimContext, partner: string, interaction: string, txn: HcimTransaction, message: XmlNode): Promise<V3Answer> {
  const requestId = attr(path(message, 'id'), 'extension');
  const control = path(message, 'controlActProcess');
  const responseName = responseNameOf(interaction, txn);
  const userId = attr(path(control, 'dataEnterer', 'assignedPerson', 'id'), 'extension');
  // A query answer echoes the request's parameters as queryByParameterPayload right under controlActProcess, its
  // wrapper dropped, after queryAck: the schema's order (PRPA_IN101102CA, PRPA_IN101104BC) and HNWeb's samples.
  const payload = path(control, 'queryByParameter', 'queryByParameterPayload');
  try {
    if (!requestId) throw new HcimError(invalidCodeOf(txn), 'The message id (id@extension) is missing.', 400, HCIM_CODES.schEmptyId);
    if (requestId.length > MAX_MESSAGE_ID_LENGTH) throw new HcimError(invalidCodeOf(txn), `The message id (id@extension) is ${requestId.length} characters long; at most ${MAX_MESSAGE_ID_LENGTH} are accepted.`);
    // HCIM takes no revise without the user who entered it (HCIM-IG "RESTful": "no user id"), as the FHIR side.
    if (txn === 'RP' && !userId?.trim()) {
      throw new HcimError(HCIM_CODES.rpInvalid, `controlActProcess/dataEnterer/assignedPerson/id@extension (root ${OID.user}) is missing: a PersonRevised needs the user id of the person who entered it, e.g. "bsmith@IDIR".`);
    }
    assertEmpiAvailable(ctx.faults, txn, partner);
    await awaitMatchIndex(ctx.engine, txn);
    if (refusesReusedMessageId(txn) && !ctx.registry.claimMessageId(partner, requestId, ctx.clock.iso())) {
      throw new HcimError(HCIM_CODES.rpDuplicateMessage, `The message id ${requestId} was already used; send a new message id with each PersonRevised.`, 409);
    }
    if (txn === 'GD') {
      const r = getDemographics(ctx, identifierOf(path(payload, 'person.id', 'value'), HCIM_CODES.gdInvalid));
      const subject = r.person ? { '@_typeCode': 'CIND', target: personTarget(r.person, ctx.registry.sourcesOf(r.person.phn)) } : undefined;
      return { name: responseName, code: r.code, phn: r.person?.phn, inner: accm({ subject, queryAck: queryAck(r.code, r.person ? 1 : 0), queryByParameterPayload: payload }) };
    }
    if (txn === 'FC') {
      const r = findCandidates(ctx, { patient: patientFromQuery(payload) });
      const subject = r.candidates.map((c) => ({ '@_typeCode': 'SUBJ', target: personTarget(ctx.registry.view(c.phn)!, ctx.registry.sourcesOf(c.phn), c.score) }));
      return { name: responseName, code: r.code, inner: accm({ subject, queryAck: queryAck(r.code, r.candidates.length), queryByParameterPayload: payload }) };
    }
    const role = path(control, 'subject', 'registrationEvent', 'subject1', 'identifiedPerson');
    if (!role) throw new HcimError(HCIM_CODES.rpInvalid, 'controlActProcess/subject/registrationEvent/subject1/identifiedPerson is missing.');
    const patient = patientFromRevise(role);
    const caller = { partner, userId };
    const known = patient.identifier?.some((i) => i.system?.endsWith('ca-bc-patient-healthcare-id'));
    const r = known ? revisePatient(ctx, caller, patient) : addPatient(ctx, caller, patient);
    const subject = r.person ? revisedSubject(r.person, ctx.registry.sourcesOf(r.person.phn)) : undefined;
    return { name: responseName, code: r.code, phn: r.person?.phn, inner: revisedControlAct(r.code, subject) };
  } catch (err) {
    if (!(err instanceof HcimError)) throw err;
    const detail = err.secondary ? `${err.detail} (${err.secondary.code} ${err.secondary.text})` : err.detail;
    if (txn === 'RP') return { name: PERSON_REVISED_NAK.interaction, code: err.code, detail, inner: {} };
    return { name: responseName, code: err.code, detail, inner: accm({ queryAck: queryAck(err.code, 0, detail), queryByParameterPayload: payload }) };
  }
}
