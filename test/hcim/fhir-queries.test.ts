// $GetDemographics and $FindCandidates over FHIR against the fixture population.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { EXT, PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { assertValidFhir } from '../support/fhir-schema.js';
import { PHN } from './support/fixture-population.js';
import { codeOf as outcomeCode, codesOf, createHcimClient, diagnosticsOf, patientEntries, requestBundle as build } from './support/hcim-client.js';
import { createHcimSandbox } from './support/hcim-sandbox.js';

let sandbox: Sandbox;
beforeEach(async () => void (sandbox = await createHcimSandbox()));
afterEach(async () => sandbox.close());

const requestBundle = (resource: fhir.FhirResource, params: fhir.ParametersParameter[] = []) => build(resource, params);
const byPhn = (phn: string): fhir.Patient => ({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }] });
const post = (op: string, body: unknown) => createHcimClient(sandbox)(op, body);
const codeOf = (b: fhir.Bundle) => outcomeCode(b);
const patients = (b: fhir.Bundle) => patientEntries(b);

describe('HCIM $GetDemographics', () => {
  it('returns the client with BCHCIM.GD.0.0013 and the official PHN identifier', async () => {
    const res = await post('GetDemographics', requestBundle(byPhn(PHN.ordinary)));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('searchset');
    expect(codeOf(res.body)).toBe(HCIM_CODES.gdSuccess.code);
    const p = patients(res.body)[0]!.resource as fhir.Patient;
    expect(p.identifier?.[0]).toMatchObject({ system: PHN_SYSTEM, value: PHN.ordinary, use: 'official' });
    expect(p.name?.[0]?.family).toBe('Smith');
  });

  it('returns the survivor with the merge warning for a merged PHN', async () => {
    const res = await post('GetDemographics', requestBundle(byPhn(PHN.merged)));
    expect(codeOf(res.body)).toBe(HCIM_CODES.gdMerged.code);
    expect((patients(res.body)[0]!.resource as fhir.Patient).id).toBe(PHN.survivor);
  });

  it('marks each identifier active or merged with the identifier status extension as a valueCode, as the IG defines it', async () => {
    const res = await post('GetDemographics', requestBundle(byPhn(PHN.merged)));
    const identifiers = (patients(res.body)[0]!.resource as fhir.Patient).identifier ?? [];
    const statusOf = (phn: string) => identifiers.find((i) => i.value === phn)?.extension?.find((e) => e.url === EXT.identifierStatus);
    expect(statusOf(PHN.survivor)).toEqual({ url: EXT.identifierStatus, valueCode: 'active' });
    expect(statusOf(PHN.merged)).toEqual({ url: EXT.identifierStatus, valueCode: 'merged' });
  });

  it('answers BCHCIM.GD.2.0018 with no Patient for an unknown valid PHN', async () => {
    const res = await post('GetDemographics', requestBundle(byPhn('9000000089')));
    expect(res.status).toBe(200);
    expect(codeOf(res.body)).toBe(HCIM_CODES.gdNotFound.code);
    expect(patients(res.body)).toHaveLength(0);
  });

  it('refuses a PHN failing the check digit with GD.2.0006 and BRV.2.0003', async () => {
    const res = await post('GetDemographics', requestBundle(byPhn('9999999999')));
    expect(res.status).toBe(400);
    const codes = (res.body as unknown as fhir.OperationOutcome).issue.map((i) => i.details?.coding?.[0]?.code);
    expect(codes).toEqual([HCIM_CODES.gdInvalid.code, HCIM_CODES.brvChecksum.code]);
  });

  it('masks a confidential client with data-absent-reason masked', async () => {
    const res = await post('GetDemographics', requestBundle(byPhn(PHN.confidential)));
    const p = patients(res.body)[0]!.resource as fhir.Patient;
    expect(p.birthDate).toBeUndefined();
    expect(p._birthDate?.extension?.[0]?.valueCode).toBe('masked');
    expect(p.name?.[0]?.family).toBeUndefined();
  });

  it('returns only identifiers when identifiersOnly is true', async () => {
    const res = await post('GetDemographics', requestBundle(byPhn(PHN.ordinary), [{ name: 'identifiersOnly', valueBoolean: true }]));
    const p = patients(res.body)[0]!.resource as fhir.Patient;
    expect(p.identifier).toHaveLength(1);
    expect(p.name).toBeUndefined();
  });

  it('accepts the Bundle wrapped in Parameters.operationBundle', async () => {
    const res = await post('GetDemographics', { resourceType: 'Parameters', parameter: [{ name: 'operationBundle', resource: requestBundle(byPhn(PHN.ordinary)) }] });
    expect(codeOf(res.body)).toBe(HCIM_CODES.gdSuccess.code);
  });

  it('answers a query sent again with the same messageId again: only writes have a duplicate-id rule (RP.2.0032)', async () => {
    const gd = requestBundle(byPhn(PHN.ordinary));
    const fc = requestBundle({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['Robert'] }], birthDate: '1970-04-12' });
    for (const [operation, body, code] of [['GetDemographics', gd, HCIM_CODES.gdSuccess.code], ['FindCandidates', fc, HCIM_CODES.fcSuccess.code]] as const) {
      for (const attempt of [1, 2]) {
        const res = await post(operation, body);
        expect([operation, attempt, res.status, codeOf(res.body)]).toEqual([operation, attempt, 200, code]);
      }
    }
  });

  it('refuses a messageId longer than 256 characters with the invalid-message code, and remembers none', async () => {
    // A write's accepted id is kept to refuse a replay, and every operation checks the id alike: its length is client input.
    const before = sandbox.deps.store.count('hcim.messages');
    const res = await post('GetDemographics', build(byPhn(PHN.ordinary), [], 'm'.repeat(257)));
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe(HCIM_CODES.gdInvalid.code);
    expect(diagnosticsOf(res.body)).toContain('257 characters long; at most 256');
    expect(sandbox.deps.store.count('hcim.messages')).toBe(before);
    expect((await post('GetDemographics', build(byPhn(PHN.ordinary), [], 'm'.repeat(256)))).status).toBe(200);
  });

  it('refuses plain RESTful reads with a not-supported outcome', async () => {
    const res = await request(sandbox.app).get(`/hcim/fhir/Patient/${PHN.ordinary}`);
    expect(res.status).toBe(405);
    expect(res.body.issue[0].code).toBe('not-supported');
  });
});

