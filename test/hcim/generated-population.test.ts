// HCIM over the generated population's named fixtures (merged, deceased, confidential, newborn + mother, duplicate pair), FHIR and SOAP.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { queryResponseCodeOf } from '../../src/hcim/soap/v3-write.js';
import { queryOf } from '../../src/hcim/evaluate.js';
import { OID, PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { createHcimSystem } from '../../src/hcim/index.js';
import type { NamedFixtures } from '../../src/population/types.js';
import { createTestSandbox } from '../support/sandbox.js';
import { byPhn, codeOf, createHcimClient, idsOf, motherOf, patientEntries, patientsOf, requestBundle, type HcimPost } from './support/hcim-client.js';

let sandbox: Sandbox;
let post: HcimPost;
let fx: NamedFixtures;
beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [createHcimSystem] });
  fx = sandbox.deps.population.fixtures;
  const token = await sandbox.deps.issuer.issue({ sub: 'demo-pos', azp: 'demo-pos', aud: ['plr', 'hcim'], partner: 'demo' }, 3600);
  post = createHcimClient(sandbox, { token });
});
afterAll(async () => sandbox.close());

const gd = async (phn: string) => (await post('GetDemographics', requestBundle(byPhn(phn)))).body;
const SRI = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-iha-iha-source-patient-id';

