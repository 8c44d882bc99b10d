// The HL7v3 endpoint reads bodies the size of HL7v3 messages (a few KB), not the sandbox's general limit: parsing is
// ~1-3 µs a byte, so 5 MB of sibling elements held the event loop for seconds. Faults never echo the input whole.
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { OID } from '../../src/hcim/identifiers.js';
import { MAX_SOAP_BODY_BYTES, MAX_XML_VALUE } from '../../src/hcim/soap/bounds.js';
import { PHN } from './support/fixture-population.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => void (sandbox = await createHcimSandbox()));
afterAll(async () => sandbox.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
const envelope = (inner: string) => `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
let seq = 0;
const gd = (padding = '') =>
  envelope(
    `<HCIM_IN_GetDemographics xmlns="urn:hl7-org:v3"><id root="${OID.messageId}" extension="limit-${String(++seq).padStart(6, '0')}"/>${padding}<controlActProcess><queryByParameter><queryByParameterPayload><person.id><value root="${OID.phn}" extension="${PHN.ordinary}"/></person.id></queryByParameterPayload></queryByParameter></controlActProcess></HCIM_IN_GetDemographics>`,
  );
const soap = (xml: string) => request(sandbox.app).post('/hcim/soap').set('Content-Type', 'text/xml').send(xml);
/** A GetDemographics of exactly `bytes` bytes: padded with a comment, which the parser skips. */
const gdOf = (bytes: number) => gd(`<!--${' '.repeat(bytes - gd().length - '<!---->'.length)}-->`);
const faultOf = (xml: string) => parser.parse(xml).Envelope.Body.Fault as { faultcode: string; faultstring: string };

describe('HCIM SOAP body limit', () => {
  it('is far above an HL7v3 message (a GetDemographics is well under 1 KB) and far below the general 5 MiB', () => {
    expect(MAX_SOAP_BODY_BYTES).toBeGreaterThanOrEqual(64 * gd().length);
    expect(MAX_SOAP_BODY_BYTES).toBeLessThanOrEqual(sandbox.deps.config.bodyLimitBytes / 8);
  });

  it('answers a body one byte over the limit with a soap:Client Fault over HTTP 500 (WS-I BP R1126) naming the limit, before parsing it', async () => {
    const xml = gdOf(MAX_SOAP_BODY_BYTES + 1);
    expect(Buffer.byteLength(xml)).toBe(MAX_SOAP_BODY_BYTES + 1);
    const res = await soap(xml);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    const fault = faultOf(res.text);
    expect(fault.faultcode).toBe('soap:Client');
    expect(fault.faultstring).toMatch(new RegExp(`too large: at most ${MAX_SOAP_BODY_BYTES} bytes`));
  });

  it('answers the 5 MB of sibling elements that took seconds to parse with the same Fault, and a small message as before', async () => {
    const res = await soap(gd('<a/>'.repeat(1_300_000)));
    expect(res.status).toBe(500);
    expect(faultOf(res.text).faultcode).toBe('soap:Client');
    const ok = await soap(gd());
    expect(ok.status).toBe(200);
    expect(parser.parse(ok.text).Envelope.Body.HCIM_IN_GetDemographicsResponse.acceptAckCode['@_code']).toBe('NE');
  });

  it('takes a message of exactly the limit', async () => {
    const xml = gdOf(MAX_SOAP_BODY_BYTES);
    expect(Buffer.byteLength(xml)).toBe(MAX_SOAP_BODY_BYTES);
    const res = await soap(xml);
    expect(res.status).toBe(200);
  });
});

describe('HCIM SOAP Faults echo little of the input', () => {
  it('still refuses a value over the XML value bound inside a body under the limit, naming it without echoing it', async () => {
    const res = await soap(gd().replace(`extension="${PHN.ordinary}"`, `extension="${'9'.repeat(MAX_XML_VALUE + 1)}"`));
    expect(res.status).toBe(500);
    expect(faultOf(res.text).faultstring).toMatch(new RegExp(`person.id/value/@extension is ${MAX_XML_VALUE + 1} characters long; at most ${MAX_XML_VALUE}`));
    expect(res.text.length).toBeLessThan(2_000);
  });

  it('clips the parser\'s message about 100 KB of "<" to a few hundred characters (it once echoed four times the body)', async () => {
    const res = await soap(envelope(`<HCIM_IN_GetDemographics>${'<'.repeat(100_000)}`));
    expect(res.status).toBe(500);
    const fault = faultOf(res.text);
    expect(fault.faultcode).toBe('soap:Client');
    expect(fault.faultstring).toMatch(/^The request is not well-formed XML: /);
    expect(res.text.length).toBeLessThan(1_500);
  });
});
