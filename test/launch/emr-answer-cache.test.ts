// The EMR's Patient read and $everything served from the answer cache: byte for byte what building them afresh
// serializes to, with the per-response parts (Bundle id, timestamps) made for each answer.
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { searchsetBundle } from '../../src/fhir/index.js';
import type * as fhir from '../../src/fhir/types.js';
import { createPosSystem } from '../../src/pos/index.js';
import { emrChart, emrPatient } from '../../src/pos/emr/patient-view.js';
import { oceanClient } from '../../src/pos/emr/registration.js';
import { emrUrls } from '../../src/pos/emr/smart-configuration.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [createPosSystem] });
});
afterAll(async () => sandbox.close());

/** "Launch Ocean" on a chart, then the code grant as Ocean: an access token for that patient. */
async function accessToken(patient: string): Promise<string> {
  const urls = emrUrls(sandbox.deps.config.baseUrl);
  const ocean = oceanClient(sandbox.deps.config.baseUrl);
  const path = (url: string) => url.replace(sandbox.deps.config.baseUrl, '');
  const launch = await request(sandbox.app).post(`/pos/emr/patients/${patient}/launch`).type('form').send({}).expect(303);
  const q = { response_type: 'code', client_id: ocean.clientId, redirect_uri: ocean.redirectUris[0]!, scope: 'launch patient/*.read', state: 's', aud: urls.fhirBase, launch: new URL(launch.headers.location!).searchParams.get('launch')! };
  const code = new URL((await request(sandbox.app).get(path(urls.authorize)).query(q)).headers.location!).searchParams.get('code')!;
  const basic = `Basic ${Buffer.from(`${ocean.clientId}:${ocean.clientSecret}`).toString('base64')}`;
  const res = await request(sandbox.app).post(path(urls.token)).type('form').set('authorization', basic).send({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200);
  return (res.body as { access_token: string }).access_token;
}

/** $everything as it was built before the cache: the Patient and the chart, in a searchset, then JSON.stringify. */
function oracle(index: number, id: string, timestamp: string): string {
  const { population, config } = sandbox.deps;
  const base = config.baseUrl;
  return JSON.stringify(searchsetBundle([emrPatient(population, index, base), ...emrChart(population, index)], { baseUrl: emrUrls(base).fhirBase, timestamp, id }));
}

it('answers $everything again and again with the bytes of the chart built afresh, each with its own id and time', async () => {
  const i = [...Array(50).keys()].find((k) => sandbox.deps.population.chart(k).length > 10)!;
  const token = await accessToken(`pt-${i}`);
  const get = () => request(sandbox.app).get(`/pos/emr/fhir/Patient/pt-${i}/$everything`).set('authorization', `Bearer ${token}`).expect(200);
  const first = await get();
  const second = await get();
  const a = first.body as fhir.Bundle;
  const b = second.body as fhir.Bundle;
  expect(first.text).toBe(oracle(i, a.id!, a.timestamp!));
  expect(second.text).toBe(oracle(i, b.id!, b.timestamp!));
  expect(b.id).not.toBe(a.id);
  expect(first.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
  // A move of the clock shows in the next answer's timestamps; the chart itself does not depend on it.
  await sandbox.deps.clock.advance(90_000);
  const later = (await get()).body as fhir.Bundle;
  expect(later.timestamp).toBe(sandbox.deps.clock.iso());
  expect(later.meta?.lastUpdated).toBe(sandbox.deps.clock.iso());
  expect((sandbox.counts().bounds as { answerCache: { entries: number } }).answerCache.entries).toBeGreaterThan(0);
  const pretty = await request(sandbox.app).get(`/pos/emr/fhir/Patient/pt-${i}/$everything?_pretty=true`).set('authorization', `Bearer ${token}`).expect(200);
  const p = pretty.body as fhir.Bundle;
  expect(pretty.text).toBe(JSON.stringify(JSON.parse(oracle(i, p.id!, p.timestamp!)), null, 2));
});

it('answers a Patient read again and again with the bytes of the Patient built afresh', async () => {
  const token = await accessToken('pt-3');
  for (let round = 0; round < 2; round++) {
    const res = await request(sandbox.app).get('/pos/emr/fhir/Patient/pt-3').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.text).toBe(JSON.stringify(emrPatient(sandbox.deps.population, 3, sandbox.deps.config.baseUrl)));
  }
});
