// Demographics no person has (a 25,000-letter surname, thousands of names) are refused at HCIM's boundary with the
// transaction's invalid-message code, over FHIR and HL7v3 alike, before the matcher compares or stores them.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { HCIM_FHIR_BODY_BYTES } from '../../src/hcim/fhir/operation.js';
import { OID, PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { MAX_DEMOGRAPHIC_ENTRIES, MAX_DEMOGRAPHIC_TEXT } from '../../src/hcim/services/demographic-rules.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, codeOf, diagnosticsOf, idsOf, motherOf, requestBundle } from './support/hcim-client.js';
import { useHcimSandbox } from './support/hcim-sandbox.js';

const hcim = useHcimSandbox();

const SRI = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-viha-cern-source-patient-id';
let mrn = 0;
const newcomer = (extra: Partial<fhir.Patient> = {}): fhir.Patient => ({
  resourceType: 'Patient',
  identifier: [{ system: SRI, value: `MRN-HOSTILE-${++mrn}` }],
  name: [{ use: 'official', family: 'Quentin', given: ['Lorna'] }],
  gender: 'female',
  birthDate: '1971-07-07',
  ...extra,
});
const letters = (n: number, first = 'A') => `${first}${'A'.repeat(n - 1)}`;
/** Distinct surnames (letters only, as a name must be). */
const surname = (i: number) => `Q${i.toString(26).replace(/[0-9a-p]/g, (c) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[parseInt(c, 26)]!)}`;
const names = (n: number): fhir.HumanName[] => [{ use: 'official', family: 'Quentin', given: ['Lorna'] }, ...Array.from({ length: n - 1 }, (_, i) => ({ family: surname(i), given: ['Lorna'] }))];

describe('HCIM FHIR: text no name or address line has', () => {
  it('refuses the 25,000-letter surname that exhausted the heap when searched one letter off (RP.2.0006, then FC.2.0006)', async () => {
    const add = await hcim.post('AddPatient', requestBundle(newcomer({ name: [{ use: 'official', family: letters(25_000), given: ['Lorna'] }] })));
    expect(add.status).toBe(400);
    expect(codeOf(add.body)).toBe(HCIM_CODES.rpInvalid.code);
    expect(diagnosticsOf(add.body)).toMatch(/25000 characters long; at most 200/);
    expect(diagnosticsOf(add.body).length).toBeLessThan(300);
    const find = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: letters(25_000, 'B'), given: ['Lorna'] }], birthDate: '1971-07-07' }));
    expect(find.status).toBe(400);
    expect(codeOf(find.body)).toBe(HCIM_CODES.fcInvalid.code);
  });

  it(`refuses a surname, a given name or an address line over ${MAX_DEMOGRAPHIC_TEXT} characters on every write and search`, async () => {
    const long = letters(MAX_DEMOGRAPHIC_TEXT + 1);
    const cases: Array<[string, Partial<fhir.Patient>]> = [
      ['surname', { name: [{ use: 'official', family: long, given: ['Lorna'] }] }],
      ['given name', { name: [{ use: 'official', family: 'Quentin', given: ['Lorna', long] }] }],
      ['address line', { address: [{ line: ['1 Main St', long], postalCode: 'V8V 1A1' }] }],
    ];
    for (const [what, extra] of cases) {
      for (const op of ['AddPatient', 'RevisePatient']) {
        const res = await hcim.post(op, requestBundle(newcomer(extra)));
        expect([what, op, res.status, codeOf(res.body)]).toEqual([what, op, 400, HCIM_CODES.rpInvalid.code]);
      }
      const update = await hcim.post('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }], ...extra }));
      expect([what, update.status, codeOf(update.body)]).toEqual([what, 400, HCIM_CODES.rpInvalid.code]);
      const find = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['Robert'] }], birthDate: '1970-04-12', ...extra }));
      expect([what, find.status, codeOf(find.body)]).toEqual([what, 400, HCIM_CODES.fcInvalid.code]);
    }
  });

  it(`keeps taking names and lines of up to ${MAX_DEMOGRAPHIC_TEXT} characters`, async () => {
    const res = await hcim.post('AddPatient', requestBundle(newcomer({ name: [{ use: 'official', family: letters(MAX_DEMOGRAPHIC_TEXT), given: ['Lorna'] }], address: [{ line: [letters(MAX_DEMOGRAPHIC_TEXT)] }] })));
    expect(res.status).toBe(200);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpNewPhn.code);
  });
});

