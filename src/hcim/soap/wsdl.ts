// The WSDL 1.1 (document/literal, SOAP 1.1) served at /hcim/soap?wsdl so SOAP stacks can generate a client.
import { escapeXml } from './v3-write.js';

/**
 * Request interaction → the response elements it can answer with (first = the WSDL output). A rejected PersonRevised
 * is HCIM_IN_PersonRevisedNak, whose element is MCCI_IN000002.
 */
const OPERATIONS: ReadonlyArray<{ request: string; responses: readonly string[] }> = [
  { request: 'HCIM_IN_GetDemographics', responses: ['HCIM_IN_GetDemographicsResponse'] },
  { request: 'HCIM_IN_FindCandidates', responses: ['HCIM_IN_FindCandidatesResponse'] },
  { request: 'HCIM_IN_PersonRevised', responses: ['HCIM_IN_PersonRevisedResult', 'MCCI_IN000002', 'HCIM_IN_PersonRevisedAccepted'] },
];

const HL7 = 'urn:hl7-org:v3';

const SCHEMA = `
    <xs:schema targetNamespace="${HL7}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:hl7="${HL7}" elementFormDefault="qualified">
      <xs:complexType name="II">
        <xs:attribute name="root" type="xs:string"/>
        <xs:attribute name="extension" type="xs:string"/>
        <xs:attribute name="assigningAuthorityName" type="xs:string"/>
        <xs:attribute name="displayable" type="xs:boolean"/>
        <xs:attribute name="nullFlavor" type="xs:string"/>
      </xs:complexType>
      <xs:complexType name="CS">
        <xs:attribute name="code" type="xs:string"/>
        <xs:anyAttribute processContents="lax"/>
      </xs:complexType>
      <xs:complexType name="TS">
        <xs:attribute name="value" type="xs:string"/>
      </xs:complexType>
      <xs:complexType name="AnyContent">
        <xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
        <xs:anyAttribute processContents="lax"/>
      </xs:complexType>
      <xs:complexType name="Organization">
        <xs:sequence><xs:element name="id" type="hl7:II"/></xs:sequence>
        <xs:attribute name="classCode" type="xs:string"/>
        <xs:attribute name="determinerCode" type="xs:string"/>
      </xs:complexType>
      <xs:complexType name="Agent">
        <xs:sequence><xs:element name="representedOrganization" type="hl7:Organization"/></xs:sequence>
        <xs:attribute name="classCode" type="xs:string"/>
      </xs:complexType>
      <xs:complexType name="Device">
        <xs:sequence>
          <xs:element name="typeId" type="hl7:II" minOccurs="0"/>
          <xs:element name="id" type="hl7:II"/>
          <xs:element name="asAgent" type="hl7:Agent" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="classCode" type="xs:string"/>
        <xs:attribute name="determinerCode" type="xs:string"/>
      </xs:complexType>
      <xs:complexType name="Party">
        <xs:sequence><xs:element name="device" type="hl7:Device"/></xs:sequence>
        <xs:attribute name="typeCode" type="xs:string"/>
      </xs:complexType>
      <xs:complexType name="Message">
        <xs:sequence>
          <xs:element name="typeId" type="hl7:II" minOccurs="0"/>
          <xs:element name="id" type="hl7:II"/>
          <xs:element name="creationTime" type="hl7:TS" minOccurs="0"/>
          <xs:element name="versionCode" type="hl7:CS" minOccurs="0"/>
          <xs:element name="interactionId" type="hl7:II" minOccurs="0"/>
          <xs:element name="processingCode" type="hl7:CS" minOccurs="0"/>
          <xs:element name="processingModeCode" type="hl7:CS" minOccurs="0"/>
          <xs:element name="acceptAckCode" type="hl7:CS" minOccurs="0"/>
          <xs:element name="acknowledgement" type="hl7:AnyContent" minOccurs="0"/>
          <xs:element name="receiver" type="hl7:Party" minOccurs="0"/>
          <xs:element name="sender" type="hl7:Party" minOccurs="0"/>
          <xs:element name="controlActProcess" type="hl7:AnyContent" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="ITSVersion" type="xs:string"/>
      </xs:complexType>
${OPERATIONS.flatMap((o) => [
  `      <xs:element name="${o.request}" type="hl7:Message"/>`,
  `      <xs:element name="${o.responses[0]}" type="hl7:Message"/>`,
  ...o.responses.slice(1).map((name) => `      <xs:element name="${name}" type="hl7:Message" substitutionGroup="hl7:${o.responses[0]}"/>`),
]).join('\n')}
    </xs:schema>`;

/**
 * The HCIM service description. The interaction and element names, the namespace and the message
 * wrapper are HCIM's (HL7v3, V3PR1); the port type, binding and service names and the schema (message
 * wrapper typed, payloads open) are the sandbox's own, because the Ministry's WSDL and schemas are not public.
 * See: https://www.w3.org/TR/2001/NOTE-wsdl-20010315 and http://www.ws-i.org/profiles/basicprofile-1.1.html
 */
export function buildWsdl(address: string): string {
  const messages = OPERATIONS.flatMap((o) => [o.request, ...o.responses]).map((name) => `  <wsdl:message name="${name}"><wsdl:part name="body" element="hl7:${name}"/></wsdl:message>`);
  const ports = OPERATIONS.map((o) => `    <wsdl:operation name="${o.request}">
      <wsdl:documentation>Answers ${o.responses.join(' or ')}${o.responses.length > 1 ? ` (the others declared as substitutes for ${o.responses[0]})` : ''}; an application error is an answer over HTTP 200 (a rejected PersonRevised is MCCI_IN000002, HCIM_IN_PersonRevisedNak), a SOAP Fault comes with HTTP 500.</wsdl:documentation>
      <wsdl:input message="hl7:${o.request}"/>
      <wsdl:output message="hl7:${o.responses[0]}"/>
    </wsdl:operation>`);
  const bindings = OPERATIONS.map((o) => `    <wsdl:operation name="${o.request}">
      <soap:operation soapAction="${HL7}/${o.request}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="HCIM" targetNamespace="${HL7}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:hl7="${HL7}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:documentation>hie-sandbox HCIM (Provincial Client Registry) HL7v3 SOAP 1.1 service. Interaction names, namespace and message wrapper follow HCIM; the port type, binding, service names and the schema (wrapper typed, payloads open) are the sandbox's own: the Ministry's WSDL is not public. Send Authorization: Bearer &lt;token&gt; (audience hcim).</wsdl:documentation>
  <wsdl:types>${SCHEMA}
  </wsdl:types>
${messages.join('\n')}
  <wsdl:portType name="HCIM_PortType">
${ports.join('\n')}
  </wsdl:portType>
  <wsdl:binding name="HCIM_Binding" type="hl7:HCIM_PortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${bindings.join('\n')}
  </wsdl:binding>
  <wsdl:service name="HCIM_Service">
    <wsdl:port name="HCIM_Port" binding="hl7:HCIM_Binding">
      <soap:address location="${escapeXml(address)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
