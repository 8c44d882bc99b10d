// The EMR's reads served again and again: a token judged afresh on the clock each time and worthless under a new
// key, and $everything the whole chart with its references pointed at the EMR's patient id.
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createPosSystem } from '../../src/pos/index.js';
import { oceanClient } from '../../src/pos/emr/registration.js';
import { emrUrls } from '../../src/pos/emr/smart-configuration.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [createPosSystem] });
});
afterAll(async () => sandbox.close());

/** "Launch Ocean" on pt-1's chart, then the code grant as Ocean: an access token for pt-1. */
async function accessToken(scope = 'launch patient/Patient.read', patient = 'pt-1'): Promise<string> {
  const urls = emrUrls(sandbox.deps.config.baseUrl);
  const ocean = oceanClient(sandbox.deps.config.baseUrl);
  const path = (url: string) => url.replace(sandbox.deps.config.baseUrl, '');
  const launch = await request(sandbox.app).post(`/pos/emr/patients/${patient}/launch`).type('form').send({}).expect(303);
  const q = { response_type: 'code', client_id: ocean.clientId, redirect_uri: ocean.redirectUris[0]!, scope, state: 's', aud: urls.fhirBase, launch: new URL(launch.headers.location!).searchParams.get('launch')! };
  const code = new URL((await request(sandbox.app).get(path(urls.authorize)).query(q)).headers.location!).searchParams.get('code')!;
  const basic = `Basic ${Buffer.from(`${ocean.clientId}:${ocean.clientSecret}`).toString('base64')}`;
  const res = await request(sandbox.app).post(path(urls.token)).type('form').set('authorization', basic).send({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200);
  return (res.body as { access_token: string }).access_token;
}

const read = (token: string) => request(sandbox.app).get('/pos/emr/fhir/Patient/pt-1').set('authorization', `Bearer ${token}`);

it('accepts a token on every call until its expiry on the simulated clock, then refuses it as expired', async () => {
  const token = await accessToken();
  for (let i = 0; i < 3; i++) expect((await read(token)).status).toBe(200);
  await sandbox.deps.clock.advance(59 * 60_000);
  expect((await read(token)).status).toBe(200);
  await sandbox.deps.clock.advance(2 * 60_000);
  const late = await read(token);
  expect(late.status).toBe(401);
  expect(late.body.issue[0].diagnostics).toContain('expired');
  expect((await read(token)).status).toBe(401);
});

it('refuses a token it accepted before once a reset gave the EMR a new signing key', async () => {
  const token = await accessToken();
  expect((await read(token)).status).toBe(200);
  sandbox.reset();
  const after = await read(token);
  expect(after.status).toBe(401);
  expect(after.body.issue[0].diagnostics).toContain('not issued by this EMR');
});

it('answers $everything with the Patient, then the whole chart, every reference to the population patient pointed at the EMR id', async () => {
  const i = [...Array(50).keys()].find((k) => sandbox.deps.population.chart(k).length > 10)!;
  const token = await accessToken('launch patient/*.read', `pt-${i}`);
  const source = sandbox.deps.population.client(i).patient.id!;
  const chart = sandbox.deps.population.chart(i);
  expect(JSON.stringify(chart)).toContain(`"reference":"Patient/${source}"`);
  // The oracle: the chart's JSON with each "reference" to the source patient replaced as text.
  const expected = JSON.parse(JSON.stringify(chart).replaceAll(`"reference":"Patient/${source}"`, `"reference":"Patient/pt-${i}"`)) as unknown[];
  for (let round = 0; round < 2; round++) {
    const res = await request(sandbox.app).get(`/pos/emr/fhir/Patient/pt-${i}/$everything`).set('authorization', `Bearer ${token}`).expect(200);
    const resources = (res.body as { entry: Array<{ resource: { resourceType: string; id?: string } }> }).entry.map((e) => e.resource);
    expect(resources[0]).toMatchObject({ resourceType: 'Patient', id: `pt-${i}` });
    expect(resources.slice(1)).toEqual(expected);
    expect(res.text).not.toContain(`"Patient/${source}"`);
  }
  // The population's chart is not changed by serving it.
  expect(sandbox.deps.population.chart(i)).toEqual(chart);
});
