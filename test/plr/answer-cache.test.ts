// PLR query answers served from the answer cache: byte for byte what the bundles built afresh serialize to, and
// never stale after a registry change or a move of the clock.
import request from 'supertest';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { searchsetBundle } from '../../src/fhir/index.js';
import type * as fhir from '../../src/fhir/types.js';
import { plrIssue, plrOutcome } from '../../src/plr/error-codes.js';
import { entityBundle, type BundleView } from '../../src/plr/query/entity-bundles.js';
import { createRegistry } from '../../src/plr/registry/registry.js';
import { formatIpc } from '../../src/plr/vocabulary.js';
import { createPlrSandbox, demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

let sandbox: Sandbox;
let plr: PlrClient;
beforeEach(async () => {
  sandbox = await createPlrSandbox();
  plr = plrClient(sandbox, await demoToken(sandbox));
});
afterEach(() => sandbox.close());

/** Random UUIDs (Bundle ids, the outcome's fullUrl) differ from one answer to the next by design. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;
/** supertest calls from a new port each time: the self link's host differs with it. */
const normal = (text: string) => text.replace(UUID, 'UUID').replace(/"url":"http:\/\/127\.0\.0\.1:\d+\//g, '"url":"http://127.0.0.1:PORT/');

/** The answer as the query handler built it before it had a cache: the bundles made afresh, then JSON.stringify. */
function oracle(res: request.Response, ids: string[]): string {
  const registry = createRegistry(sandbox.deps.population, sandbox.deps.store);
  const body = res.body as fhir.Bundle;
  const nested = body.entry![1]!.resource as fhir.Bundle;
  const view: BundleView = { registry, now: sandbox.deps.clock.now(), timestamp: body.timestamp!, baseUrl: nested.entry![0]!.fullUrl!.replace(/\/Practitioner\/[^/]+$/, ''), mode: 'current' };
  const bundle = searchsetBundle(
    ids.map((id) => entityBundle(id, view)!),
    { outcome: plrOutcome(plrIssue('querySuccessful')), selfUrl: body.link![0]!.url, timestamp: body.timestamp, total: ids.length },
  );
  return JSON.stringify(bundle);
}

it('answers a query from the cache with the very bytes the bundles built afresh serialize to', async () => {
  const ids = [formatIpc(1), formatIpc(2), formatIpc(3)];
  const first = await plr.get('/Practitioner/$entityQuery?communication=F16,S31,M06').expect(200);
  const second = await plr.get('/Practitioner/$entityQuery?communication=F16,S31,M06').expect(200);
  expect(normal(first.text)).toBe(normal(oracle(first, ids)));
  expect(normal(second.text)).toBe(normal(oracle(second, ids)));
  // The per-response parts are made afresh: Bundle ids, the outcome's fullUrl.
  expect((second.body as fhir.Bundle).id).not.toBe((first.body as fhir.Bundle).id);
  expect(sandbox.counts().bounds).toMatchObject({ answerCache: { entries: 3 } });
  const pretty = await plr.get('/Practitioner/$entityQuery?communication=F16,S31,M06&_pretty=true').expect(200);
  expect(pretty.text).toBe(JSON.stringify(JSON.parse(pretty.text), null, 2));
});

it('shows a registry change in the next answer', async () => {
  await plr.get('/Practitioner/$entityQuery?family=Smithers&given=Bob').expect(200);
  await request(sandbox.app).post('/admin/plr/changes').send({ id: formatIpc(2), change: 'rename', family: 'Smithereen' }).expect(201);
  const after = await plr.get(`/Practitioner/$entityQuery?identifier=${formatIpc(2)}`).expect(200);
  expect(after.text).toContain('Smithereen');
  expect(normal(after.text)).toBe(normal(oracle(after, [formatIpc(2)])));
});

it('shows what the clock ended or brought back in the next answer, whichever way the clock moves', async () => {
  // Ann Smith's former name Jones ended on 2009-12-31: hidden now, current again before that.
  const now = await plr.get(`/Practitioner/$entityQuery?identifier=${formatIpc(1)}`).expect(200);
  expect(now.text).not.toContain('Jones');
  await sandbox.deps.clock.set(Date.parse('2005-06-01T12:00:00Z'));
  const before = await plr.get(`/Practitioner/$entityQuery?identifier=${formatIpc(1)}`).expect(200);
  expect(before.text).toContain('Jones');
  expect(normal(before.text)).toBe(normal(oracle(before, [formatIpc(1)])));
  await sandbox.deps.clock.set(Date.parse('2026-03-02T09:01:00Z'));
  expect((await plr.get(`/Practitioner/$entityQuery?identifier=${formatIpc(1)}`).expect(200)).text).not.toContain('Jones');
});

it('never holds more than its byte bound', async () => {
  await sandbox.close();
  sandbox = await createPlrSandbox({ bounds: { answerCacheBytes: 12_000 } });
  plr = plrClient(sandbox, await demoToken(sandbox));
  const many = await plr.get('/Practitioner/$entityQuery?address-city=Prince%20George').expect(200);
  expect((many.body as fhir.Bundle).total).toBe(20);
  const { answerCache } = sandbox.counts().bounds as { answerCache: { entries: number; bytes: number; maxBytes: number } };
  expect(answerCache.maxBytes).toBe(12_000);
  expect(answerCache.bytes).toBeLessThanOrEqual(12_000);
  expect(answerCache.entries).toBeGreaterThan(0);
  expect(answerCache.entries).toBeLessThan(20);
  const again = await plr.get('/Practitioner/$entityQuery?address-city=Prince%20George').expect(200);
  expect(normal(again.text)).toBe(normal(many.text));
});
