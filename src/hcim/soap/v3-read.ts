// Reads HL7v3 HCIM messages (parsed by fast-xml-parser) into the registry's FHIR-shaped inputs.
import type { XMLParser } from 'fast-xml-parser';
import { lazyPackage } from '../../lazy-package.js';
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES, type HcimCode } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import { OID, PHN_SYSTEM } from '../identifiers.js';
import { sriSystemOf } from '../source-systems.js';

/** A parsed XML node: attributes as `@_name`, text as `#text`. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

const fastXml = lazyPackage<typeof import('fast-xml-parser')>('fast-xml-parser');
let parser: XMLParser | undefined;

/**
 * Parser options: namespaces dropped, values kept as text, attributes kept (the parser loads on the first SOAP call).
 * `jPath: false`: no element path string is built for every tag (only callbacks would read it, and none is set):
 * the same tree, 15% less CPU per parse.
 */
export const xmlParser = {
  parse: (xml: string, validation?: boolean): unknown =>
    (parser ??= new (fastXml().XMLParser)({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, trimValues: true, jPath: false })).parse(xml, validation ?? false),
};

export const asNode = (v: XmlValue | undefined): XmlNode | undefined => (Array.isArray(v) ? asNode(v[0]) : typeof v === 'object' ? v : undefined);
export const asList = (v: XmlValue | undefined): XmlValue[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const attr = (n: XmlNode | undefined, name: string): string | undefined => {
  const v = n?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
};
export const text = (v: XmlValue | undefined): string | undefined => (typeof v === 'string' ? v : typeof asNode(v)?.['#text'] === 'string' ? (asNode(v)!['#text'] as string) : undefined);
export const path = (n: XmlNode | undefined, ...keys: string[]): XmlNode | undefined => keys.reduce<XmlNode | undefined>((acc, k) => asNode(acc?.[k]), n);

/** The message wrapper fields every HCIM interaction carries. */
export interface V3Envelope {
  interaction: string;
  message: XmlNode;
  messageId?: string;
  senderOrg?: string;
  userId?: string;
}

/**
 * An HL7v3 id element as a FHIR Identifier (PHN `.6.1` or source record `.6`). A source record's
 * assigningAuthorityName names its source: the identifier gets that source's naming system (`VIHA-CERN`, `viha_cern`
 * -> `ca-bc-viha-cern-source-patient-id`) and keeps the name as sent in `assigner.display`, so answers repeat it.
 * Without a name that reads as a source code, the message is invalid (`invalid`).
 */
export function identifierOf(id: XmlNode | undefined, invalid: HcimCode): fhir.Identifier | undefined {
  const root = attr(id, 'root');
  const extension = attr(id, 'extension') ?? '';
  if (root === OID.phn) return { system: PHN_SYSTEM, value: extension };
  if (root === OID.sourceRecord) {
    const authority = attr(id, 'assigningAuthorityName')?.trim() ?? '';
    const system = sriSystemOf(authority);
    if (!system) {
      const given = authority ? `"${authority}" is not a source code` : 'is missing';
      throw new HcimError(invalid, `The source record identifier's assigningAuthorityName (root ${OID.sourceRecord}) ${given}: send your source system's code, e.g. VIHA-CERN or FHA_MT.`);
    }
    return { system, value: extension, assigner: { display: authority } };
  }
  return root ? { system: `urn:oid:${root}`, value: extension } : undefined;
}

const GENDER: ReadonlyMap<string, fhir.Patient['gender']> = new Map([['M', 'male'], ['F', 'female'], ['UN', 'unknown']]);
const TELECOM_USE: ReadonlyMap<string, fhir.ContactPoint['use']> = new Map([['H', 'home'], ['WP', 'work'], ['MC', 'mobile']]);

/** An HL7v3 TS (yyyyMMdd...) as a FHIR date. */
export function v3Date(value: string | undefined): string | undefined {
  if (!value || !/^\d{8}/.test(value)) return value ? value : undefined;
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

function nameOf(n: XmlNode): fhir.HumanName {
  const uses = (attr(n, 'use') ?? 'L').split(/\s+/);
  const name: fhir.HumanName = { use: uses.includes('C') ? 'official' : 'usual' };
  const family = text(n.family);
  if (family) name.family = family;
  const given = asList(n.given).map(text).filter((g): g is string => Boolean(g));
  if (given.length) name.given = given;
  return name;
}

function addressOf(a: XmlNode): fhir.Address {
  const address: fhir.Address = { type: (attr(a, 'use') ?? '').includes('PST') ? 'postal' : 'physical' };
  const lines = asList(a.streetAddressLine).map(text).filter((l): l is string => Boolean(l));
  if (lines.length) address.line = lines;
  for (const [k, f] of [['city', 'city'], ['state', 'state'], ['postalCode', 'postalCode'], ['country', 'country']] as const) {
    const v = text(a[k]);
    if (v) address[f] = v;
  }
  return address;
}

/** Builds a Patient from the FindCandidates parameter list (`person.name/value`, `person.birthTime/value`, ...). */
export function patientFromQuery(payload: XmlNode | undefined): fhir.Patient {
  const p: fhir.Patient = { resourceType: 'Patient' };
  const value = (k: string) => path(payload, k, 'value');
  const name = value('person.name');
  if (name) p.name = [nameOf(name)];
  const birth = attr(value('person.birthTime'), 'value');
  if (birth) p.birthDate = v3Date(birth);
  const gender = attr(value('person.administrativeGender'), 'code');
  if (gender && GENDER.has(gender)) p.gender = GENDER.get(gender);
  const addr = value('person.addr');
  if (addr) p.address = [addressOf(addr)];
  const tel = asList(payload?.['person.telecom']).map((t) => asNode(asNode(t)?.value)).filter((t): t is XmlNode => Boolean(t));
  if (tel.length) p.telecom = tel.map((t) => ({ system: 'phone', value: (attr(t, 'value') ?? '').replace(/^tel:/, ''), use: TELECOM_USE.get((attr(t, 'use') ?? '').split(' ')[0] ?? '') }));
  return p;
}

/** Builds a Patient from a PersonRevised `identifiedPerson` (with its enclosing role's ids, addr and telecom). */
export function patientFromRevise(role: XmlNode | undefined): fhir.Patient {
  const person = path(role, 'identifiedPerson');
  const p: fhir.Patient = { resourceType: 'Patient' };
  const ids = [...asList(role?.id), ...asList(person?.id)].map((i) => identifierOf(asNode(i), HCIM_CODES.rpInvalid)).filter((i): i is fhir.Identifier => Boolean(i));
  if (ids.length) p.identifier = ids;
  const names = asList(person?.name).map((n) => asNode(n)).filter((n): n is XmlNode => Boolean(n)).map(nameOf);
  if (names.length) p.name = names;
  const gender = attr(path(person, 'administrativeGenderCode'), 'code');
  if (gender && GENDER.has(gender)) p.gender = GENDER.get(gender);
  const birth = attr(path(person, 'birthTime'), 'value');
  if (birth) p.birthDate = v3Date(birth);
  const death = attr(path(person, 'deceasedTime'), 'value');
  if (death) p.deceasedDateTime = v3Date(death);
  const addrs = [...asList(role?.addr), ...asList(person?.addr)].map((a) => asNode(a)).filter((a): a is XmlNode => Boolean(a)).map(addressOf);
  if (addrs.length) p.address = addrs;
  const tels = [...asList(role?.telecom), ...asList(person?.telecom)].map((t) => asNode(t)).filter((t): t is XmlNode => Boolean(t));
  if (tels.length) p.telecom = tels.map((t) => ({ system: 'phone', value: (attr(t, 'value') ?? '').replace(/^tel:/, ''), use: TELECOM_USE.get((attr(t, 'use') ?? '').split(' ')[0] ?? '') }));
  return p;
}

/**
 * The response's receiver: the request's sender device (id and represented organization), as HCIM
 * addresses its answers. Without a sender, the device id is `nullFlavor="NI"` rather than an invented one.
 */
export function receiverOf(message: XmlNode): XmlNode {
  const device = path(message, 'sender', 'device');
  const id = path(device, 'id');
  const org = path(device, 'asAgent', 'representedOrganization', 'id');
  const idOf = (n: XmlNode | undefined): XmlNode => {
    const root = attr(n, 'root');
    const extension = attr(n, 'extension');
    return root || extension ? { ...(root ? { '@_root': root } : {}), ...(extension ? { '@_extension': extension } : {}) } : { '@_nullFlavor': 'NI' };
  };
  const receiverDevice: XmlNode = { '@_classCode': 'DEV', '@_determinerCode': 'INSTANCE', id: idOf(id) };
  if (org) receiverDevice.asAgent = { '@_classCode': 'AGNT', representedOrganization: { '@_classCode': 'ORG', '@_determinerCode': 'INSTANCE', id: idOf(org) } };
  return { '@_typeCode': 'RCV', device: receiverDevice };
}
