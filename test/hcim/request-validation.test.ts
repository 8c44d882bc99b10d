// Request-shape errors get the transaction's invalid-message code and say what is wrong; source identifiers are per partner.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { assertValidFhir } from '../support/fhir-schema.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, codeOf, createHcimClient, diagnosticsOf, patientsOf, requestBundle } from './support/hcim-client.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';

let sandbox: Sandbox;
beforeEach(async () => void (sandbox = await createHcimSandbox({ auth: true })));
afterEach(async () => sandbox.close());

const tokenFor = (partner: string) => sandbox.deps.issuer.issue({ sub: `${partner}-pos`, azp: `${partner}-pos`, aud: ['plr', 'hcim'], partner }, 3600);
const asPartner = async (partner: string) => createHcimClient(sandbox, { token: await tokenFor(partner) });
const meta = (messageId?: string): fhir.BundleEntry => ({ resource: { resourceType: 'Parameters', parameter: messageId === undefined ? [] : [{ name: 'messageId', valueString: messageId }] } });

describe('HCIM request validation', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['a JSON array', [1, 2], /must be a FHIR Bundle/],
    ['a Patient instead of a Bundle', { resourceType: 'Patient' }, /must be a Bundle, not Patient/],
    ['a transaction Bundle', { resourceType: 'Bundle', type: 'transaction', entry: [] }, /type "collection", not "transaction"/],
    ['a Bundle with one entry', { resourceType: 'Bundle', type: 'collection', entry: [meta('a')] }, /at least two entries/],
    ['no MetadataParametersIn first', { resourceType: 'Bundle', type: 'collection', entry: [{ resource: byPhn(PHN.ordinary) }, meta('b')] }, /entry\[0\] must be the MetadataParametersIn/],
    ['no messageId', { resourceType: 'Bundle', type: 'collection', entry: [meta(), { resource: byPhn(PHN.ordinary) }] }, /non-empty "messageId"/],
    ['an entry without a resource', { resourceType: 'Bundle', type: 'collection', entry: [meta('c'), { fullUrl: 'urn:uuid:x' }] }, /entry\[1\] has no resource/],
    ['two Patients', { resourceType: 'Bundle', type: 'collection', entry: [meta('d'), { resource: byPhn(PHN.ordinary) }, { resource: byPhn(PHN.twin) }] }, /only one Patient/],
    ['an Observation', { resourceType: 'Bundle', type: 'collection', entry: [meta('e'), { resource: { resourceType: 'Observation', status: 'final', code: {} } }] }, /Observation is not allowed/],
    ['Parameters without operationBundle', { resourceType: 'Parameters', parameter: [{ name: 'bundle' }] }, /parameter named "operationBundle"/],
    ['an identifier of an unknown system', requestBundle({ resourceType: 'Patient', identifier: [{ system: 'urn:oid:1.2.3', value: '1' }] }), /Unknown identifier system/],
    ['a GetDemographics without an identifier', requestBundle({ resourceType: 'Patient' }), /needs the Patient identifier/],
  ];
  for (const [what, body, message] of cases) {
    it(`answers ${what} with 400, GD.2.0006 and a message saying what is wrong`, async () => {
      const res = await (await asPartner('demo'))('GetDemographics', body);
      expect(res.status).toBe(400);
      expect(codeOf(res.body)).toBe(HCIM_CODES.gdInvalid.code);
      expect(diagnosticsOf(res.body)).toMatch(message);
    });
  }

  it('uses FC.2.0006 and RP.2.0006 for the other transactions', async () => {
    const post = await asPartner('demo');
    expect(codeOf((await post('FindCandidates', { resourceType: 'Bundle', type: 'batch' })).body)).toBe(HCIM_CODES.fcInvalid.code);
    expect(codeOf((await post('AddPatient', { resourceType: 'Bundle', type: 'batch' })).body)).toBe(HCIM_CODES.rpInvalid.code);
    const both = await post('FindCandidates', requestBundle([{ resourceType: 'Patient', name: [{ family: 'Patel' }], birthDate: '1992-03-15' }, { resourceType: 'RelatedPerson', patient: {}, identifier: [{ system: PHN_SYSTEM, value: PHN.mother }] }]));
    expect(diagnosticsOf(both.body)).toMatch(/invariant-fc-1/);
  });

  it('answers a non-JSON body with 415 and a missing token with 401, both OperationOutcomes', async () => {
    const xml = await request(sandbox.app).post('/hcim/fhir/Patient/$GetDemographics').set('Authorization', `Bearer ${await tokenFor('demo')}`).set('Content-Type', 'text/plain').send('hello');
    expect(xml.status).toBe(415);
    assertValidFhir(xml.body);
    const anon = await request(sandbox.app).post('/hcim/fhir/Patient/$GetDemographics').send(requestBundle(byPhn(PHN.ordinary)));
    expect(anon.status).toBe(401);
    assertValidFhir(anon.body);
  });

  it('refuses other RESTful interactions with a not-supported outcome naming the operations', async () => {
    for (const [method, path] of [['get', '/Patient?family=Smith'], ['put', `/Patient/${PHN.ordinary}`], ['delete', `/Patient/${PHN.ordinary}`]] as const) {
      const res = await request(sandbox.app)[method](`/hcim/fhir${path}`).set('Authorization', `Bearer ${await tokenFor('demo')}`).set('Content-Type', 'application/fhir+json').send('{}');
      expect(res.status).toBe(405);
      assertValidFhir(res.body);
      expect(res.body.issue[0].diagnostics).toMatch(/\$GetDemographics, \$FindCandidates/);
    }
  });
});