describe('HCIM FHIR on the generated population', () => {
  it('requires a bearer token (401 OperationOutcome without one)', async () => {
    const res = await request(sandbox.app).post('/hcim/fhir/Patient/$GetDemographics').set('UserId', 'x@IDIR').send(requestBundle(byPhn(fx.ordinaryPatientPhn)));
    expect(res.status).toBe(401);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  it('returns the ordinary patient with GD.0.0013 and the generated name', async () => {
    const body = await gd(fx.ordinaryPatientPhn);
    expect(codeOf(body)).toBe(HCIM_CODES.gdSuccess.code);
    expect(patientsOf(body)[0]!.name?.[0]?.family).toBe(sandbox.deps.population.clientByPhn(fx.ordinaryPatientPhn)!.patient.name?.[0]?.family);
  });

  it('resolves the merged fixture PHN to the survivor with GD.0.0015', async () => {
    const body = await gd(fx.mergedPhn);
    expect(codeOf(body)).toBe(HCIM_CODES.gdMerged.code);
    expect(idsOf(body)).toEqual([fx.survivorPhn]);
    expect(patientsOf(body)[0]!.identifier?.find((i) => i.value === fx.mergedPhn)?.extension?.[0]?.valueCode).toBe('merged');
  });

  it('returns the deceased fixture with its death date, and refuses to revise it (RP.2.0016)', async () => {
    const p = patientsOf(await gd(fx.deceasedPhn))[0]!;
    expect(p.deceasedDateTime).toMatch(/^\d{4}-\d{2}-\d{2}/);
    const revise = await post('RevisePatient', requestBundle({ ...sandbox.deps.population.clientByPhn(fx.deceasedPhn)!.patient, identifier: [{ system: PHN_SYSTEM, value: fx.deceasedPhn }, { system: SRI, value: 'D-1' }] }));
    expect(revise.status).toBe(422);
    expect(codeOf(revise.body)).toBe(HCIM_CODES.rpDeceased.code);
  });

  it('masks the confidential fixture with data-absent-reason masked', async () => {
    const p = patientsOf(await gd(fx.confidentialPhn))[0]!;
    expect(p.birthDate).toBeUndefined();
    expect(p._birthDate?.extension?.[0]).toEqual({ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' });
    expect(p.name?.every((n) => n.family === undefined && n.extension?.[0]?.valueCode === 'masked')).toBe(true);
  });

  it("finds the newborn by the mother's PHN, and registers a sibling against her (RP.0.0000, NEWBORN)", async () => {
    const found = await post('FindCandidates', requestBundle(motherOf(fx.motherPhn)));
    expect(idsOf(found.body)).toContain(fx.newbornPhn);
    const mother = sandbox.deps.population.clientByPhn(fx.motherPhn)!.patient;
    const baby: fhir.Patient = { resourceType: 'Patient', identifier: [{ system: SRI, value: 'NB-1' }], name: [{ use: 'official', family: mother.name![0]!.family, given: ['Baby'] }], gender: 'male', birthDate: '2026-03-01' };
    const added = await post('AddPatient', requestBundle([baby, motherOf(fx.motherPhn)]));
    expect(codeOf(added.body)).toBe(HCIM_CODES.rpNewPhn.code);
    const again = await post('FindCandidates', requestBundle(motherOf(fx.motherPhn)));
    expect(idsOf(again.body)).toEqual(expect.arrayContaining([fx.newbornPhn, patientsOf(added.body)[0]!.id!]));
  });

  it("refuses a newborn with both PHNs (RP.2.0534), an unknown mother (RP.2.0022), and warns for a merged mother's PHN (RP.1.0023)", async () => {
    const baby = (mrn: string, extra: Partial<fhir.Patient> = {}): fhir.Patient => ({ resourceType: 'Patient', identifier: [{ system: SRI, value: mrn }], name: [{ family: 'Lee', given: ['Baby'] }], gender: 'female', birthDate: '2026-03-01', ...extra });
    const both = await post('AddPatient', requestBundle([baby('NB-2', { identifier: [{ system: SRI, value: 'NB-2' }, { system: PHN_SYSTEM, value: fx.ordinaryPatientPhn }] }), motherOf(fx.motherPhn)]));
    expect(codeOf(both.body)).toBe(HCIM_CODES.rpNewbornBothPhns.code);
    const unknown = await post('AddPatient', requestBundle([baby('NB-3'), motherOf('9000000089')]));
    expect(codeOf(unknown.body)).toBe(HCIM_CODES.rpMothersPhnRejected.code);
    const merged = await post('AddPatient', requestBundle([baby('NB-4'), motherOf(fx.mergedPhn)]));
    expect(codeOf(merged.body)).toBe(HCIM_CODES.rpNewPhn.code);
    expect(JSON.stringify(merged.body)).toContain(HCIM_CODES.rpMotherMerged.code);
  });

  it('finds the original of the duplicate pair from the variant record, with a raw score above 1', async () => {
    const [original, variant] = fx.duplicatePair;
    const res = await post('FindCandidates', requestBundle(queryOf(sandbox.deps.population.clientByPhn(variant)!.patient, 'full')));
    expect(codeOf(res.body)).toBe(HCIM_CODES.fcSuccess.code);
    const entry = patientEntries(res.body).find((e) => e.resource?.id === original)!;
    expect(entry.search?.mode).toBe('match');
    expect(entry.search!.score!).toBeGreaterThan(1);
  });

  it('reports the duplicate pair as ambiguous on add (RP.0.0002), and links to the survivor once they are merged (RP.0.0001)', async () => {
    const [original, variant] = fx.duplicatePair;
    const person = sandbox.deps.population.clientByPhn(original)!.patient;
    const add = (mrn: string) => post('AddPatient', requestBundle({ ...queryOf(person, 'full'), identifier: [{ system: SRI, value: mrn }], name: [{ use: 'official', family: person.name![0]!.family, given: person.name![0]!.given }] }));
    const ambiguous = await add('DUP-1');
    expect(codeOf(ambiguous.body)).toBe(HCIM_CODES.rpAmbiguous.code);
    expect(patientsOf(ambiguous.body)).toHaveLength(0);
    const merge = await post('MergePatient', requestBundle({ ...byPhn(original), link: [{ type: 'replaces', other: { identifier: { system: PHN_SYSTEM, value: variant } } }] }));
    expect(codeOf(merge.body)).toBe(HCIM_CODES.pmSuccess.code);
    const linked = await add('DUP-2');
    expect(codeOf(linked.body)).toBe(HCIM_CODES.rpExistingPhn.code);
    expect(patientsOf(linked.body)[0]!.id).toBe(original);
  });

  it('answers FC.0.0017 with the maximum of 10 candidates when more fit', async () => {
    const GIVEN = ['Olivia', 'Liam', 'Noah', 'Amelia', 'Mateo', 'Zara', 'Hugo', 'Iris', 'Felix', 'Nadia', 'Oscar'];
    for (let i = 0; i < 11; i++) {
      const sibling: fhir.Patient = { resourceType: 'Patient', identifier: [{ system: SRI, value: `SIB-${i}` }], name: [{ use: 'official', family: 'Vandersloot', given: [GIVEN[i]!] }], gender: i % 2 ? 'male' : 'female', birthDate: '1999-09-09' };
      expect(codeOf((await post('AddPatient', requestBundle(sibling))).body)).toBe(HCIM_CODES.rpNewPhn.code);
    }
    const res = await post('FindCandidates', requestBundle({ resourceType: 'Patient', name: [{ family: 'Vandersloot' }], birthDate: '1999-09-09' }));
    expect(codeOf(res.body)).toBe(HCIM_CODES.fcMaxResults.code);
    expect(patientsOf(res.body)).toHaveLength(10);
  });
});

describe('HCIM SOAP on the generated population', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });
  let seq = 0;
  const gdXml = (phn: string) =>
    builder.build({
      'soap:Envelope': {
        '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/',
        'soap:Body': { HCIM_IN_GetDemographics: { '@_xmlns': 'urn:hl7-org:v3', id: { '@_root': OID.messageId, '@_extension': `gen-${++seq}` }, versionCode: { '@_code': 'V3PR1' }, controlActProcess: { queryByParameter: { queryByParameterPayload: { 'person.id': { value: { '@_root': OID.phn, '@_extension': phn } } } } } } },
      },
    });
  const soap = async (phn: string) => {
    const token = await sandbox.deps.issuer.issue({ sub: 'demo-pos', azp: 'demo-pos', aud: ['plr', 'hcim'], partner: 'demo' }, 3600);
    const res = await request(sandbox.app).post('/hcim/soap').set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/xml').send(gdXml(phn));
    return parser.parse(res.text).Envelope.Body.HCIM_IN_GetDemographicsResponse.controlActProcess;
  };

  it('masks the confidential fixture with nullFlavor MSK and flags the deceased one', async () => {
    const masked = (await soap(fx.confidentialPhn)).subject.target;
    expect(masked.identifiedPerson.birthTime['@_nullFlavor']).toBe('MSK');
    expect(masked.addr['@_nullFlavor']).toBe('MSK');
    const dead = (await soap(fx.deceasedPhn)).subject.target.identifiedPerson;
    expect(dead.deceasedInd['@_value']).toBe('true');
    expect(dead.id['@_displayable']).toBe('true');
    expect(dead.deceasedTime['@_value']).toMatch(/^\d{8}$/);
  });

  it('answers a call without a bearer token with a SOAP fault over HTTP 500', async () => {
    const res = await request(sandbox.app).post('/hcim/soap').set('Content-Type', 'text/xml').send(gdXml(fx.ordinaryPatientPhn));
    expect(res.status).toBe(500);
    expect(parser.parse(res.text).Envelope.Body.Fault.faultcode).toBe('soap:Client');
  });

  it('answers the merged fixture with the survivor and GD.0.0015', async () => {
    const cap = await soap(fx.mergedPhn);
    expect(cap.queryAck.queryResponseCode['@_code']).toBe(queryResponseCodeOf(HCIM_CODES.gdMerged));
    expect(cap.subject.target.identifiedPerson.id['@_extension']).toBe(fx.survivorPhn);
  });
});
