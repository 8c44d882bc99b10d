// Builds HL7v3 HCIM responses and SOAP envelopes as object trees serialised by fast-xml-parser's XMLBuilder.
import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type * as fhir from '../../fhir/types.js';
import type { HcimCode } from '../codes.js';
import { OID } from '../identifiers.js';
import { isMasked, type Person, type SourceRecord } from '../registry/person.js';
import { own } from '../../validation/own.js';

type Node = Record<string, unknown>;
// suppressBooleanAttributes off: HL7v3 writes value="true", never a bare attribute name.
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, suppressBooleanAttributes: false });

/** HL7v3 timestamp yyyyMMddHHmmss from an ISO time. */
export const v3Time = (iso: string): string => iso.replace(/[-:T]/g, '').slice(0, 14);
const v3Day = (date: string | undefined): string | undefined => date?.replace(/-/g, '').slice(0, 8);

const GENDER: Record<string, string> = { male: 'M', female: 'F', other: 'UN', unknown: 'UN' };
const TEL_USE: Record<string, string> = { home: 'H', work: 'WP', mobile: 'MC' };

/** Serialises a SOAP 1.1 envelope around a message body. */
export function soapEnvelope(body: Node): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ 'soap:Envelope': { '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'soap:Body': body } })}`;
}

/** A SOAP fault (faultcode soap:Client for caller mistakes). */
export function soapFault(reason: string, faultcode = 'soap:Client'): string {
  return soapEnvelope({ 'soap:Fault': { faultcode, faultstring: reason } });
}

/** The message wrapper of an HCIM response (§2.2): ids, V3PR1, interaction, sender HCIM, acknowledgement. */
export function wrapper(input: { interaction: string; requestId?: string; at: string; ackCode: 'AA' | 'AE' | 'AR'; code: HcimCode; detail?: string; processingMode?: 'T' | 'I' }): Node {
  return {
    '@_xmlns': 'urn:hl7-org:v3',
    '@_ITSVersion': 'XML_1.0',
    id: { '@_root': OID.messageId, '@_extension': randomUUID() },
    creationTime: { '@_value': v3Time(input.at) },
    versionCode: { '@_code': 'V3PR1' },
    interactionId: { '@_root': OID.interactionId, '@_extension': input.interaction },
    processingCode: { '@_code': 'P' },
    processingModeCode: { '@_code': input.processingMode ?? 'T' },
    acceptAckCode: { '@_code': 'NE' },
    receiver: { '@_typeCode': 'RCV', device: { '@_classCode': 'DEV', '@_determinerCode': 'INSTANCE', id: { '@_root': OID.senderDevice, '@_extension': 'CLIENT' } } },
    sender: {
      '@_typeCode': 'SND',
      device: {
        '@_classCode': 'DEV',
        '@_determinerCode': 'INSTANCE',
        id: { '@_root': OID.receiverDevice, '@_extension': 'HCIM' },
        asAgent: { '@_classCode': 'AGNT', representedOrganization: { '@_classCode': 'ORG', '@_determinerCode': 'INSTANCE', id: { '@_root': OID.organization, '@_extension': 'HCIM' } } },
      },
    },
    acknowledgement: {
      typeCode: { '@_code': input.ackCode },
      targetMessage: input.requestId ? { id: { '@_root': OID.messageId, '@_extension': input.requestId } } : undefined,
      acknowledgementDetail: { '@_typeCode': input.code.severity === 'error' ? 'E' : input.code.severity === 'warning' ? 'W' : 'I', code: { '@_code': input.code.code, '@_displayName': input.detail ? `${input.code.text} ${input.detail}` : input.code.text } },
    },
  };
}

/** queryAck with the BCHCIM code (as `code | text` when there is detail) and the result count. */
export function queryAck(code: HcimCode, total: number, detail?: string): Node {
  return {
    queryId: { '@_root': OID.messageId, '@_extension': randomUUID() },
    queryResponseCode: { '@_code': detail ? `${code.code}|${code.text} ${detail}` : code.code },
    resultTotalQuantity: { '@_value': String(total) },
  };
}

const masked = { '@_nullFlavor': 'MSK' };

/** One person as a `target` (classCode IDENT): SRIs, address, telecom, then identifiedPerson. */
export function personTarget(person: Person, sources: readonly SourceRecord[], score?: number): Node {
  const p: fhir.Patient = person.patient;
  const hide = isMasked(person);
  const target: Node = {
    '@_classCode': 'IDENT',
    id: sources.map((s) => ({ '@_root': OID.sourceRecord, '@_extension': s.value, '@_assigningAuthorityName': s.partner.toUpperCase() })),
    addr: hide ? masked : (p.address ?? []).map((a) => ({ '@_use': a.type === 'postal' ? 'PST' : 'PHYS', streetAddressLine: a.line ?? [], city: a.city, state: a.state ?? 'BC', postalCode: a.postalCode, country: a.country ?? 'CA' })),
    telecom: hide ? masked : (p.telecom ?? []).filter((t) => t.value).map((t) => ({ '@_use': own(TEL_USE, t.use ?? 'home') ?? 'H', '@_value': t.system === 'email' ? `mailto:${t.value}` : `tel:${(t.value ?? '').replace(/\D/g, '')}` })),
    identifiedPerson: {
      '@_classCode': 'PSN',
      '@_determinerCode': 'INSTANCE',
      id: { '@_root': OID.phn, '@_extension': person.phn, '@_assigningAuthorityName': 'MOH_CRS', '@_displayable': 'true' },
      name: hide ? { ...masked, '@_use': 'L' } : (p.name ?? []).map((n) => ({ '@_use': n.use === 'official' ? 'C' : 'L', given: (n.given ?? []).slice(0, 3), family: n.family })),
      administrativeGenderCode: hide || !p.gender ? { '@_nullFlavor': hide ? 'MSK' : 'UNK' } : { '@_code': own(GENDER, p.gender) ?? 'UN' },
      birthTime: hide ? masked : { '@_value': v3Day(p.birthDate) },
      deceasedInd: { '@_value': p.deceasedDateTime ? 'true' : 'false' },
      deceasedTime: p.deceasedDateTime ? { '@_value': v3Day(p.deceasedDateTime) } : undefined,
    },
  };
  if (score !== undefined) target.subjectOf = { observationEvent: { code: { '@_code': 'SCORE' }, value: { '@_value': String(score) } } };
  return target;
}
