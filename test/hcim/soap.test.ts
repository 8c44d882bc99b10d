// HL7v3 over SOAP: GetDemographics and FindCandidates, parsed back with an XML parser.
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { queryResponseCodeOf } from '../../src/hcim/soap/v3-write.js';
import { OID } from '../../src/hcim/identifiers.js';
import { PHN } from './support/fixture-population.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';
import { soapRequest } from './support/soap-request.js';

let sandbox: Sandbox;
beforeEach(async () => void (sandbox = await createHcimSandbox()));
afterEach(async () => sandbox.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });

const envelope = (interaction: string, payload: Record<string, unknown>): string =>
  soapRequest(interaction, { '@_classCode': 'ACCM', '@_moodCode': 'EVN', queryByParameter: { queryByParameterPayload: payload } });
const call = (xml: string) => request(sandbox.app).post('/hcim/soap').set('Content-Type', 'text/xml').send(xml);

describe('HCIM HL7v3 SOAP', () => {
  it('answers HCIM_IN_GetDemographics with the person, V3PR1 and queryAck GD.0.0013', async () => {
    const res = await call(envelope('HCIM_IN_GetDemographics', { 'person.id': { value: { '@_root': OID.phn, '@_extension': PHN.ordinary } } }));
    expect(res.status).toBe(200);
    const msg = parser.parse(res.text).Envelope.Body.HCIM_IN_GetDemographicsResponse;
    expect(msg.versionCode['@_code']).toBe('V3PR1');
    expect(msg.controlActProcess.queryAck.queryResponseCode['@_code']).toBe(queryResponseCodeOf(HCIM_CODES.gdSuccess));
    const person = msg.controlActProcess.subject.target.identifiedPerson;
    expect(person.id['@_extension']).toBe(PHN.ordinary);
    expect(person.name['@_use']).toBe('C');
    expect(person.name.family).toBe('Smith');
  });

  it('masks a confidential person with nullFlavor MSK', async () => {
    const res = await call(envelope('HCIM_IN_GetDemographics', { 'person.id': { value: { '@_root': OID.phn, '@_extension': PHN.confidential } } }));
    const person = parser.parse(res.text).Envelope.Body.HCIM_IN_GetDemographicsResponse.controlActProcess.subject.target.identifiedPerson;
    expect(person.birthTime['@_nullFlavor']).toBe('MSK');
  });

  it('answers a bad check digit with GD.2.0006 in acceptAckCode and queryAck, as data over HTTP 200 (WS-I BP R1111)', async () => {
    const res = await call(envelope('HCIM_IN_GetDemographics', { 'person.id': { value: { '@_root': OID.phn, '@_extension': '9999999999' } } }));
    expect(res.status).toBe(200);
    const msg = parser.parse(res.text).Envelope.Body.HCIM_IN_GetDemographicsResponse;
    expect(msg.acceptAckCode['@_code']).toBe(HCIM_CODES.gdInvalid.code);
    expect(msg.controlActProcess.queryAck.queryResponseCode['@_code']).toMatch(/^BCHCIM\.GD\.2\.0006\|/);
  });

  it('answers a GetDemographics or FindCandidates sent again with the same message id again (NE): only PersonRevised refuses a reused id', async () => {
    const queries: Array<[string, Record<string, unknown>, string]> = [
      ['HCIM_IN_GetDemographics', { 'person.id': { value: { '@_root': OID.phn, '@_extension': PHN.ordinary } } }, queryResponseCodeOf(HCIM_CODES.gdSuccess)],
      ['HCIM_IN_FindCandidates', { 'person.name': { value: { '@_use': 'L', family: 'Smith', given: 'Robert' } }, 'person.birthTime': { value: { '@_value': '19700412' } } }, queryResponseCodeOf(HCIM_CODES.fcSuccess)],
    ];
    for (const [interaction, payload, code] of queries) {
      const xml = envelope(interaction, payload);
      for (const attempt of [1, 2]) {
        const msg = parser.parse((await call(xml)).text).Envelope.Body[`${interaction}Response`];
        expect([interaction, attempt, msg.acceptAckCode['@_code'], msg.controlActProcess.queryAck.queryResponseCode['@_code']]).toEqual([interaction, attempt, 'NE', code]);
      }
    }
  });

  it('answers HCIM_IN_FindCandidates with SCORE observations', async () => {
    const res = await call(envelope('HCIM_IN_FindCandidates', { 'person.name': { value: { '@_use': 'L', family: 'Smith', given: 'Robert' } }, 'person.birthTime': { value: { '@_value': '19700412' } } }));
    const msg = parser.parse(res.text).Envelope.Body.HCIM_IN_FindCandidatesResponse;
    expect(msg.controlActProcess.queryAck.queryResponseCode['@_code']).toBe(queryResponseCodeOf(HCIM_CODES.fcSuccess));
    const subjects = [msg.controlActProcess.subject].flat();
    expect(subjects[0].target.subjectOf.observationEvent.code['@_code']).toBe('SCORE');
    expect(Number(subjects[0].target.subjectOf.observationEvent.value['@_value'])).toBeGreaterThan(1);
  });

  it('answers malformed XML with a SOAP 1.1 Fault over HTTP 500 (SOAP 1.1 §6.2, WS-I R1126)', async () => {
    const res = await call('<soap:Envelope><oops');
    expect(res.status).toBe(500);
    expect(parser.parse(res.text).Envelope.Body.Fault.faultcode).toBe('soap:Client');
  });
});
