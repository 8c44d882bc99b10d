// The isolation matrix on the surfaces beside FHIR: two partners over HCIM's HL7v3 SOAP and PLR's $maintain, and
// each partner's and each Ocean site's credentials at the token endpoints. Only what the real systems allow succeeds.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { OID } from '../../src/hcim/identifiers.js';
import { createHcimSystem } from '../../src/hcim/index.js';
import { createOceanSystem } from '../../src/ocean/index.js';
import { createPlrSystem } from '../../src/plr/index.js';
import { createOceanWorld, type OceanWorld } from '../ocean/support/ocean-sandbox.js';
import { filledTemplate } from '../plr/support/maintain-builders.js';
import { ACCEPT, BASE } from '../plr/support/plr-sandbox.js';

const KEYCLOAK_TOKEN = '/auth/realms/moh_applications/protocol/openid-connect/token';
let world: OceanWorld;
const partner: Record<'a' | 'b', { clientId: string; clientSecret: string; token: string }> = { a: { clientId: '', clientSecret: '', token: '' }, b: { clientId: '', clientSecret: '', token: '' } };
beforeAll(async () => {
  world = await createOceanWorld({ systems: [createOceanSystem, createPlrSystem, createHcimSystem] });
  const b = await request(world.sandbox.app).post('/admin/partners').send({ name: 'clinic-b' }).expect(201);
  const a = await request(world.sandbox.app).get('/admin/partners/demo').expect(200);
  for (const [who, p] of [['a', a.body], ['b', b.body]] as const) {
    const res = await request(world.sandbox.app).post(KEYCLOAK_TOKEN).type('form').send({ grant_type: 'client_credentials', client_id: p.clientId, client_secret: p.clientSecret }).expect(200);
    partner[who] = { clientId: p.clientId, clientSecret: p.clientSecret, token: res.body.access_token };
  }
});
afterAll(() => world.close());

describe("token endpoints: one party's secret never opens another's account", () => {
  it("refuses partner B's secret for partner A's client id", async () => {
    const res = await request(world.sandbox.app).post(KEYCLOAK_TOKEN).type('form').send({ grant_type: 'client_credentials', client_id: partner.a.clientId, client_secret: partner.b.clientSecret });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });

  it("refuses Ocean site B's secret for site A's client id", async () => {
    const [siteA, siteB] = world.ctx.repo.sites();
    const res = await request(world.sandbox.app).post('/ocean/svc/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: siteA!.clientId, client_secret: siteB!.clientSecret });
    expect(res.status).toBe(401);
    expect(res.body.access_token).toBeUndefined();
  });
});

describe('HCIM HL7v3 SOAP: partner B and partner A', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });
  let seq = 0;
  const message = (interaction: string, controlActProcess: Record<string, unknown>) =>
    builder.build({
      'soap:Envelope': {
        '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/',
        'soap:Body': { [interaction]: { '@_xmlns': 'urn:hl7-org:v3', id: { '@_root': OID.messageId, '@_extension': `iso-${++seq}` }, versionCode: { '@_code': 'V3PR1' }, interactionId: { '@_root': OID.interactionId, '@_extension': interaction }, acceptAckCode: { '@_code': 'NE' }, controlActProcess } },
      },
    });
  /** HCIM_IN_PersonRevised filed under clinic A's source (assigningAuthorityName CLINICA). */
  const revised = (family: string) =>
    message('HCIM_IN_PersonRevised', {
      '@_classCode': 'CACT',
      '@_moodCode': 'EVN',
      dataEnterer: { '@_typeCode': 'CST', assignedPerson: { '@_classCode': 'ENT', id: { '@_root': OID.user, '@_extension': 'tester@IDIR' } } },
      subject: { registrationEvent: { '@_classCode': 'REG', '@_moodCode': 'RQO', subject1: { '@_typeCode': 'SBJ', identifiedPerson: { '@_classCode': 'IDENT', id: { '@_root': OID.sourceRecord, '@_extension': 'A-V3-1', '@_assigningAuthorityName': 'CLINICA' }, identifiedPerson: { '@_classCode': 'PSN', name: { '@_use': 'L', given: 'Ramona', family }, administrativeGenderCode: { '@_code': 'F' }, birthTime: { '@_value': '20110505' } } } } } },
    });
  const byPhn = (phn: string) => message('HCIM_IN_GetDemographics', { '@_classCode': 'ACCM', '@_moodCode': 'EVN', queryByParameter: { queryByParameterPayload: { 'person.id': { value: { '@_root': OID.phn, '@_extension': phn } } } } });
  const call = (who: 'a' | 'b', xml: string) => request(world.sandbox.app).post('/hcim/soap').set('Authorization', `Bearer ${partner[who].token}`).set('Content-Type', 'text/xml; charset=utf-8').send(xml);
  const detail = (answer: { acknowledgement: { acknowledgementDetail?: { code: Record<string, string> } } }) => answer.acknowledgement.acknowledgementDetail?.code['@_code'];
  let phn = '';
  beforeAll(async () => {
    const res = await call('a', revised('Quimbyvee'));
    const answer = parser.parse(res.text).Envelope.Body.HCIM_IN_PersonRevisedResult;
    expect(detail(answer)).toBe(HCIM_CODES.rpNewPhn.code);
    phn = answer.controlActProcess.subject.registrationEvent.subject1.identifiedPerson.identifiedPerson.id['@_extension'];
  });
  const family = async () => parser.parse((await call('a', byPhn(phn))).text).Envelope.Body.HCIM_IN_GetDemographicsResponse.controlActProcess.subject.target.identifiedPerson.name;

  it("refuses B's PersonRevised under A's source record, and A's client keeps its name", async () => {
    const answer = parser.parse((await call('b', revised('Hijacked'))).text).Envelope.Body.MCCI_IN000002;
    expect(answer.acknowledgement['@_typeCode']).toBe('CA');
    expect(detail(answer)).toBe(HCIM_CODES.rpInvalid.code);
    expect(JSON.stringify(await family())).toContain('Quimbyvee');
  });

  it("answers B's GetDemographics for A's client, as HCIM answers every connected system", async () => {
    const answer = parser.parse((await call('b', byPhn(phn))).text).Envelope.Body.HCIM_IN_GetDemographicsResponse;
    expect(answer.acceptAckCode['@_code']).toBe('NE');
    expect(JSON.stringify(answer)).toContain('Quimbyvee');
  });
});

describe('PLR $maintain: message ids belong to the partner that sent them', () => {
  const maintain = (who: 'a' | 'b', messageId: string, idValue: string) =>
    request(world.sandbox.app).post(`${BASE}/$maintain`).set('Authorization', `Bearer ${partner[who].token}`).set('UserId', `${who}@IDIR`).set('Accept', ACCEPT).set('Content-Type', 'application/fhir+json').send(JSON.stringify(filledTemplate({ messageId, idValue })));

  it("lets B use a message id A used, and still refuses A's own replay", async () => {
    expect((await maintain('a', 'ISO-MSG-1', 'R8101')).status).toBeLessThan(300);
    expect((await maintain('b', 'ISO-MSG-1', 'R8102')).status).toBeLessThan(300);
    expect((await maintain('a', 'ISO-MSG-1', 'R8103')).status).toBe(409);
  });
});
