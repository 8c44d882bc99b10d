// A generated population's candidate index is built in the background at start. A search that arrives before it is
// ready waits for it off the event loop (health keeps answering) and then answers; past the wait's bound it answers
// FC.2.0004 (the real "EMPI unavailable", retryable), in FHIR and in HL7v3 alike, never a hang.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { queryOf } from '../../src/hcim/evaluate.js';
import { OID } from '../../src/hcim/identifiers.js';
import { hcimSystem } from '../../src/hcim/index.js';
import type * as fhir from '../../src/fhir/types.js';
import type { SystemFactory } from '../../src/app-deps.js';
import { createTestSandbox } from '../support/sandbox.js';
import { codeOf, createHcimClient, diagnosticsOf, idsOf, requestBundle } from './support/hcim-client.js';

/** Big enough that the index is built in a worker thread, for a while after start. */
const PATIENTS = 12_000;

let sandbox: Sandbox | undefined;
afterEach(async () => sandbox?.close());

const start = async (system: SystemFactory) =>
  (sandbox = await createTestSandbox({ systems: [system], config: { auth: false, sizes: { patients: PATIENTS, practitioners: 120, organizations: 30, facilities: 40 } } }));

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

/** HCIM_IN_FindCandidates by name and birth date; the answer's queryAck code and candidate PHNs. */
async function soapFind(app: Sandbox['app'], patient: fhir.Patient, id: string): Promise<{ status: number; code: string; phns: string[] }> {
  const name = patient.name![0]!;
  const payload = { 'person.name': { value: { '@_use': 'L', family: name.family, given: name.given?.[0] } }, 'person.birthTime': { value: { '@_value': patient.birthDate!.replaceAll('-', '') } } };
  const message = {
    '@_xmlns': 'urn:hl7-org:v3',
    id: { '@_root': OID.messageId, '@_extension': id },
    interactionId: { '@_root': OID.interactionId, '@_extension': 'HCIM_IN_FindCandidates' },
    controlActProcess: { '@_classCode': 'ACCM', '@_moodCode': 'EVN', queryByParameter: { queryByParameterPayload: payload } },
  };
  const xml = builder.build({ 'soap:Envelope': { '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'soap:Body': { HCIM_IN_FindCandidates: message } } });
  const res = await request(app).post('/hcim/soap').set('Content-Type', 'text/xml').send(xml);
  const control = parser.parse(res.text).Envelope.Body.HCIM_IN_FindCandidatesResponse.controlActProcess;
  const subjects = control.subject === undefined ? [] : [control.subject].flat();
  const phns = subjects.map((s: { target: { identifiedPerson: { id: { '@_extension': string } } } }) => s.target.identifiedPerson.id['@_extension']);
  return { status: res.status, code: String(control.queryAck.queryResponseCode['@_code']).split('|')[0]!.trim(), phns };
}

describe('HCIM while its candidate index builds', () => {
  it('holds searches arriving mid-build (FHIR and SOAP) until the index is ready, health answering meanwhile', async () => {
    const { app, deps } = await start(hcimSystem({ indexWaitMs: 120_000 }));
    const wanted = deps.population.client(PATIENTS - 7);
    const post = createHcimClient(sandbox!);
    let settled = 0;
    const fhirSearch = post('FindCandidates', requestBundle(queryOf(wanted.patient, 'full'))).finally(() => (settled += 1));
    const soapSearch = soapFind(app, wanted.patient, 'wait-soap-1').finally(() => (settled += 1));
    const health = await request(app).get('/admin/health');
    expect(health.status).toBe(200);
    expect(settled).toBe(0);
    const [answer, soap] = await Promise.all([fhirSearch, soapSearch]);
    expect(answer.status).toBe(200);
    expect(codeOf(answer.body)).not.toBe(HCIM_CODES.fcUnavailable.code);
    expect(idsOf(answer.body)).toContain(wanted.phn);
    expect(soap.status).toBe(200);
    expect(soap.phns).toContain(wanted.phn);
  });

  it('answers FC.2.0004 past the wait bound (FHIR 503, HL7v3 AE over 200), then the same message id once built', async () => {
    const { app, deps } = await start(hcimSystem({ indexWaitMs: 1 }));
    const wanted = deps.population.client(PATIENTS - 7);
    const post = createHcimClient(sandbox!);
    const body = requestBundle(queryOf(wanted.patient, 'full'));
    const early = await post('FindCandidates', body);
    expect([early.status, codeOf(early.body)]).toEqual([503, HCIM_CODES.fcUnavailable.code]);
    expect(diagnosticsOf(early.body)).toMatch(/still being built \([\d,]+ of 12,000 records\)/);
    const soap = await soapFind(app, wanted.patient, 'bound-soap-1');
    expect([soap.status, soap.code]).toEqual([200, HCIM_CODES.fcUnavailable.code]);

    let answer = early;
    while (answer.status === 503) {
      expect((await request(app).get('/admin/health')).status).toBe(200);
      answer = await post('FindCandidates', body);
    }
    expect(answer.status).toBe(200);
    expect(idsOf(answer.body)).toContain(wanted.phn);
    expect((await soapFind(app, wanted.patient, 'bound-soap-1')).phns).toContain(wanted.phn);
  });
});
