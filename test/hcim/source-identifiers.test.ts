// One registry of source record identifiers (SRIs) behind both surfaces: HL7v3 `.6` + assigningAuthorityName and FHIR
// `ca-bc-<org>-<src>-source-patient-id` name the same record, filed over either, found and answered over both.
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { OID, PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { codeOf, createHcimClient, patientsOf, requestBundle } from './support/hcim-client.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';
import { soapRequest } from './support/soap-request.js';

const NS = 'https://health.gov.bc.ca/fhir/NamingSystem';
const FHA_MT = `${NS}/ca-bc-fha-mt-source-patient-id`;
const VIHA_CERN = `${NS}/ca-bc-viha-cern-source-patient-id`;

let sandbox: Sandbox;
beforeEach(async () => void (sandbox = await createHcimSandbox({ auth: true })));
afterEach(async () => sandbox.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, isArray: (name) => name === 'id' });
const tokenFor = (partner: string) => sandbox.deps.issuer.issue({ sub: `${partner}-pos`, azp: `${partner}-pos`, aud: ['hcim'], partner }, 3600);
const fhirAs = async (partner: string) => createHcimClient(sandbox, { token: await tokenFor(partner) });

type Id = Record<string, string>;
const sri = (extension: string, assigningAuthorityName?: string): Id => ({ '@_root': OID.sourceRecord, '@_extension': extension, ...(assigningAuthorityName === undefined ? {} : { '@_assigningAuthorityName': assigningAuthorityName }) });

const envelope = (interaction: string, controlActProcess: Record<string, unknown>): string => soapRequest(interaction, controlActProcess, 'sri');

/** HCIM_IN_PersonRevised without a PHN: registrationEvent/subject1/identifiedPerson with one SRI. */
const personRevised = (id: Id) =>
  envelope('HCIM_IN_PersonRevised', {
    '@_classCode': 'CACT',
    '@_moodCode': 'EVN',
    dataEnterer: { '@_typeCode': 'CST', assignedPerson: { '@_classCode': 'ENT', id: { '@_root': OID.user, '@_extension': 'tester@IDIR' } } },
    subject: { registrationEvent: { '@_classCode': 'REG', '@_moodCode': 'RQO', subject1: { '@_typeCode': 'SBJ', identifiedPerson: { '@_classCode': 'IDENT', id, identifiedPerson: { '@_classCode': 'PSN', name: { '@_use': 'L', given: 'Ramona', family: 'Quimby' }, administrativeGenderCode: { '@_code': 'F' }, birthTime: { '@_value': '20110505' } } } } } },
  });
const getDemographics = (id: Id) => envelope('HCIM_IN_GetDemographics', { '@_classCode': 'ACCM', '@_moodCode': 'EVN', queryByParameter: { queryByParameterPayload: { 'person.id': { value: id } } } });

const soapAs = async (partner: string) => {
  const token = await tokenFor(partner);
  return async (xml: string) => parser.parse((await request(sandbox.app).post('/hcim/soap').set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/xml; charset=utf-8').send(xml)).text).Envelope.Body;
};
/** A parsed HL7v3 response message (the parser's untyped tree). */
type V3Message = ReturnType<typeof parser.parse>;
const detailCode = (msg: V3Message) => msg.acknowledgement.acknowledgementDetail.code['@_code'];
const responseCode = (msg: V3Message) => String(msg.controlActProcess.queryAck.queryResponseCode['@_code']).split('|')[0]!.trim();
/** The `.6` ids of a GetDemographics answer's target. */
const sourceIdsOf = (msg: V3Message): Id[] => (msg.controlActProcess.subject?.target?.id ?? []).filter((i: Id) => i['@_root'] === OID.sourceRecord);
const phnOfResult = (msg: V3Message): string => msg.controlActProcess.subject.registrationEvent.subject1.identifiedPerson.identifiedPerson.id[0]['@_extension'];
const byPhn = (phn: string): Id => ({ '@_root': OID.phn, '@_extension': phn });
const sriIdentifiersOf = (p: fhir.Patient) => (p.identifier ?? []).filter((i) => i.system !== PHN_SYSTEM).map((i) => ({ system: i.system, value: i.value }));

/** Files a new client over FHIR $AddPatient under `identifier`; returns the PHN. */
async function addOverFhir(partner: string, identifier: fhir.Identifier): Promise<string> {
  const post = await fhirAs(partner);
  const res = await post('AddPatient', requestBundle({ resourceType: 'Patient', identifier: [identifier], name: [{ use: 'official', family: 'Okonkwo', given: ['Ada'] }], gender: 'female', birthDate: '2003-03-03' }));
  expect(codeOf(res.body)).toBe(HCIM_CODES.rpNewPhn.code);
  return patientsOf(res.body)[0]!.identifier!.find((i) => i.system === PHN_SYSTEM)!.value!;
}

describe('HCIM source record identifiers filed over HL7v3', () => {
  it('answers GetDemographics with the assigningAuthorityName the PersonRevised sent, not the partner name', async () => {
    const soap = await soapAs('demo');
    const phn = phnOfResult((await soap(personRevised(sri('V3-77', 'VIHA-CERN')))).HCIM_IN_PersonRevisedResult);
    const answer = (await soap(getDemographics(byPhn(phn)))).HCIM_IN_GetDemographicsResponse;
    expect(sourceIdsOf(answer)).toEqual([sri('V3-77', 'VIHA-CERN')]);
  });

  it('lists a SOAP-filed SRI in FHIR under ca-bc-<org>-<src>-source-patient-id, and FHIR GetDemographics finds it there', async () => {
    const soap = await soapAs('demo');
    const phn = phnOfResult((await soap(personRevised(sri('V3-78', 'VIHA-CERN')))).HCIM_IN_PersonRevisedResult);
    const post = await fhirAs('demo');
    const byPhnAnswer = await post('GetDemographics', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }] }));
    expect(sriIdentifiersOf(patientsOf(byPhnAnswer.body)[0]!)).toEqual([{ system: VIHA_CERN, value: 'V3-78' }]);
    const bySri = await post('GetDemographics', requestBundle({ resourceType: 'Patient', identifier: [{ system: VIHA_CERN, value: 'V3-78' }] }));
    expect([codeOf(bySri.body), patientsOf(bySri.body)[0]?.id]).toEqual([HCIM_CODES.gdSuccess.code, phn]);
  });

  it('finds a SOAP-filed SRI over SOAP by .6 whatever the case and separator of the assigningAuthorityName', async () => {
    const soap = await soapAs('demo');
    const phn = phnOfResult((await soap(personRevised(sri('V3-79', 'VCHA_PG')))).HCIM_IN_PersonRevisedResult);
    for (const name of ['VCHA_PG', 'VCHA-PG', 'vcha-pg', 'Vcha_Pg']) {
      const answer = (await soap(getDemographics(sri('V3-79', name)))).HCIM_IN_GetDemographicsResponse;
      expect([name, responseCode(answer), answer.controlActProcess.subject?.target.identifiedPerson.id[0]['@_extension']]).toEqual([name, HCIM_CODES.gdSuccess.code, phn]);
      expect(sourceIdsOf(answer)).toEqual([sri('V3-79', 'VCHA_PG')]);
    }
  });

  it("does not find an SRI by the partner's name, and refuses a .6 look-up without an assigningAuthorityName (GD.2.0006)", async () => {
    const soap = await soapAs('demo');
    await soap(personRevised(sri('V3-80', 'VIHA-CERN')));
    expect(responseCode((await soap(getDemographics(sri('V3-80', 'DEMO')))).HCIM_IN_GetDemographicsResponse)).toBe(HCIM_CODES.gdNotFound.code);
    const bare = (await soap(getDemographics(sri('V3-80')))).HCIM_IN_GetDemographicsResponse;
    expect(responseCode(bare)).toBe(HCIM_CODES.gdInvalid.code);
    expect(bare.controlActProcess.queryAck.queryResponseCode['@_code']).toMatch(/assigningAuthorityName/);
  });
});

