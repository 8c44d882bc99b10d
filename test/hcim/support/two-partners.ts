// Two partners' POSes, alpha and beta, each with its own token and its own source record system, on one HCIM sandbox.
import { expect } from 'vitest';
import type { Sandbox } from '../../../src/app.js';
import type * as fhir from '../../../src/fhir/types.js';
import { createHcimClient, type HcimPost } from './hcim-client.js';
import { createHcimSandbox } from './hcim-sandbox.js';

const NS = 'https://health.gov.bc.ca/fhir/NamingSystem';
export const ALPHA_SRI = `${NS}/ca-bc-alpha-emr-source-patient-id`;
export const BETA_SRI = `${NS}/ca-bc-beta-emr-source-patient-id`;

/** Addresses the partners file, neither of them the population's. */
export const harbour: fhir.Address = { use: 'home', type: 'physical', line: ['55 Harbour Rd'], city: 'Nanaimo', postalCode: 'V9R 5J2' };
export const ferry: fhir.Address = { use: 'home', type: 'physical', line: ['1 Ferry Lane'], city: 'Gibsons', postalCode: 'V0N 1V0' };

/** An HCIM sandbox (auth on, the manual clock) and a client for each partner. */
export async function twoPartners(): Promise<{ sandbox: Sandbox; alpha: HcimPost; beta: HcimPost }> {
  const sandbox = await createHcimSandbox({ auth: true });
  const as = async (partner: string) => createHcimClient(sandbox, { token: await sandbox.deps.issuer.issue({ sub: `${partner}-pos`, azp: `${partner}-pos`, aud: ['hcim'], partner }, 3600) });
  const [alpha, beta] = await Promise.all([as('alpha'), as('beta')]);
  return { sandbox, alpha, beta };
}

/** The answer, once it is a 200 (its body shown when it is not). */
export async function ok(answer: Promise<{ status: number; body: fhir.Bundle }>): Promise<{ status: number; body: fhir.Bundle }> {
  const res = await answer;
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
}
