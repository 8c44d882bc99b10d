// The hcim.empi fault seam: BCHCIM.<TXN>.2.0004 "The EMPI is unavailable" in FHIR and HL7v3, and the retry that then succeeds.
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { OID } from '../../src/hcim/identifiers.js';
import { EMPI_SEAM } from '../../src/hcim/services/empi-availability.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, codeOf, requestBundle } from './support/hcim-client.js';
import { useHcimSandbox } from './support/hcim-sandbox.js';

const hcim = useHcimSandbox();

const arm = (times: number, status = 503) => hcim.sandbox.deps.faults.arm({ seam: EMPI_SEAM.seam, effect: { kind: 'status', status }, times }, hcim.sandbox.deps.clock.iso());

describe('HCIM with the EMPI unavailable', () => {
  it('answers GetDemographics with GD.2.0004 and the armed status, then succeeds on a retry of the same message', async () => {
    arm(1);
    const body = requestBundle(byPhn(PHN.ordinary));
    const down = await hcim.post('GetDemographics', body);
    expect(down.status).toBe(503);
    expect(codeOf(down.body)).toBe(HCIM_CODES.gdUnavailable.code);
    const retry = await hcim.post('GetDemographics', body);
    expect(retry.status).toBe(200);
    expect(codeOf(retry.body)).toBe(HCIM_CODES.gdSuccess.code);
  });

  it('answers FindCandidates with FC.2.0004 and an add with RP.2.0004', async () => {
    arm(2, 504);
    const fc = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Smith' }], birthDate: '1970-04-12' }));
    expect([fc.status, codeOf(fc.body)]).toEqual([504, HCIM_CODES.fcUnavailable.code]);
    const add = await hcim.post('AddPatient', requestBundle({ resourceType: 'Patient', name: [{ family: 'Quimby', given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05' }));
    expect([add.status, codeOf(add.body)]).toEqual([504, HCIM_CODES.rpUnavailable.code]);
  });

  it('answers an HL7v3 GetDemographics with GD.2.0004 in acceptAckCode and queryAck, over HTTP 200', async () => {
    arm(1);
    const xml = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><HCIM_IN_GetDemographics xmlns="urn:hl7-org:v3"><id root="${OID.messageId}" extension="empi-1"/><controlActProcess><queryByParameter><queryByParameterPayload><person.id><value root="${OID.phn}" extension="${PHN.ordinary}"/></person.id></queryByParameterPayload></queryByParameter></controlActProcess></HCIM_IN_GetDemographics></soap:Body></soap:Envelope>`;
    const res = await request(hcim.sandbox.app).post('/hcim/soap').set('Content-Type', 'text/xml').send(xml);
    expect(res.status).toBe(200);
    const msg = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true }).parse(res.text).Envelope.Body.HCIM_IN_GetDemographicsResponse;
    expect(msg.acceptAckCode['@_code']).toBe('BCHCIM.GD.2.0004');
    expect(msg.controlActProcess.queryAck.queryResponseCode['@_code']).toMatch(/^BCHCIM\.GD\.2\.0004\|/);
  });
});