describe('HCIM source record identifiers filed over FHIR', () => {
  it('finds an SRI added through FHIR over SOAP by .6 with FHA_MT, FHA-MT, fha-mt or fha_mt, answering FHA_MT', async () => {
    const phn = await addOverFhir('demo', { system: FHA_MT, value: 'MRN7889' });
    const soap = await soapAs('demo');
    for (const name of ['FHA_MT', 'FHA-MT', 'fha-mt', 'fha_mt']) {
      const answer = (await soap(getDemographics(sri('MRN7889', name)))).HCIM_IN_GetDemographicsResponse;
      expect([name, responseCode(answer), answer.controlActProcess.subject?.target.identifiedPerson.id[0]['@_extension']]).toEqual([name, HCIM_CODES.gdSuccess.code, phn]);
      expect(sourceIdsOf(answer)).toEqual([sri('MRN7889', 'FHA_MT')]);
    }
  });

  it("answers over SOAP with the source code the FHIR identifier's assigner named", async () => {
    const phn = await addOverFhir('demo', { system: VIHA_CERN, value: 'MRN-A1', assigner: { display: 'VIHA Cerner - VIHA-CERN' } });
    const answer = (await (await soapAs('demo'))(getDemographics(byPhn(phn)))).HCIM_IN_GetDemographicsResponse;
    expect(sourceIdsOf(answer)).toEqual([sri('MRN-A1', 'VIHA-CERN')]);
  });

  it('answers a PersonRevised under the FHIR-filed SRI with that client (RP.0.0001) instead of filing a second record', async () => {
    const phn = await addOverFhir('demo', { system: FHA_MT, value: 'MRN-R1' });
    const soap = await soapAs('demo');
    const result = (await soap(personRevised(sri('MRN-R1', 'FHA_MT')))).HCIM_IN_PersonRevisedResult;
    expect([detailCode(result), phnOfResult(result)]).toEqual([HCIM_CODES.rpExistingPhn.code, phn]);
    const post = await fhirAs('demo');
    const answer = await post('GetDemographics', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }] }));
    expect(sriIdentifiersOf(patientsOf(answer.body)[0]!)).toEqual([{ system: FHA_MT, value: 'MRN-R1' }]);
  });
});

describe('HCIM source ownership across surfaces', () => {
  it("refuses a SOAP PersonRevised under a source another partner files under over FHIR (RP.2.0006)", async () => {
    await addOverFhir('alpha', { system: VIHA_CERN, value: 'A-1' });
    const rejected = (await (await soapAs('beta'))(personRevised(sri('B-1', 'VIHA-CERN')))).MCCI_IN000002;
    expect([rejected?.acknowledgement['@_typeCode'], rejected && detailCode(rejected)]).toEqual(['CA', HCIM_CODES.rpInvalid.code]);
  });

  it('refuses a FHIR AddPatient under a source another partner files under over SOAP (422 RP.2.0006)', async () => {
    await (await soapAs('alpha'))(personRevised(sri('A-2', 'viha_cern')));
    const post = await fhirAs('beta');
    const res = await post('AddPatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: VIHA_CERN, value: 'B-2' }], name: [{ use: 'official', family: 'Okonkwo', given: ['Ada'] }], gender: 'female', birthDate: '2003-03-03' }));
    expect([res.status, codeOf(res.body)]).toEqual([422, HCIM_CODES.rpInvalid.code]);
  });
});
