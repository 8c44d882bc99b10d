// Builds HL7v3 HCIM responses and SOAP envelopes as object trees serialised by fast-xml-parser's XMLBuilder.
import { randomUUID } from 'node:crypto';
import type { XMLBuilder, XmlBuilderOptions } from 'fast-xml-parser';
import type * as fhir from '../../fhir/types.js';
import type { HcimCode } from '../codes.js';
import { OID } from '../identifiers.js';
import { lazyPackage } from '../../lazy-package.js';
import { isMasked, type Person, type SourceRecord } from '../registry/person.js';
import { authorityOf } from '../source-systems.js';

type Node = Record<string, unknown>;
const fastXml = lazyPackage<typeof import('fast-xml-parser')>('fast-xml-parser');
let built: XMLBuilder | undefined;
// suppressBooleanAttributes off: HL7v3 writes value="true", never a bare attribute name. Made on the first envelope.
// jPath off: no element path string per node (only callbacks would read it, and none is set): the same text, 15% less
// CPU. fast-xml-builder reads the option (fxb.js) though its typings do not list it, hence the spread.
const BUILDER_OPTIONS: XmlBuilderOptions = { ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, suppressBooleanAttributes: false, ...{ jPath: false } };
const builder = (): XMLBuilder => (built ??= new (fastXml().XMLBuilder)(BUILDER_OPTIONS));

/** HL7v3 timestamp yyyyMMddHHmmss from an ISO time. */
export const v3Time = (iso: string): string => iso.replace(/[-:T]/g, '').slice(0, 14);
const v3Day = (date: string | undefined): string | undefined => date?.replace(/-/g, '').slice(0, 8);

const GENDER: ReadonlyMap<string, string> = new Map([['male', 'M'], ['female', 'F'], ['other', 'UN'], ['unknown', 'UN']]);
const TEL_USE: ReadonlyMap<string, string> = new Map([['home', 'H'], ['work', 'WP'], ['mobile', 'MC']]);