describe('HCIM source identifiers per partner', () => {
  const SRI = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-viha-cern-source-patient-id';
  const snapshot: fhir.Patient = { resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }, { system: SRI, value: 'MRN-77' }], name: [{ use: 'official', family: 'Smith', given: ['Robert'] }], gender: 'male', birthDate: '1970-04-12' };

  it("lets only the partner that filed an SRI update through it, while anyone can look it up", async () => {
    const alpha = await asPartner('alpha');
    const beta = await asPartner('beta');
    expect(codeOf((await alpha('RevisePatient', requestBundle(snapshot))).body)).toBe(HCIM_CODES.rpExistingPhn.code);
    const update = { resourceType: 'Patient', identifier: [{ system: SRI, value: 'MRN-77' }], gender: 'male' } as fhir.Patient;
    expect(codeOf((await alpha('UpdatePatient', requestBundle(update))).body)).toBe(HCIM_CODES.rpExistingPhn.code);
    const refused = await beta('UpdatePatient', requestBundle(update));
    expect([refused.status, codeOf(refused.body)]).toEqual([422, HCIM_CODES.rpInvalidPhn.code]);
    const found = await beta('GetDemographics', requestBundle({ resourceType: 'Patient', identifier: [{ system: SRI, value: 'MRN-77' }] }));
    const sri = patientsOf(found.body)[0]!.identifier!.find((i) => i.system === SRI)!;
    expect(sri.extension?.find((e) => e.url.endsWith('bc-sourceId-extension'))?.extension?.[0]?.valueString).toBe('alpha');
  });

  it('keeps message ids per partner: the same id from two partners is not a duplicate', async () => {
    const add = (source: string, mrn: string) =>
      requestBundle({ resourceType: 'Patient', identifier: [{ system: `https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-${source}-emr-source-patient-id`, value: mrn }], name: [{ use: 'official', family: 'Okonkwo', given: ['Ada'] }], gender: 'female', birthDate: '2003-03-03' }, [], 'shared-id');
    expect((await (await asPartner('alpha'))('AddPatient', add('alpha', 'A-1'))).status).toBe(200);
    expect((await (await asPartner('beta'))('AddPatient', add('beta', 'B-1'))).status).toBe(200);
    const again = await (await asPartner('beta'))('AddPatient', add('beta', 'B-2'));
    expect([again.status, codeOf(again.body)]).toEqual([409, HCIM_CODES.rpDuplicateMessage.code]);
  });
});
