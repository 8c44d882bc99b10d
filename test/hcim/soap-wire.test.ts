// HL7v3 SOAP on the wire: HTTP statuses (WS-I Basic Profile), the wrapper's receiver and the HNWEB sample details.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { queryResponseCodeOf } from '../../src/hcim/soap/v3-write.js';
import { OID } from '../../src/hcim/identifiers.js';
import { PHN } from './support/fixture-population.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';

let sandbox: Sandbox;
let token: string;
let seq = 0;
beforeAll(async () => {
  sandbox = await createHcimSandbox({ auth: true });
  token = await sandbox.deps.issuer.issue({ sub: 'demo-pos', azp: 'demo-pos', aud: ['hcim'], partner: 'demo' }, 3600);
});
afterAll(async () => sandbox.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

const SENDER = {
  '@_typeCode': 'SND',
  device: {
    '@_classCode': 'DEV',
    '@_determinerCode': 'INSTANCE',
    id: { '@_root': OID.senderDevice, '@_extension': 'DEMO_EMR' },
    asAgent: { '@_classCode': 'AGNT', representedOrganization: { '@_classCode': 'ORG', '@_determinerCode': 'INSTANCE', id: { '@_root': OID.organization, '@_extension': 'DEMOCLINIC' } } },
  },
};

function envelope(interaction: string, payload: Record<string, unknown>, withSender = true): string {
  const message = {
    '@_xmlns': 'urn:hl7-org:v3',
    id: { '@_root': OID.messageId, '@_extension': `wire-${++seq}` },
    versionCode: { '@_code': 'V3PR1' },
    interactionId: { '@_root': OID.interactionId, '@_extension': interaction },
    ...(withSender ? { sender: SENDER } : {}),
    controlActProcess: { '@_classCode': 'ACCM', '@_moodCode': 'EVN', queryByParameter: { queryByParameterPayload: payload } },
  };
  return builder.build({ 'soap:Envelope': { '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'soap:Body': { [interaction]: message } } });
}
const gd = (phn: string, withSender = true) => envelope('HCIM_IN_GetDemographics', { 'person.id': { value: { '@_root': OID.phn, '@_extension': phn } } }, withSender);
const call = (xml: string, auth = `Bearer ${token}`) => request(sandbox.app).post('/hcim/soap').set('Content-Type', 'text/xml').set('Authorization', auth).send(xml);
const bodyOf = (xml: string) => parser.parse(xml).Envelope.Body;

describe('HCIM SOAP HTTP statuses', () => {
  it('answers a missing or forged bearer token with a soap:Client Fault over HTTP 500, never a 401', async () => {
    for (const auth of ['', 'Bearer not-a-jwt']) {
      const res = await call(gd(PHN.ordinary), auth);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      expect(bodyOf(res.text).Fault.faultcode).toBe('soap:Client');
      expect(bodyOf(res.text).Fault.faultstring).toMatch(/token/i);
    }
  });

  it('answers a method other than POST (and GET ?wsdl) with a Fault over HTTP 500 and Allow', async () => {
    const res = await request(sandbox.app).put('/hcim/soap').set('Authorization', `Bearer ${token}`).send('<x/>');
    expect(res.status).toBe(500);
    expect(res.headers.allow).toMatch(/POST/);
    expect(bodyOf(res.text).Fault.faultstring).toMatch(/PUT is not supported/);
  });

  it('answers an armed hcim.soap status fault in SOAP (a soap:Server Fault), not with a FHIR OperationOutcome', async () => {
    sandbox.deps.faults.arm({ seam: 'hcim.soap', effect: { kind: 'status', status: 503 }, times: 1 }, sandbox.deps.clock.iso());
    const res = await call(gd(PHN.ordinary));
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(bodyOf(res.text).Fault.faultcode).toBe('soap:Server');
  });

  it('answers a body over the size limit with a Fault over HTTP 500 (WS-I BP R1126), not a FHIR OperationOutcome', async () => {
    const big = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${'x'.repeat(sandbox.deps.config.bodyLimitBytes + 10)}</soap:Body></soap:Envelope>`;
    const res = await call(big);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(bodyOf(res.text).Fault.faultstring).toMatch(/too large/i);
  });

  it('answers a body whose Content-Encoding does not decode (gzip, br, truncated) with a soap:Client Fault, not a sandbox error', async () => {
    for (const encoding of ['gzip', 'br', 'deflate']) {
      const res = await request(sandbox.app).post('/hcim/soap').set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/xml').set('Content-Encoding', encoding).send(Buffer.from('<not compressed at all/>'));
      expect(res.status, encoding).toBe(500);
      expect(bodyOf(res.text).Fault.faultcode, encoding).toBe('soap:Client');
      expect(bodyOf(res.text).Fault.faultstring, encoding).toMatch(/could not be read/);
    }
  });

  it('answers an application error (an empty id@extension: GD.2.0006) over HTTP 200 so SOAP stacks read it as data', async () => {
    const res = await call(gd(PHN.ordinary).replace(/extension="wire-\d+"/, 'extension=""'));
    expect(res.status).toBe(200);
    const msg = bodyOf(res.text).HCIM_IN_GetDemographicsResponse;
    expect(msg.acceptAckCode['@_code']).toBe(HCIM_CODES.gdInvalid.code);
    expect(msg.controlActProcess.queryAck.queryResponseCode['@_code']).toMatch(/^BCHCIM\.GD\.2\.0006\|.*message id/);
  });
});

describe('HCIM SOAP message ids', () => {
  it('refuses an id@extension longer than 256 characters with the invalid-message code, remembering none', async () => {
    const before = sandbox.deps.store.count('hcim.messages');
    const xml = gd(PHN.ordinary).replace(/extension="wire-\d+"/, `extension="${'x'.repeat(257)}"`);
    const res = await call(xml);
    expect(res.status).toBe(200);
    const msg = bodyOf(res.text).HCIM_IN_GetDemographicsResponse;
    expect(msg.acceptAckCode['@_code']).toBe(HCIM_CODES.gdInvalid.code);
    expect(msg.controlActProcess.queryAck.queryResponseCode['@_code']).toMatch(/^BCHCIM\.GD\.2\.0006\|.*257 characters long; at most 256/);
    expect(sandbox.deps.store.count('hcim.messages')).toBe(before);
  });
});

describe('HCIM HL7v3 response details (HNWEB samples)', () => {
  it('puts the GetDemographics person under subject typeCode CIND, and FindCandidates candidates under SUBJ', async () => {
    const gdMsg = bodyOf((await call(gd(PHN.ordinary))).text).HCIM_IN_GetDemographicsResponse;
    expect(gdMsg.controlActProcess.subject['@_typeCode']).toBe('CIND');
    const fc = await call(envelope('HCIM_IN_FindCandidates', { 'person.name': { value: { '@_use': 'L', family: 'Smith', given: 'Robert' } }, 'person.birthTime': { value: { '@_value': '19700412' } } }));
    const subjects = [bodyOf(fc.text).HCIM_IN_FindCandidatesResponse.controlActProcess.subject].flat();
    expect(subjects[0]['@_typeCode']).toBe('SUBJ');
  });

  it('starts every FindCandidates candidate (target IDENT) with the PHN id, as FindCandidatesResponse_Warning.xml; GetDemographics does not', async () => {
    const fc = await call(envelope('HCIM_IN_FindCandidates', { 'person.name': { value: { '@_use': 'L', family: 'Smith', given: 'Robert' } }, 'person.birthTime': { value: { '@_value': '19700412' } } }));
    const subjects = [bodyOf(fc.text).HCIM_IN_FindCandidatesResponse.controlActProcess.subject].flat();
    expect(subjects.length).toBeGreaterThan(0);
    for (const { target } of subjects) {
      const first = [target.id].flat()[0];
      expect(first).toEqual({ '@_root': OID.phn, '@_extension': target.identifiedPerson.id['@_extension'], '@_assigningAuthorityName': 'MOH_CRS', '@_displayable': 'true' });
    }
    const candidate = fc.text.slice(fc.text.indexOf('<target classCode="IDENT">'));
    expect(candidate.indexOf(`root="${OID.phn}"`)).toBeLessThan(candidate.indexOf('<addr'));
    const gdTarget = bodyOf((await call(gd(PHN.ordinary))).text).HCIM_IN_GetDemographicsResponse.controlActProcess.subject.target;
    expect([gdTarget.id ?? []].flat().some((id: Record<string, string>) => id['@_root'] === OID.phn)).toBe(false);
  });

  it("addresses the response to the request's sender: its device id and represented organization", async () => {
    const msg = bodyOf((await call(gd(PHN.ordinary))).text).HCIM_IN_GetDemographicsResponse;
    expect(msg.receiver['@_typeCode']).toBe('RCV');
    expect(msg.receiver.device.id).toEqual({ '@_root': OID.senderDevice, '@_extension': 'DEMO_EMR' });
    expect(msg.receiver.device.asAgent.representedOrganization.id['@_extension']).toBe('DEMOCLINIC');
    expect(msg.sender.device.asAgent.representedOrganization.id['@_extension']).toBe('HCIM');
  });

  it('marks the receiver as not given (nullFlavor NI) when the request named no sender, rather than inventing one', async () => {
    const msg = bodyOf((await call(gd(PHN.ordinary, false))).text).HCIM_IN_GetDemographicsResponse;
    expect(msg.receiver.device.id['@_nullFlavor']).toBe('NI');
    expect(msg.receiver.device.id['@_extension']).toBeUndefined();
  });

  it('answers the merged-identifier warning GD.0.0015 in queryAck, acceptAckCode NE, as HNWeb\'s NonSurvivor sample', async () => {
    const msg = bodyOf((await call(gd(PHN.merged))).text).HCIM_IN_GetDemographicsResponse;
    expect(msg.acceptAckCode).toEqual({ '@_code': 'NE' });
    expect(msg.acknowledgement).toBeUndefined();
    expect(msg.controlActProcess.queryAck.queryResponseCode['@_code']).toBe(queryResponseCodeOf(HCIM_CODES.gdMerged));
    expect(msg.controlActProcess.subject.target.identifiedPerson.id['@_extension']).toBe(PHN.survivor);
  });

  it('reads coded values named like Object properties (gender "constructor", telecom use "__proto__") as unknown, never a crash', async () => {
    const res = await call(envelope('HCIM_IN_FindCandidates', {
      'person.name': { value: { '@_use': 'L', family: 'Smith', given: 'Robert' } },
      'person.birthTime': { value: { '@_value': '19700412' } },
      'person.administrativeGender': { value: { '@_code': 'constructor' } },
      'person.telecom': { value: { '@_use': '__proto__', '@_value': 'tel:2505550101' } },
    }));
    expect(res.status).toBe(200);
    expect(bodyOf(res.text).HCIM_IN_FindCandidatesResponse.acceptAckCode['@_code']).toBe('NE');
  });
});