describe('HCIM FHIR: every text and list inside the elements the registry keeps', () => {
  const long = letters(MAX_DEMOGRAPHIC_TEXT + 1);
  const many = Array.from({ length: MAX_DEMOGRAPHIC_ENTRIES + 1 }, (_, i) => `Part${String.fromCharCode(65 + (i % 26))}`);
  const cases: Array<[string, Partial<fhir.Patient>]> = [
    ['name[0].prefix[0]', { name: [{ use: 'official', family: 'Quentin', given: ['Lorna'], prefix: [long] }] }],
    ['name[0].text', { name: [{ use: 'official', family: 'Quentin', given: ['Lorna'], text: long }] }],
    ['name[0].given', { name: [{ use: 'official', family: 'Quentin', given: many }] }],
    ['address[0].city', { address: [{ line: ['1 Main St'], city: long }] }],
    ['address[0].postalCode', { address: [{ line: ['1 Main St'], postalCode: long }] }],
    ['address[0].line', { address: [{ line: many }] }],
    ['telecom[0].value', { telecom: [{ system: 'phone', value: long }] }],
    ['identifier[1].value', { identifier: [{ system: SRI, value: 'MRN-LONG' }, { system: 'urn:oid:2.16.840.1.113883.3.51.1.1.6.2', value: long }] }],
    ['communication[0].language.text', { communication: [{ language: { text: long } }] }],
  ];

  it(`refuses a text over ${MAX_DEMOGRAPHIC_TEXT} characters or a list over ${MAX_DEMOGRAPHIC_ENTRIES} entries anywhere in a name, address, telecom, identifier or communication, naming where`, async () => {
    for (const [where, extra] of cases) {
      const add = await hcim.post('AddPatient', requestBundle(newcomer(extra)));
      expect([where, add.status, codeOf(add.body)]).toEqual([where, 400, HCIM_CODES.rpInvalid.code]);
      expect(diagnosticsOf(add.body)).toContain(where);
      const find = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['Robert'] }], birthDate: '1970-04-12', ...extra }));
      expect([where, find.status, codeOf(find.body)]).toEqual([where, 400, HCIM_CODES.fcInvalid.code]);
    }
    expect(hcim.sandbox.deps.store.count('hcim.persons')).toBe(0);
  });

  it('keeps taking what a person has: a prefix, a city, a postal code, a telecom, a language', async () => {
    const res = await hcim.post('AddPatient', requestBundle(newcomer({ name: [{ use: 'official', family: 'Quentin', given: ['Lorna', 'May'], prefix: ['Dr'] }], address: [{ line: ['1 Main St'], city: 'Victoria', state: 'BC', postalCode: 'V8V 1A1', country: 'CA' }], telecom: [{ system: 'phone', value: '2505550100' }], communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'en' }] } }] })));
    expect(res.status).toBe(200);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpNewPhn.code);
  });
});

describe('HCIM: a refusal quotes at most the start of a long value', () => {
  // 4,000 characters: within the request's shape bound (4,096 a value), so the operation's own rules judge them.
  const huge = '9'.repeat(4_000);
  it('clips a 4,000-character name use or PHN in the diagnostics instead of echoing it whole', async () => {
    const answers = [
      await hcim.post('AddPatient', requestBundle(newcomer({ name: [{ use: huge as 'official', family: 'Quentin', given: ['Lorna'] }] }))),
      await hcim.post('GetDemographics', requestBundle(byPhn(huge))),
      await hcim.post('FindCandidates', requestBundle(motherOf(huge))),
    ];
    for (const res of answers) {
      expect(res.status).toBe(400);
      const diagnostics = diagnosticsOf(res.body);
      expect(diagnostics.length).toBeGreaterThan(20);
      expect(diagnostics.length).toBeLessThan(500);
      expect(diagnostics).toMatch(/4,?000 characters/);
    }
  });
});

