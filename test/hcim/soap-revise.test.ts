// HL7v3 HCIM_IN_PersonRevised (Result, Rejected, Accepted + delivered Result) and the query codes over SOAP.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { OID } from '../../src/hcim/identifiers.js';
import { queryAck, queryResponseCodeOf } from '../../src/hcim/soap/v3-write.js';
import { isValidPhn } from '../../src/population/phn.js';
import { startReceiver } from '../support/receiver.js';
import { PHN } from './support/fixture-population.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';

let sandbox: Sandbox;
let seq = 0;
beforeEach(async () => void (sandbox = await createHcimSandbox()));
afterEach(async () => sandbox.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, isArray: (name) => name === 'subject' || name === 'name' });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

interface Person {
  phn?: string;
  sri?: string;
  family: string;
  given: string;
  birth: string;
  gender: 'M' | 'F';
  deceased?: string;
}

/** An HCIM_IN_PersonRevised message (PRPA_IN101204CA): registrationEvent/subject1/identifiedPerson. */
function personRevised(p: Person, options: { ack?: 'AL' | 'NE'; id?: string; user?: string | null } = {}): string {
  const ids = [...(p.sri ? [{ '@_root': OID.sourceRecord, '@_extension': p.sri, '@_assigningAuthorityName': 'VIHA-CERN' }] : [])];
  const message = {
    '@_xmlns': 'urn:hl7-org:v3',
    '@_ITSVersion': 'XML_1.0',
    id: { '@_root': OID.messageId, '@_extension': options.id ?? `pr-${++seq}` },
    creationTime: { '@_value': '20260302090000' },
    versionCode: { '@_code': 'V3PR1' },
    interactionId: { '@_root': OID.interactionId, '@_extension': 'HCIM_IN_PersonRevised' },
    processingCode: { '@_code': 'P' },
    processingModeCode: { '@_code': 'I' },
    acceptAckCode: { '@_code': options.ack ?? 'NE' },
    controlActProcess: {
      '@_classCode': 'CACT',
      '@_moodCode': 'EVN',
      dataEnterer: options.user === null ? undefined : { '@_typeCode': 'CST', assignedPerson: { '@_classCode': 'ENT', id: { '@_root': OID.user, '@_extension': options.user ?? 'tester@IDIR' } } },
      subject: {
        registrationEvent: {
          '@_classCode': 'REG',
          '@_moodCode': 'RQO',
          subject1: {
            '@_typeCode': 'SBJ',
            identifiedPerson: {
              '@_classCode': 'IDENT',
              id: ids,
              addr: { '@_use': 'PHYS', streetAddressLine: '12 Cedar St', city: 'Victoria', postalCode: 'V8V 2B2' },
              identifiedPerson: {
                '@_classCode': 'PSN',
                id: p.phn ? { '@_root': OID.phn, '@_extension': p.phn, '@_assigningAuthorityName': 'MOH_CRS' } : undefined,
                name: { '@_use': 'L', given: p.given, family: p.family },
                administrativeGenderCode: { '@_code': p.gender },
                birthTime: { '@_value': p.birth },
                deceasedTime: p.deceased ? { '@_value': p.deceased } : undefined,
              },
            },
          },
        },
      },
    },
  };
  return builder.build({ 'soap:Envelope': { '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'soap:Body': { HCIM_IN_PersonRevised: message } } });
}
const call = (xml: string) => request(sandbox.app).post('/hcim/soap').set('Content-Type', 'text/xml; charset=utf-8').send(xml);
const bodyOf = (xml: string) => parser.parse(xml).Envelope.Body;
const detailCode = (msg: { acknowledgement: { acknowledgementDetail: { code: Record<string, string> } } }) => msg.acknowledgement.acknowledgementDetail.code['@_code'];

describe('HCIM_IN_PersonRevised', () => {
  it('adds a new person: HCIM_IN_PersonRevisedResult, AA, RP.0.0000 and a valid new PHN', async () => {
    const res = await call(personRevised({ sri: 'V3-1', family: 'Quimby', given: 'Ramona', birth: '20110505', gender: 'F' }));
    expect(res.status).toBe(200);
    const msg = bodyOf(res.text).HCIM_IN_PersonRevisedResult;
    expect(msg.versionCode['@_code']).toBe('V3PR1');
    expect(msg.interactionId['@_extension']).toBe('HCIM_IN_PersonRevisedResult');
    expect(msg.acknowledgement['@_typeCode']).toBe('AA');
    expect(msg.acknowledgement.typeCode).toBeUndefined();
    expect(msg.acknowledgement.targetMessage.id['@_extension']).toBe(`pr-${seq}`);
    expect(detailCode(msg)).toBe(HCIM_CODES.rpNewPhn.code);
    const person = msg.controlActProcess.subject[0].registrationEvent.subject1.identifiedPerson.identifiedPerson;
    expect(isValidPhn(person.id['@_extension'])).toBe(true);
    expect(person.id['@_root']).toBe(OID.phn);
  });

  it("puts the person in registrationEvent/subject1/identifiedPerson (IDENT) → identifiedPerson (PSN), where RTRANS's RevisePersonJaxbToEntityTypeConverter reads the ids, sync and in the call-back", async () => {
    const receiver = await startReceiver();
    try {
      await request(sandbox.app).post('/admin/hcim/callbacks').send({ partner: 'demo', url: `${receiver.url}/hcim-results` });
      const sync = await call(personRevised({ phn: PHN.ordinary, sri: 'V3-RT', family: 'Smith', given: 'Robert', birth: '19700412', gender: 'M' }));
      await call(personRevised({ phn: PHN.ordinary, sri: 'V3-RT2', family: 'Smith', given: 'Robert', birth: '19700412', gender: 'M' }, { ack: 'AL' }));
      await sandbox.deps.delivery.idle();
      for (const xml of [sync.text, receiver.received[0]!.body]) {
        const subject1 = bodyOf(xml).HCIM_IN_PersonRevisedResult.controlActProcess.subject[0].registrationEvent.subject1;
        expect(subject1.target).toBeUndefined();
        expect(subject1['@_typeCode']).toBe('SBJ');
        expect(subject1.identifiedPerson['@_classCode']).toBe('IDENT');
        expect(subject1.identifiedPerson.identifiedPerson['@_classCode']).toBe('PSN');
        // RTRANS: getSubject1().getIdentifiedPerson().getIdentifiedPerson().getId()
        expect(subject1.identifiedPerson.identifiedPerson.id).toMatchObject({ '@_root': OID.phn, '@_extension': PHN.ordinary });
        expect(xml).toMatch(/<subject1 typeCode="SBJ">\s*<identifiedPerson classCode="IDENT">/);
      }
    } finally {
      await receiver.close();
    }
  });

  it("puts the Result's code in controlActProcess/reasonCode (code and originalText, before the subject), where the death-date ESB's HCIMINPersonRevisedResult reads it", async () => {
    const added = await call(personRevised({ sri: 'V3-RC', family: 'Quimby', given: 'Ramona', birth: '20110505', gender: 'F' }));
    const revised = await call(personRevised({ phn: PHN.ordinary, sri: 'V3-RC2', family: 'Smith', given: 'Robert', birth: '19700412', gender: 'M' }));
    for (const [res, code] of [[added, HCIM_CODES.rpNewPhn], [revised, HCIM_CODES.rpExistingPhn]] as const) {
      const control = bodyOf(res.text).HCIM_IN_PersonRevisedResult.controlActProcess;
      expect(control.reasonCode).toMatchObject({ '@_code': code.code, '@_codeSystem': 'HCIM', originalText: code.text });
      // PRPA_IN101205CA.MFMI_MT700721BC.ControlActProcess: code, text, effectiveTime, reasonCode, then subject.
      const start = res.text.indexOf('<controlActProcess');
      expect(res.text.indexOf('<reasonCode', start)).toBeGreaterThan(start);
      expect(res.text.indexOf('<reasonCode', start)).toBeLessThan(res.text.indexOf('<subject', start));
    }
  });

  it("gives the Result's registrationEvent the id and the custodian (the registry, organization BCHCIM) that PRPA_IN101205CA.MFMI_MT700721BC requires, around subject1 in the class's order", async () => {
    const res = await call(personRevised({ phn: PHN.ordinary, sri: 'V3-CUST', family: 'Smith', given: 'Robert', birth: '19700412', gender: 'M' }));
    const event = bodyOf(res.text).HCIM_IN_PersonRevisedResult.controlActProcess.subject[0].registrationEvent;
    expect(event.id['@_root']).toBe(OID.messageId);
    expect(event.id['@_extension']).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.custodian).toMatchObject({ '@_typeCode': 'CST', assignedEntity: { '@_classCode': 'ASSIGNED', id: { '@_root': OID.organization, '@_extension': 'BCHCIM' } } });
    const at = (name: string) => res.text.indexOf(`<${name}`, res.text.indexOf('<registrationEvent'));
    expect([at('id'), at('subject1'), at('custodian')].every((n, i, all) => n > 0 && (i === 0 || n > all[i - 1]!))).toBe(true);
  });

  it('revises a known PHN: RP.0.0001, the new address in the Result, the documented name (C) first and the declared one (L) sent', async () => {
    const res = await call(personRevised({ phn: PHN.ordinary, sri: 'V3-2', family: 'Smith', given: 'Bobby', birth: '19700412', gender: 'M' }));
    const msg = bodyOf(res.text).HCIM_IN_PersonRevisedResult;
    expect(detailCode(msg)).toBe(HCIM_CODES.rpExistingPhn.code);
    const role = msg.controlActProcess.subject[0].registrationEvent.subject1.identifiedPerson;
    expect(role.addr.streetAddressLine).toBe('12 Cedar St');
    expect(role.identifiedPerson.name.map((n: { '@_use': string; given: string }) => [n['@_use'], n.given])).toEqual([['C', 'Robert'], ['L', 'Bobby']]);
  });

  it('rejects a bad check digit with HCIM_IN_PersonRevisedNak (MCCI_IN000002) shaped as the DEATH-ESB sample: CA, RP.2.0006 naming BRV.2.0003', async () => {
    const res = await call(personRevised({ phn: '9999999999', sri: 'V3-3', family: 'Smith', given: 'Robert', birth: '19700412', gender: 'M' }));
    expect(res.status).toBe(200);
    const body = bodyOf(res.text);
    expect(Object.keys(body)).toEqual(['MCCI_IN000002']);
    const msg = body.MCCI_IN000002;
    expect(msg.interactionId).toMatchObject({ '@_root': OID.interactionId, '@_extension': 'HCIM_IN_PersonRevisedNak' });
    expect([msg.processingModeCode['@_code'], msg.acceptAckCode['@_code']]).toEqual(['T', 'NE']);
    expect(msg.acknowledgement['@_typeCode']).toBe('CA');
    expect(msg.acknowledgement.typeCode).toBeUndefined();
    const detail = msg.acknowledgement.acknowledgementDetail;
    expect(detail.code).toMatchObject({ '@_code': HCIM_CODES.rpInvalid.code, '@_codeSystem': 'HCIM', '@_codeSystemName': 'BC Client Identity Management System', '@_codeSystemVersion': '1' });
    expect(detail.code['@_displayName']).toContain(HCIM_CODES.brvChecksum.code);
    expect(detail.text).toBe(detail.code['@_displayName']);
    expect(msg.acknowledgement.targetMessage.id).toMatchObject({ '@_root': OID.messageId, '@_extension': `pr-${seq}` });
    // The sample's order: the acknowledgement (its detail, then the target message) before receiver and sender.
    const order = (xml: string, names: string[]) => names.map((n) => xml.indexOf(`<${n}`));
    const ackOrder = order(res.text, ['acceptAckCode', 'acknowledgement', 'acknowledgementDetail', 'targetMessage', 'receiver', 'sender']);
    expect([...ackOrder].sort((a, b) => a - b)).toEqual(ackOrder);
    expect(res.text).not.toContain('PersonRevisedRejected');
  });

  it('refuses a PersonRevised without a user id (no dataEnterer, or a blank id@extension) with RP.2.0006, as the FHIR side refuses a write without UserId', async () => {
    const before = sandbox.deps.store.count('hcim.persons');
    for (const user of [null, '', '  ']) {
      const res = await call(personRevised({ sri: `V3-NOUSER-${seq}`, family: 'Quimby', given: 'Ramona', birth: '20110505', gender: 'F' }, { user }));
      expect(res.status).toBe(200);
      const nak = bodyOf(res.text).MCCI_IN000002;
      expect(detailCode(nak), String(user)).toBe(HCIM_CODES.rpInvalid.code);
      expect(nak.acknowledgement.acknowledgementDetail.code['@_displayName']).toMatch(/dataEnterer.*user id/);
    }
    expect(sandbox.deps.store.count('hcim.persons')).toBe(before);
    // The refusal does not spend the message id: the same message with a user goes through.
    const id = 'no-user-then-user';
    expect(detailCode(bodyOf((await call(personRevised({ sri: 'V3-NOUSER-X', family: 'Quimby', given: 'Ramona', birth: '20110505', gender: 'F' }, { id, user: null }))).text).MCCI_IN000002)).toBe(HCIM_CODES.rpInvalid.code);
    expect(detailCode(bodyOf((await call(personRevised({ sri: 'V3-NOUSER-X', family: 'Quimby', given: 'Ramona', birth: '20110505', gender: 'F' }, { id }))).text).HCIM_IN_PersonRevisedResult)).toBe(HCIM_CODES.rpNewPhn.code);
  });

  it('rejects a merged subject (RP.2.0015), a deceased one (RP.2.0016), a missing SRI (RP.2.0025) and a death before birth (RP.2.0035)', async () => {
    const cases: Array<[Person, string]> = [
      [{ phn: PHN.merged, sri: 'V3-4', family: 'Nguyen', given: 'Anna', birth: '19850130', gender: 'F' }, HCIM_CODES.rpMergedSubject.code],
      [{ phn: PHN.deceased, sri: 'V3-5', family: 'Brown', given: 'Walter', birth: '19310601', gender: 'M' }, HCIM_CODES.rpDeceased.code],
      [{ family: 'Quimby', given: 'Ramona', birth: '20110505', gender: 'F' }, HCIM_CODES.rpNoSri.code],
      [{ sri: 'V3-6', family: 'Quimby', given: 'Ramona', birth: '20110505', gender: 'F', deceased: '20100101' }, HCIM_CODES.rpDeathBeforeBirth.code],
    ];
    for (const [person, code] of cases) {
      const res = await call(personRevised(person));
      expect(res.status).toBe(200);
      expect(detailCode(bodyOf(res.text).MCCI_IN000002)).toBe(code);
    }
  });

  it('rejects a reused message id with RP.2.0032', async () => {
    const xml = personRevised({ sri: 'V3-7', family: 'Quimby', given: 'Ramona', birth: '20110505', gender: 'F' }, { id: 'same-id' });
    expect((await call(xml)).status).toBe(200);
    const again = await call(xml);
    expect(again.status).toBe(200);
    expect(detailCode(bodyOf(again.text).MCCI_IN000002)).toBe(HCIM_CODES.rpDuplicateMessage.code);
  });

  it('with acceptAckCode AL and a call-back endpoint: Accepted (RP.0.0007) now, the Result delivered as SOAP', async () => {
    const receiver = await startReceiver();
    try {
      await request(sandbox.app).post('/admin/hcim/callbacks').send({ partner: 'demo', url: `${receiver.url}/hcim-results` });
      const res = await call(personRevised({ sri: 'V3-8', family: 'Quimby', given: 'Ramona', birth: '20110505', gender: 'F' }, { ack: 'AL' }));
      expect(res.status).toBe(200);
      const accepted = bodyOf(res.text).HCIM_IN_PersonRevisedAccepted;
      expect(accepted.acknowledgement['@_typeCode']).toBe('AA');
      expect(detailCode(accepted)).toBe(HCIM_CODES.rpAccepted.code);
      await sandbox.deps.delivery.idle();
      const [delivered] = receiver.received;
      expect(delivered!.url).toBe('/hcim-results');
      expect(delivered!.headers['content-type']).toMatch(/text\/xml/);
      const result = bodyOf(delivered!.body).HCIM_IN_PersonRevisedResult;
      expect(detailCode(result)).toBe(HCIM_CODES.rpNewPhn.code);
      expect(result.acknowledgement.targetMessage.id['@_extension']).toBe(`pr-${seq}`);
      // Both carry their code where the schema has it: controlActProcess/reasonCode (PRPA_IN101295BC and PRPA_IN101205CA).
      expect(accepted.controlActProcess).toMatchObject({ '@_classCode': 'CACT', '@_moodCode': 'EVN', reasonCode: { '@_code': HCIM_CODES.rpAccepted.code, originalText: HCIM_CODES.rpAccepted.text } });
      expect(result.controlActProcess.reasonCode).toMatchObject({ '@_code': HCIM_CODES.rpNewPhn.code, originalText: HCIM_CODES.rpNewPhn.text });
    } finally {
      await receiver.close();
    }
  });
});

describe('HL7v3 query codes', () => {
  const query = (interaction: string, payload: Record<string, unknown>) =>
    builder.build({
      'soap:Envelope': {
        '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/',
        'soap:Body': { [interaction]: { '@_xmlns': 'urn:hl7-org:v3', id: { '@_root': OID.messageId, '@_extension': `q-${++seq}` }, versionCode: { '@_code': 'V3PR1' }, controlActProcess: { queryByParameter: { queryByParameterPayload: payload } } } },
      },
    });
  const ack = (xml: string, name: string) => bodyOf(xml)[name].controlActProcess.queryAck;
  const gd = (root: string, extension: string) => query('HCIM_IN_GetDemographics', { 'person.id': { value: { '@_root': root, '@_extension': extension } } });

  it('answers a merged PHN with the survivor and GD.0.0015, an unknown one with GD.2.0018', async () => {
    const merged = await call(gd(OID.phn, PHN.merged));
    expect(ack(merged.text, 'HCIM_IN_GetDemographicsResponse').queryResponseCode['@_code']).toBe(queryResponseCodeOf(HCIM_CODES.gdMerged));
    expect(bodyOf(merged.text).HCIM_IN_GetDemographicsResponse.controlActProcess.subject[0].target.identifiedPerson.id['@_extension']).toBe(PHN.survivor);
    const unknown = await call(gd(OID.phn, '9000000089'));
    const a = ack(unknown.text, 'HCIM_IN_GetDemographicsResponse');
    expect(a.queryResponseCode['@_code']).toBe(queryResponseCodeOf(HCIM_CODES.gdNotFound));
    expect(a.resultTotalQuantity['@_value']).toBe('0');
  });

  it('answers an empty id@extension with GD.2.0006 naming SCH.2.5017', async () => {
    const res = await call(gd(OID.phn, ''));
    expect(res.status).toBe(200);
    expect(ack(res.text, 'HCIM_IN_GetDemographicsResponse').queryResponseCode['@_code']).toMatch(/^BCHCIM\.GD\.2\.0006\|.*BCHCIM\.SCH\.2\.5017/);
  });

  it('answers an incomplete search with FC.2.0006 and the schematron text of SCH.2.5107, and no match with FC.0.0018', async () => {
    const bad = await call(query('HCIM_IN_FindCandidates', { 'person.name': { value: { '@_use': 'L', family: 'Smith' } } }));
    expect(bad.status).toBe(200);
    expect(ack(bad.text, 'HCIM_IN_FindCandidatesResponse').queryResponseCode['@_code']).toMatch(/^BCHCIM\.FC\.2\.0006\|.*Results from Schematron validation/);
    const none = await call(query('HCIM_IN_FindCandidates', { 'person.name': { value: { '@_use': 'L', family: 'Zyxwvut' } }, 'person.birthTime': { value: { '@_value': '19990101' } } }));
    expect(ack(none.text, 'HCIM_IN_FindCandidatesResponse').queryResponseCode['@_code']).toBe(queryResponseCodeOf(HCIM_CODES.fcNoResults));
  });

  it('carries no acknowledgement in a query answer, and acceptAckCode NE on success, as HNWeb\'s samples', async () => {
    const msg = bodyOf((await call(gd(OID.phn, PHN.ordinary))).text).HCIM_IN_GetDemographicsResponse;
    expect(msg.acknowledgement).toBeUndefined();
    expect(msg.acceptAckCode).toEqual({ '@_code': 'NE' });
  });

  it('puts an error code in acceptAckCode (nullFlavor NA, code, code system, displayName) as well as in queryAck: empty PHN, no surname, not found', async () => {
    const empty = bodyOf((await call(gd(OID.phn, ''))).text).HCIM_IN_GetDemographicsResponse;
    expect(empty.acknowledgement).toBeUndefined();
    expect(empty.acceptAckCode).toMatchObject({ '@_nullFlavor': 'NA', '@_code': HCIM_CODES.gdInvalid.code, '@_codeSystem': 'HCIM', '@_codeSystemName': 'BC Client Identity Management System', '@_codeSystemVersion': '1' });
    expect(empty.acceptAckCode['@_displayName']).toMatch(/^Error: The HL7 message is invalid\..*BCHCIM\.SCH\.2\.5017/);
    const noSurname = bodyOf((await call(query('HCIM_IN_FindCandidates', { 'person.name': { value: { '@_use': 'L', given: 'Robert' } }, 'person.birthTime': { value: { '@_value': '19700412' } } }))).text).HCIM_IN_FindCandidatesResponse;
    expect(noSurname.acknowledgement).toBeUndefined();
    expect(noSurname.acceptAckCode['@_code']).toBe(HCIM_CODES.fcInvalid.code);
    expect(noSurname.acceptAckCode['@_displayName']).toContain(HCIM_CODES.schSearchCombination.code);
    const unknown = bodyOf((await call(gd(OID.phn, '9000000089'))).text).HCIM_IN_GetDemographicsResponse;
    expect(unknown.acknowledgement).toBeUndefined();
    expect(unknown.acceptAckCode['@_code']).toBe(HCIM_CODES.gdNotFound.code);
    expect(unknown.controlActProcess.queryAck.queryResponseCode['@_code']).toBe(queryResponseCodeOf(HCIM_CODES.gdNotFound));
  });

  it('writes queryResponseCode as HNWeb\'s samples do, "code | text" on a success or a warning and "code|text" on an error, so a client splitting on | (the death-date ESB\'s AckSystemResponseProvider) finds both', async () => {
    const responseCode = async (xml: string, name: string) => String(ack((await call(xml)).text, name).queryResponseCode['@_code']);
    const answers: Array<[string, string]> = [
      [await responseCode(gd(OID.phn, PHN.ordinary), 'HCIM_IN_GetDemographicsResponse'), `${HCIM_CODES.gdSuccess.code} | ${HCIM_CODES.gdSuccess.text}`],
      // GetDemographicsResponse_NonSurvivor.xml, word for word.
      [await responseCode(gd(OID.phn, PHN.merged), 'HCIM_IN_GetDemographicsResponse'), 'BCHCIM.GD.0.0015 | Warning: The identifier you used in the query has been merged. The surviving identifier was returned.'],
      [
        await responseCode(query('HCIM_IN_FindCandidates', { 'person.name': { value: { '@_use': 'L', family: 'Zyxwvut' } }, 'person.birthTime': { value: { '@_value': '19990101' } } }), 'HCIM_IN_FindCandidatesResponse'),
        `${HCIM_CODES.fcNoResults.code} | ${HCIM_CODES.fcNoResults.text}`,
      ],
      [await responseCode(gd(OID.phn, '9000000089'), 'HCIM_IN_GetDemographicsResponse'), `${HCIM_CODES.gdNotFound.code}|${HCIM_CODES.gdNotFound.text}`],
      // FindCandidatesResponse_Warning.xml, word for word.
      [String((queryAck(HCIM_CODES.fcMaxResults, 10) as { queryResponseCode: Record<string, string> }).queryResponseCode['@_code']), 'BCHCIM.FC.0.0017 | Warning: The maximum number of results were returned, and more may be available. Please refine your search criteria and try again.'],
    ];
    for (const [written, expected] of answers) {
      expect(written).toBe(expected);
      const parts = written.split('|');
      expect(parts[0]!.trim()).toMatch(/^BCHCIM\.(GD|FC)\.\d\.\d{4}$/);
      expect(parts[1]?.trim()).toBeTruthy();
    }
  });

  it("echoes the request's queryByParameterPayload directly under controlActProcess, after queryAck, on successes and errors alike, as every one of HNWeb's samples", async () => {
    const gdPayload = (phn: string) => ({ 'person.id': { value: { '@_root': OID.phn, '@_extension': phn, '@_assigningAuthorityName': 'MOH_CRS' } } });
    const fcPayload = (family?: string) => ({ 'person.name': { value: { '@_use': 'L', ...(family ? { family } : {}), given: 'Robert' } }, 'person.birthTime': { value: { '@_value': '19700412' } } });
    const cases: Array<[string, Record<string, unknown>]> = [
      ['HCIM_IN_GetDemographics', gdPayload(PHN.ordinary)],
      ['HCIM_IN_GetDemographics', gdPayload('9000000089')],
      ['HCIM_IN_GetDemographics', gdPayload('')],
      ['HCIM_IN_FindCandidates', fcPayload('Smith')],
      ['HCIM_IN_FindCandidates', fcPayload()],
    ];
    for (const [interaction, payload] of cases) {
      const res = await call(query(interaction, payload));
      const control = bodyOf(res.text)[`${interaction}Response`].controlActProcess;
      expect(control.queryByParameter, interaction).toBeUndefined();
      expect(control.queryByParameterPayload, interaction).toEqual(parser.parse(builder.build({ queryByParameterPayload: payload })).queryByParameterPayload);
      // PRPA_IN101102CA / PRPA_IN101104BC: subject, queryAck, then queryByParameterPayload.
      expect(res.text.indexOf('<queryAck')).toBeLessThan(res.text.indexOf('<queryByParameterPayload'));
    }
  });

  it('answers an unknown interaction and a non-SOAP body with SOAP faults (HTTP 500)', async () => {
    const unknown = await call(query('HCIM_IN_DeletePerson', {}));
    expect(unknown.status).toBe(500);
    expect(bodyOf(unknown.text).Fault.faultstring).toMatch(/Unsupported interaction HCIM_IN_DeletePerson/);
    const notSoap = await call('<hello/>');
    expect(notSoap.status).toBe(500);
    expect(bodyOf(notSoap.text).Fault.faultcode).toBe('soap:Client');
  });
});
