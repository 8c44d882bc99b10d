// The SOAP surface's XML text: its parser and builder run without per-element path strings (jPath off, for CPU),
// which must not change a byte of what is read or written.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { xmlParser } from '../../src/hcim/soap/v3-read.js';
import { soapEnvelope, soapFault } from '../../src/hcim/soap/v3-write.js';

const tree = {
  HCIM_IN_GetDemographicsResponse: {
    '@_xmlns': 'urn:hl7-org:v3',
    id: { '@_root': '2.16.840.1.113883.3.51.1.1.1', '@_extension': 'a&b<c>"d\'e' },
    empty: {},
    skipped: undefined,
    text: { '@_use': 'L', '#text': 'Tom & "Jerry" <3' },
    subject: [
      { '@_typeCode': 'SUBJ', target: { name: { given: ['Anna', 'Maria'], family: 'Nguyen' }, flag: { '@_value': true }, n: 7 } },
      { '@_typeCode': 'SUBJ', target: { name: { given: 'Bo', family: "O'Neil" } } },
    ],
  },
};
const legacyBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, suppressBooleanAttributes: false });
const legacyParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, trimValues: true });

describe('SOAP XML text', () => {
  it('writes envelopes byte for byte as the builder with its default path handling does', () => {
    const envelope = (body: unknown) => `<?xml version="1.0" encoding="UTF-8"?>\n${legacyBuilder.build({ 'soap:Envelope': { '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'soap:Body': body } })}`;
    expect(soapEnvelope(tree)).toBe(envelope(tree));
    expect(soapFault('bad <input> & "quotes"')).toBe(envelope({ 'soap:Fault': { faultcode: 'soap:Client', faultstring: 'bad <input> & "quotes"' } }));
  });

  it('reads messages into the same tree as the parser with its default path handling does', () => {
    const xml = soapEnvelope(tree);
    expect(xmlParser.parse(xml, true)).toEqual(legacyParser.parse(xml, true));
  });
});