describe('HCIM FHIR: more names, addresses, telecoms or identifiers than a person has', () => {
  const over = MAX_DEMOGRAPHIC_ENTRIES + 1;
  const lists: Array<[string, Partial<fhir.Patient>]> = [
    ['name', { name: names(over) }],
    ['address', { address: Array.from({ length: over }, (_, i) => ({ line: [`${i + 1} Main St`], postalCode: 'V8V 1A1' })) }],
    ['telecom', { telecom: Array.from({ length: over }, (_, i) => ({ system: 'phone' as const, value: `250555${String(i).padStart(4, '0')}` })) }],
  ];

  it(`refuses a Patient carrying more than ${MAX_DEMOGRAPHIC_ENTRIES} of any on add, revise, update and search`, async () => {
    const identifiers = { identifier: [{ system: SRI, value: 'MRN-MANY' }, ...Array.from({ length: MAX_DEMOGRAPHIC_ENTRIES }, (_, i) => ({ system: 'urn:oid:2.16.840.1.113883.3.51.1.1.6.2', value: `ALT-${i}` }))] };
    for (const [what, extra] of [...lists, ['identifier', identifiers] as [string, Partial<fhir.Patient>]]) {
      for (const op of ['AddPatient', 'RevisePatient']) {
        const res = await hcim.post(op, requestBundle(newcomer(extra)));
        expect([what, op, res.status, codeOf(res.body)]).toEqual([what, op, 400, HCIM_CODES.rpInvalid.code]);
        expect(diagnosticsOf(res.body)).toContain(`at most ${MAX_DEMOGRAPHIC_ENTRIES}`);
      }
      const update = await hcim.post('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }], gender: 'male', ...extra }));
      expect([what, update.status, codeOf(update.body)]).toEqual([what, 400, HCIM_CODES.rpInvalid.code]);
      const find = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['Robert'] }], birthDate: '1970-04-12', ...extra }));
      expect([what, find.status, codeOf(find.body)]).toEqual([what, 400, HCIM_CODES.fcInvalid.code]);
    }
  });

  it('refuses the 50,000-name $AddPatient that slowed every later search unread (a body over HCIM FHIR\'s limit), and answers the next search as before', async () => {
    const body = requestBundle(newcomer({ name: names(50_000) }));
    expect(JSON.stringify(body).length).toBeGreaterThan(HCIM_FHIR_BODY_BYTES);
    const res = await hcim.post('AddPatient', body);
    expect(res.status).toBe(413);
    expect(diagnosticsOf(res.body)).toContain(`larger than the ${HCIM_FHIR_BODY_BYTES / 1024} KB limit`);
    // Under the body limit, the entries bound refuses it.
    const within = await hcim.post('AddPatient', requestBundle(newcomer({ name: names(5_000) })));
    expect(within.status).toBe(400);
    expect(codeOf(within.body)).toBe(HCIM_CODES.rpInvalid.code);
    expect(diagnosticsOf(within.body)).toMatch(/5000 names; at most 20/);
    expect(hcim.sandbox.deps.store.count('hcim.persons')).toBe(0);
    const find = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['Robert'] }], birthDate: '1970-04-12' }));
    expect(codeOf(find.body)).toBe(HCIM_CODES.fcSuccess.code);
  });

  it('refuses a search by 4,000 names (each name widened the blocking and multiplied the scoring)', async () => {
    const res = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: names(4_000), address: [{ postalCode: 'V5Z 1M9' }] }));
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe(HCIM_CODES.fcInvalid.code);
  });

  it(`keeps searching and adding with ${MAX_DEMOGRAPHIC_ENTRIES} of each`, async () => {
    const find = await hcim.post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['Robert'] }, ...names(MAX_DEMOGRAPHIC_ENTRIES - 1)], birthDate: '1970-04-12' }));
    expect(codeOf(find.body)).toBe(HCIM_CODES.fcSuccess.code);
    expect(idsOf(find.body)).toContain(PHN.ordinary);
    const add = await hcim.post('AddPatient', requestBundle(newcomer({ name: names(MAX_DEMOGRAPHIC_ENTRIES) })));
    expect(codeOf(add.body)).toBe(HCIM_CODES.rpNewPhn.code);
  });
});

