// Finding 5: a wrong JSON type anywhere in a FHIR request is that surface's 4xx naming the element, never a 500.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { findShapeProblem } from '../../src/fhir/json-shape.js';
import { EVENT_SYSTEM } from '../../src/ocean/codes.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ config: { auth: false } });
});
afterAll(() => sandbox.close());

const PHN_SYSTEM = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-patient-healthcare-id';
const hcimBundle = (patient: Record<string, unknown>) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: crypto.randomUUID() }] } },
    { resource: { resourceType: 'Patient', ...patient } },
  ],
});
const oceanMessage = (header: Record<string, unknown>) => ({
  resourceType: 'Bundle',
  type: 'message',
  entry: [{ resource: { resourceType: 'MessageHeader', eventCoding: { system: EVENT_SYSTEM, code: 'notify-update-process-request' }, source: { endpoint: 'x' }, ...header } }],
});
const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  request(sandbox.app).post(path).set({ 'Content-Type': 'application/fhir+json', UserId: 'demo@IDIR', ...headers }).send(JSON.stringify(body));

describe('the R4 shape funnel', () => {
  it('accepts a conforming resource and names the first element of the wrong type', () => {
    expect(findShapeProblem({ resourceType: 'Patient', name: [{ given: ['Ann'] }], active: true })).toBeUndefined();
    expect(findShapeProblem({ resourceType: 'Patient', name: [{ given: [1] }] })).toEqual({ path: 'Patient.name[0].given[0]', message: 'must be a JSON string (string)' });
    expect(findShapeProblem({ resourceType: 'Patient', name: { given: ['Ann'] } })?.path).toBe('Patient.name');
    expect(findShapeProblem({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Task', status: 3 } }] })?.path).toBe('Bundle.entry[0].resource.status');
    expect(findShapeProblem({ resourceType: 'Parameters', parameter: [null] })).toEqual({ path: 'Parameters.parameter[0]', message: 'must not be null' });
    expect(findShapeProblem({ resourceType: 'Patient', id: 'x'.repeat(65) })?.message).toContain('at most 64');
    expect(findShapeProblem({ resourceType: 'Patient', link: [{ other: { reference: 'A'.repeat(5000) } }] })?.path).toBe('Patient.link[0].other.reference');
  });

  const cases: Array<[string, string, () => unknown, string]> = [
    ['HCIM FindCandidates given: [1]', '/hcim/fhir/Patient/$FindCandidates', () => hcimBundle({ name: [{ family: 'Smith', given: [1] }], birthDate: '1970-01-01' }), 'Bundle.entry[1].resource.name[0].given[0]'],
    ['HCIM GetDemographics numeric identifier value', '/hcim/fhir/Patient/$GetDemographics', () => hcimBundle({ identifier: [{ system: PHN_SYSTEM, value: 9876543210 }] }), 'Bundle.entry[1].resource.identifier[0].value'],
    ['PLR $maintain numeric messageId', '/plr/HSA-web/fhir-rs/$maintain', () => ({ resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: 42 }] }), 'Parameters.parameter[0].valueString'],
    ['PLR $extendedQuery parameter: [null]', '/plr/HSA-web/fhir-rs/Practitioner/$extendedQuery', () => ({ resourceType: 'Parameters', parameter: [null] }), 'Parameters.parameter[0]'],
    ['Ocean focus: "x"', '/ocean/svc/fhir/v1/$process-messages', () => oceanMessage({ focus: 'x' }), 'Bundle.entry[0].resource.focus'],
    ['Ocean extension: 0', '/ocean/svc/fhir/v1/$process-messages', () => oceanMessage({ extension: 0 }), 'Bundle.entry[0].resource.extension'],
    ['Ocean a 1 MB focus reference', '/ocean/svc/fhir/v1/$process-messages', () => oceanMessage({ focus: [{ reference: 'A'.repeat(1_000_000) }] }), 'Bundle.entry[0].resource.focus[0].reference'],
  ];
  for (const [name, path, body, element] of cases) {
    it(`answers ${name} with a 400 outcome naming ${element}`, async () => {
      const res = await send(path, body());
      expect(res.status).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(JSON.stringify(res.body.issue)).toContain(element);
    });
  }

  it('answers a /pos/receiver Bundle with entry: {} as a 400 naming Bundle.entry, not a 500', async () => {
    const res = await request(sandbox.app).post('/pos/receiver/$process-message').set('Content-Type', 'application/fhir+json').send(JSON.stringify({ resourceType: 'Bundle', type: 'message', entry: {} }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Bundle.entry');
  });
});