/** Escapes text for an XML attribute or element. */
export const escapeXml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Serialises a SOAP 1.1 envelope around a message body. */
export function soapEnvelope(body: Node): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder().build({ 'soap:Envelope': { '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'soap:Body': body } })}`;
}

/** A SOAP fault (faultcode soap:Client for caller mistakes). */
export function soapFault(reason: string, faultcode = 'soap:Client'): string {
  return soapEnvelope({ 'soap:Fault': { faultcode, faultstring: reason } });
}

/** The HL7v3 message header HCIM sends (V3PR1, interaction, the given receiver, sender HCIM). */
export function messageHeader(input: { interaction: string; receiver: Node; at: string; processingMode?: 'T' | 'I'; acceptAck?: 'NE' | 'AL' }): Node {
  return {
    '@_xmlns': 'urn:hl7-org:v3',
    '@_ITSVersion': 'XML_1.0',
    id: { '@_root': OID.messageId, '@_extension': randomUUID() },
    creationTime: { '@_value': v3Time(input.at) },
    versionCode: { '@_code': 'V3PR1' },
    interactionId: { '@_root': OID.interactionId, '@_extension': input.interaction },
    processingCode: { '@_code': 'P' },
    processingModeCode: { '@_code': input.processingMode ?? 'T' },
    acceptAckCode: { '@_code': input.acceptAck ?? 'NE' },
    receiver: input.receiver,
    sender: {
      '@_typeCode': 'SND',
      device: {
        '@_classCode': 'DEV',
        '@_determinerCode': 'INSTANCE',
        id: { '@_root': OID.receiverDevice, '@_extension': 'HCIM' },
        asAgent: { '@_classCode': 'AGNT', representedOrganization: { '@_classCode': 'ORG', '@_determinerCode': 'INSTANCE', id: { '@_root': OID.organization, '@_extension': 'HCIM' } } },
      },
    },
  };
}

/** The code system HCIM names on a BCHCIM code it acknowledges with (DEATH-ESB's validHcimOut.xml, HNWeb's GetDemographicsResponse_Error.xml). */
const BCHCIM_CODE_SYSTEM = { '@_codeSystem': 'HCIM', '@_codeSystemName': 'BC Client Identity Management System', '@_codeSystemVersion': '1' };
const displayOf = (code: HcimCode, detail?: string): string => (detail ? `${code.text} ${detail}` : code.text);
const targetMessage = (requestId?: string): Node | undefined => (requestId ? { id: { '@_root': OID.messageId, '@_extension': requestId } } : undefined);

/**
 * The wrapper of a PersonRevised answer (Result, Accepted): the header with the acknowledgement of the request after
 * acceptAckCode, before receiver and sender, where HCIM's Nak sample has it. The type is the acknowledgement's `typeCode`
 * attribute (HL7v3), AA: a refusal is a Nak (personRevisedNak); the detail carries the BCHCIM code, then targetMessage
 * the request's id, in the sample's order.
 */
export function wrapper(input: { interaction: string; requestId?: string; receiver: Node; at: string; code: HcimCode; detail?: string; processingMode?: 'T' | 'I' }): Node {
  const { receiver, sender, ...start } = messageHeader(input);
  const detailType = input.code.severity === 'error' ? 'E' : input.code.severity === 'warning' ? 'W' : 'I';
  const acknowledgement = {
    '@_typeCode': 'AA',
    acknowledgementDetail: { '@_typeCode': detailType, code: { '@_code': input.code.code, '@_displayName': displayOf(input.code, input.detail) } },
    targetMessage: targetMessage(input.requestId),
  };
  return { ...start, acknowledgement, receiver, sender };
}

/**
 * The header of a query answer (GetDemographics, FindCandidates), which carries no acknowledgement in any of HNWeb's
 * samples: acceptAckCode NE, or on an error its BCHCIM code with nullFlavor NA, the code system and the text in
 * displayName (GetDemographicsResponse_Error.xml), the code being in queryAck as well. See:
 * https://github.com/bcgov/moh-hnweb (backend/src/test/resources)
 */
export function queryHeader(input: { interaction: string; receiver: Node; at: string; code: HcimCode; detail?: string }): Node {
  const header = messageHeader({ interaction: input.interaction, receiver: input.receiver, at: input.at, processingMode: 'T' });
  if (input.code.severity !== 'error') return header;
  return { ...header, acceptAckCode: { '@_nullFlavor': 'NA', '@_code': input.code.code, ...BCHCIM_CODE_SYSTEM, '@_displayName': displayOf(input.code, input.detail) } };
}

/**
 * The controlActProcess of a PersonRevised answer (Result, Accepted): its BCHCIM code as a `reasonCode` (the code, its
 * code system, the text as `originalText`) before the subject, where PRPA_IN101205CA.MFMI_MT700721BC and
 * PRPA_IN101295BC have it and where the death-date ESB's HCIMINPersonRevisedResult reads a Result's codes. See:
 * https://github.com/bcgov/moh-hcim-death-date-esb (hcimdd/DeathDate-war/src/main/java/org/hl7/v3)
 */
export function revisedControlAct(code: HcimCode, subject?: Node): Node {
  return { controlActProcess: { '@_classCode': 'CACT', '@_moodCode': 'EVN', reasonCode: { '@_code': code.code, ...BCHCIM_CODE_SYSTEM, originalText: code.text }, subject } };
}

/**
 * The custodian of a registration: the registry itself, as organization `BCHCIM` under `.3`, the id HCIM gives itself
 * as sender in the death-date ESB's sample of what it sends (validHcimOut.xml).
 */
const REGISTRY_CUSTODIAN = { '@_typeCode': 'CST', assignedEntity: { '@_classCode': 'ASSIGNED', id: { '@_root': OID.organization, '@_extension': 'BCHCIM' } } };

/**
 * The subject of a PersonRevised Result: a registrationEvent with, in PRPA_IN101205CA.MFMI_MT700721BC's order, its id
 * (required; a fresh id under the message-id root, no sample showing the real one), subject1 holding the person as
 * identifiedPerson (IDENT around PSN, as the request and where RTRANS reads the ids), then the custodian (required).
 * See: https://github.com/bcgov/moh-hcim-death-date-esb (hcimdd/DeathDate-war/src/main/java/org/hl7/v3)
 */
export function revisedSubject(person: Readonly<Person>, sources: ReadonlyArray<Readonly<SourceRecord>>): Node {
  return {
    '@_typeCode': 'SUBJ',
    registrationEvent: {
      '@_classCode': 'REG',
      '@_moodCode': 'EVN',
      id: { '@_root': OID.messageId, '@_extension': randomUUID() },
      subject1: { '@_typeCode': 'SBJ', identifiedPerson: personTarget(person, sources) },
      custodian: REGISTRY_CUSTODIAN,
    },
  };
}

/** The interaction and element of a rejected PersonRevised: HCIM_IN_PersonRevisedNak, an MCCI_IN000002. */
export const PERSON_REVISED_NAK = { interaction: 'HCIM_IN_PersonRevisedNak', element: 'MCCI_IN000002' } as const;

/**
 * A rejected PersonRevised, in the shape of the death-date ESB's samples of what HCIM sends (validHcimOut.xml,
 * empiUnavailableHcimOut.xml): MCCI_IN000002 with typeId and no versionCode, processingModeCode T, acceptAckCode NE,
 * then the acknowledgement (typeCode CA; an acknowledgementDetail with the BCHCIM code, its code system and its text,
 * then the request's id) before receiver and sender. See: https://github.com/bcgov/moh-hcim-death-date-esb
 */
export function personRevisedNak(input: { requestId?: string; receiver: Node; at: string; code: HcimCode; detail?: string }): Node {
  const header = messageHeader({ interaction: PERSON_REVISED_NAK.interaction, receiver: input.receiver, at: input.at, processingMode: 'T' });
  const display = displayOf(input.code, input.detail);
  return {
    '@_xmlns': header['@_xmlns'],
    '@_ITSVersion': header['@_ITSVersion'],
    typeId: { '@_root': OID.interactionId },
    id: header.id,
    creationTime: header.creationTime,
    interactionId: header.interactionId,
    processingCode: header.processingCode,
    processingModeCode: header.processingModeCode,
    acceptAckCode: header.acceptAckCode,
    acknowledgement: {
      '@_typeCode': 'CA',
      acknowledgementDetail: { code: { '@_code': input.code.code, ...BCHCIM_CODE_SYSTEM, '@_displayName': display }, text: display },
      targetMessage: targetMessage(input.requestId),
    },
    receiver: header.receiver,
    sender: header.sender,
  };
}

/**
 * The BCHCIM code and its text in one queryResponseCode, as HNWeb's samples write it: `code | text` on a success or a
 * warning, `code|text` on an error. Clients split it on `|` and read both parts, as the death-date ESB's
 * AckSystemResponseProvider does. See: https://github.com/bcgov/moh-hnweb (backend/src/test/resources)
 */
export function queryResponseCodeOf(code: HcimCode, detail?: string): string {
  const text = displayOf(code, detail);
  return code.severity === 'error' ? `${code.code}|${text}` : `${code.code} | ${text}`;
}

/** queryAck: a query id, the code with its text (queryResponseCodeOf) and the result count. */
export function queryAck(code: HcimCode, total: number, detail?: string): Node {
  return {
    queryId: { '@_root': OID.messageId, '@_extension': randomUUID() },
    queryResponseCode: { '@_code': queryResponseCodeOf(code, detail) },
    resultTotalQuantity: { '@_value': String(total) },
  };
}

const masked = { '@_nullFlavor': 'MSK' };

/**
 * One person as an IDENT role: a query answer's `target`, a PersonRevised Result's or distribution's
 * `subject1/identifiedPerson` (the ESB's QUPA_MT101102BC / PRPA_MT101098BC.IdentifiedPerson, the same content). SRIs (`.6` with each source's code), address, telecom, then
 * identifiedPerson. A FindCandidates candidate (given its score) starts with its PHN (`.6.1`, displayable), as every
 * target of HNWeb's FindCandidatesResponse_Warning.xml does; its GetDemographics samples have none there.
 */
export function personTarget(person: Readonly<Person>, sources: ReadonlyArray<Readonly<SourceRecord>>, score?: number): Node {
  const p: fhir.Patient = person.patient;
  const hide = isMasked(person);
  const phn = { '@_root': OID.phn, '@_extension': person.phn, '@_assigningAuthorityName': 'MOH_CRS', '@_displayable': 'true' };
  const sris = sources.map((s) => ({ '@_root': OID.sourceRecord, '@_extension': s.value, '@_assigningAuthorityName': authorityOf(s) }));
  const target: Node = {
    '@_classCode': 'IDENT',
    id: score === undefined ? sris : [phn, ...sris],
    addr: hide ? masked : (p.address ?? []).map((a) => ({ '@_use': a.type === 'postal' ? 'PST' : 'PHYS', streetAddressLine: a.line ?? [], city: a.city, state: a.state ?? 'BC', postalCode: a.postalCode, country: a.country ?? 'CA' })),
    telecom: hide ? masked : (p.telecom ?? []).filter((t) => t.value).map((t) => ({ '@_use': TEL_USE.get(t.use ?? 'home') ?? 'H', '@_value': t.system === 'email' ? `mailto:${t.value}` : `tel:${(t.value ?? '').replace(/\D/g, '')}` })),
    identifiedPerson: {
      '@_classCode': 'PSN',
      '@_determinerCode': 'INSTANCE',
      id: phn,
      name: hide ? { ...masked, '@_use': 'L' } : (p.name ?? []).map((n) => ({ '@_use': n.use === 'official' ? 'C' : 'L', given: (n.given ?? []).slice(0, 3), family: n.family })),
      administrativeGenderCode: hide || !p.gender ? { '@_nullFlavor': hide ? 'MSK' : 'UNK' } : { '@_code': GENDER.get(p.gender) ?? 'UN' },
      birthTime: hide ? masked : { '@_value': v3Day(p.birthDate) },
      deceasedInd: { '@_value': p.deceasedDateTime ? 'true' : 'false' },
      deceasedTime: p.deceasedDateTime ? { '@_value': v3Day(p.deceasedDateTime) } : undefined,
    },
  };
  if (score !== undefined) target.subjectOf = { observationEvent: { code: { '@_code': 'SCORE' }, value: { '@_value': String(score) } } };
  return target;
}