describe('HCIM HL7v3: the same refusals in HL7v3 (a PersonRevisedNak, a query error in acceptAckCode)', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });
  let seq = 0;
  const envelope = (interaction: string, controlActProcess: Record<string, unknown>) =>
    builder.build({
      'soap:Envelope': {
        '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/',
        'soap:Body': { [interaction]: { '@_xmlns': 'urn:hl7-org:v3', id: { '@_root': OID.messageId, '@_extension': `hostile-${++seq}` }, interactionId: { '@_root': OID.interactionId, '@_extension': interaction }, controlActProcess } },
      },
    });
  const personRevised = (person: { names: Array<{ family: string; given: string }>; telecoms?: number }) =>
    envelope('HCIM_IN_PersonRevised', {
      '@_classCode': 'CACT',
      '@_moodCode': 'EVN',
      dataEnterer: { assignedPerson: { id: { '@_root': OID.user, '@_extension': 'tester@IDIR' } } },
      subject: {
        registrationEvent: {
          subject1: {
            identifiedPerson: {
              id: { '@_root': OID.sourceRecord, '@_extension': `V3-HOSTILE-${seq}`, '@_assigningAuthorityName': 'VIHA-CERN' },
              telecom: Array.from({ length: person.telecoms ?? 0 }, (_, i) => ({ '@_use': 'H', '@_value': `tel:250555${String(i).padStart(4, '0')}` })),
              identifiedPerson: { name: person.names.map((n) => ({ '@_use': 'L', given: n.given, family: n.family })), administrativeGenderCode: { '@_code': 'F' }, birthTime: { '@_value': '19710707' } },
            },
          },
        },
      },
    });
  const findCandidates = (payload: Record<string, unknown>) => envelope('HCIM_IN_FindCandidates', { '@_classCode': 'ACCM', '@_moodCode': 'EVN', queryByParameter: { queryByParameterPayload: payload } });
  const call = async (xml: string) => {
    const res = await request(hcim.sandbox.app).post('/hcim/soap').set('Content-Type', 'text/xml').send(xml);
    expect(res.status).toBe(200);
    return parser.parse(res.text).Envelope.Body;
  };
  type Ack = { acknowledgement?: { '@_typeCode': string; acknowledgementDetail: { code: Record<string, string> } }; acceptAckCode: Record<string, string> };
  /** The answer's interaction, where its BCHCIM code is (the acknowledgement's type, or a query's acceptAckCode) and the code. */
  const answerOf = (body: Record<string, Ack>) => {
    const [name, msg] = Object.entries(body).find(([k]) => k.startsWith('HCIM_IN_') || k === 'MCCI_IN000002')!;
    if (!msg.acknowledgement) return [name, 'acceptAckCode', msg.acceptAckCode['@_code']];
    return [name, msg.acknowledgement['@_typeCode'], msg.acknowledgement.acknowledgementDetail.code['@_code']];
  };

  it('rejects a PersonRevised with a 4,000-letter surname (within the 4,096-character XML value bound): RP.2.0006', async () => {
    const body = await call(personRevised({ names: [{ family: letters(4_000), given: 'Lorna' }] }));
    expect(answerOf(body)).toEqual(['MCCI_IN000002', 'CA', HCIM_CODES.rpInvalid.code]);
    expect(body.MCCI_IN000002.acknowledgement.acknowledgementDetail.code['@_displayName']).toMatch(/4000 characters long; at most 200/);
  });

  it(`rejects a PersonRevised with more than ${MAX_DEMOGRAPHIC_ENTRIES} names or telecoms: RP.2.0006`, async () => {
    const many = names(MAX_DEMOGRAPHIC_ENTRIES + 1).map((n) => ({ family: n.family!, given: n.given![0]! }));
    expect(answerOf(await call(personRevised({ names: many })))).toEqual(['MCCI_IN000002', 'CA', HCIM_CODES.rpInvalid.code]);
    const telecoms = personRevised({ names: [{ family: 'Quentin', given: 'Lorna' }], telecoms: MAX_DEMOGRAPHIC_ENTRIES + 1 });
    expect(answerOf(await call(telecoms))).toEqual(['MCCI_IN000002', 'CA', HCIM_CODES.rpInvalid.code]);
    expect(hcim.sandbox.deps.store.count('hcim.persons')).toBe(0);
  });

  it('answers a FindCandidates with a 4,000-letter surname or too many telecoms with FC.2.0006', async () => {
    const longName = await call(findCandidates({ 'person.name': { value: { family: letters(4_000), given: 'Lorna' } }, 'person.birthTime': { value: { '@_value': '19710707' } } }));
    expect(answerOf(longName)).toEqual(['HCIM_IN_FindCandidatesResponse', 'acceptAckCode', HCIM_CODES.fcInvalid.code]);
    const telecoms = Array.from({ length: MAX_DEMOGRAPHIC_ENTRIES + 1 }, (_, i) => ({ value: { '@_value': `tel:250555${String(i).padStart(4, '0')}` } }));
    const manyPhones = await call(findCandidates({ 'person.name': { value: { family: 'Smith', given: 'Robert' } }, 'person.telecom': telecoms }));
    expect(answerOf(manyPhones)).toEqual(['HCIM_IN_FindCandidatesResponse', 'acceptAckCode', HCIM_CODES.fcInvalid.code]);
  });

  it('still adds an ordinary person over HL7v3 (AA, RP.0.0000)', async () => {
    const body = await call(personRevised({ names: [{ family: 'Quentin', given: 'Lorna' }], telecoms: 2 }));
    expect(answerOf(body)).toEqual(['HCIM_IN_PersonRevisedResult', 'AA', HCIM_CODES.rpNewPhn.code]);
  });
});