describe('HCIM $FindCandidates', () => {
  const example = (p: Partial<fhir.Patient>): fhir.Patient => ({ resourceType: 'Patient', ...p });

  it('finds a client by surname and birth date with a raw score and FC.0.0012', async () => {
    const res = await post('FindCandidates', requestBundle(example({ name: [{ family: 'Smith', given: ['Robert'] }], birthDate: '1970-04-12' })));
    expect(codeOf(res.body)).toBe(HCIM_CODES.fcSuccess.code);
    const first = patients(res.body)[0]!;
    expect((first.resource as fhir.Patient).id).toBe(PHN.ordinary);
    expect(first.search?.score).toBeGreaterThan(1);
  });

  it('matches a nickname, a spelling variant and a transposed birth date', async () => {
    const res = await post('FindCandidates', requestBundle(example({ name: [{ family: 'Smyth', given: ['Bob'] }], birthDate: '1970-04-12', telecom: [{ system: 'phone', value: '2505550101' }] })));
    const ids = patients(res.body).map((e) => (e.resource as fhir.Patient).id);
    expect(ids).toContain(PHN.ordinary);
    expect(ids).toContain(PHN.duplicate);
  });

  it('refuses a search without a second field with SCH.2.5107', async () => {
    const res = await post('FindCandidates', requestBundle(example({ name: [{ family: 'Smith' }] })));
    expect(res.status).toBe(400);
    expect(codesOf(res.body)).toEqual([HCIM_CODES.fcInvalid.code, HCIM_CODES.schSearchCombination.code]);
  });

  it('refuses wildcards', async () => {
    const res = await post('FindCandidates', requestBundle(example({ name: [{ family: 'Smi*' }], birthDate: '1970-04-12' })));
    expect(res.status).toBe(400);
    expect(diagnosticsOf(res.body)).toMatch(/Wildcards/);
  });

  it("finds the newborns and the mother by the mother's PHN, linked by NMTH RelatedPersons as in the IG's example", async () => {
    const mother: fhir.RelatedPerson = { resourceType: 'RelatedPerson', patient: {}, identifier: [{ system: PHN_SYSTEM, value: PHN.mother }], relationship: [{ coding: [{ code: 'NMTH' }] }] };
    const res = await post('FindCandidates', requestBundle(mother));
    expect(codeOf(res.body)).toBe(HCIM_CODES.fcSuccess.code);
    const found = patients(res.body);
    expect(found.map((e) => (e.resource as fhir.Patient).id)).toEqual([PHN.newborn, PHN.mother]);
    expect(res.body.total).toBe(2);
    expect(found.every((e) => e.search?.mode === 'match' && e.search.score === undefined)).toBe(true);
    const related = (res.body.entry ?? []).filter((e) => e.resource?.resourceType === 'RelatedPerson');
    expect(related).toHaveLength(1);
    expect(related[0]!.search).toEqual({ mode: 'include' });
    expect(related[0]!.resource).toMatchObject({ patient: { reference: found[0]!.fullUrl }, relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'NMTH' }] }] });
    expect((found[1]!.resource as fhir.Patient).link).toEqual([{ other: { reference: related[0]!.fullUrl }, type: 'seealso' }]);
    assertValidFhir(res.body);
  });

  it("returns the mother alone, with FC.0.0012 and no links, when she has no registered children", async () => {
    const mother: fhir.RelatedPerson = { resourceType: 'RelatedPerson', patient: {}, identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }], relationship: [{ coding: [{ code: 'NMTH' }] }] };
    const res = await post('FindCandidates', requestBundle(mother));
    expect(codeOf(res.body)).toBe(HCIM_CODES.fcSuccess.code);
    expect(patients(res.body).map((e) => (e.resource as fhir.Patient).id)).toEqual([PHN.ordinary]);
    expect((patients(res.body)[0]!.resource as fhir.Patient).link).toBeUndefined();
    expect((res.body.entry ?? []).some((e) => e.resource?.resourceType === 'RelatedPerson')).toBe(false);
  });

  it('refuses a mother RelatedPerson without a relationship with FC.2.0006 naming RelatedPerson.relationship', async () => {
    const mother: fhir.RelatedPerson = { resourceType: 'RelatedPerson', patient: {}, identifier: [{ system: PHN_SYSTEM, value: PHN.mother }] };
    const res = await post('FindCandidates', requestBundle(mother));
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe(HCIM_CODES.fcInvalid.code);
    expect(diagnosticsOf(res.body)).toMatch(/RelatedPerson\.relationship/);
  });

  it('answers FC.0.0018 when nothing matches', async () => {
    const res = await post('FindCandidates', requestBundle(example({ name: [{ family: 'Zyxwvut' }], birthDate: '1999-01-01' })));
    expect(codeOf(res.body)).toBe(HCIM_CODES.fcNoResults.code);
    expect(patients(res.body)).toHaveLength(0);
  });
});
