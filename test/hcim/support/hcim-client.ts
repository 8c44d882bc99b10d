// Test client for HCIM FHIR operations: builds request Bundles, posts them, and schema-validates every FHIR answer.
import request from 'supertest';
import { expect } from 'vitest';
import type { Sandbox } from '../../../src/app.js';
import type * as fhir from '../../../src/fhir/types.js';
import { PHN_SYSTEM } from '../../../src/hcim/identifiers.js';
import { assertValidFhir } from '../../support/fhir-schema.js';

let seq = 0;

/** A fresh message id (the registry refuses a reused one on a write). */
export const nextMessageId = (): string => `test-msg-${++seq}`;

/** bc-*-request-bundle: MetadataParametersIn, then the resources. */
export function requestBundle(resources: fhir.FhirResource | fhir.FhirResource[], params: fhir.ParametersParameter[] = [], messageId = nextMessageId()): fhir.Bundle {
  const list = Array.isArray(resources) ? resources : [resources];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: `urn:uuid:meta-${messageId}`, resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: messageId }, ...params] } },
      ...list.map((resource, i) => ({ fullUrl: `urn:uuid:r${i}-${messageId}`, resource })),
    ],
  };
}

export const byPhn = (phn: string): fhir.Patient => ({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }] });
export const motherOf = (phn: string): fhir.RelatedPerson => ({ resourceType: 'RelatedPerson', patient: {}, identifier: [{ system: PHN_SYSTEM, value: phn }], relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'NMTH' }] }] });

/** The BCHCIM codes of a response: the outcome entry's issues, or a bare OperationOutcome's. */
export function codesOf(body: fhir.Bundle | fhir.OperationOutcome): string[] {
  const outcome = body.resourceType === 'OperationOutcome' ? body : (body.entry?.find((e) => e.resource?.resourceType === 'OperationOutcome')?.resource as fhir.OperationOutcome | undefined);
  return (outcome?.issue ?? []).map((i) => i.details?.coding?.[0]?.code ?? '');
}
export const codeOf = (body: fhir.Bundle | fhir.OperationOutcome): string | undefined => codesOf(body)[0];
export const diagnosticsOf = (body: fhir.Bundle | fhir.OperationOutcome): string => {
  const outcome = body.resourceType === 'OperationOutcome' ? body : (body.entry?.find((e) => e.resource?.resourceType === 'OperationOutcome')?.resource as fhir.OperationOutcome | undefined);
  return outcome?.issue?.[0]?.diagnostics ?? '';
};

export const patientEntries = (b: fhir.Bundle): fhir.BundleEntry[] => (b.entry ?? []).filter((e) => e.resource?.resourceType === 'Patient');
export const patientsOf = (b: fhir.Bundle): fhir.Patient[] => patientEntries(b).map((e) => e.resource as fhir.Patient);
export const idsOf = (b: fhir.Bundle): string[] => patientsOf(b).map((p) => p.id!);

export interface HcimResponse<T = fhir.Bundle> {
  status: number;
  body: T;
}

/** Posts to a Patient operation with a UserId (and a bearer token when given); the answer must be valid FHIR R4. */
export function createHcimClient(sandbox: Sandbox, options: { token?: string; userId?: string | null } = {}) {
  return async function post<T = fhir.Bundle>(operation: string, body: unknown, headers: Record<string, string> = {}): Promise<HcimResponse<T>> {
    let req = request(sandbox.app).post(`/hcim/fhir/Patient/$${operation}`);
    if (options.userId !== null) req = req.set('UserId', options.userId ?? 'tester@IDIR');
    if (options.token) req = req.set('Authorization', `Bearer ${options.token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    const res = await req.send(body as object);
    expect(res.headers['content-type'] ?? '').toMatch(/json/);
    assertValidFhir(res.body);
    return { status: res.status, body: res.body as T };
  };
}

export type HcimPost = ReturnType<typeof createHcimClient>;
