// Every mounted route, walked from Express's own router stack: a web page on another origin cannot change
// anything through any of them, while the sandbox's own pages and tools without an Origin still can.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { mountedRoutes } from '../../src/openapi/live-routes.js';
import { createTestSandbox } from '../support/sandbox.js';

const BASE = 'http://sandbox.test:8913';
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];
const STORE_WRITES = ['put', 'remove', 'clear', 'snapshot', 'restore', 'deleteSnapshot'] as const;

/** Other ways a browser says a page elsewhere sent the request: a sandboxed frame, a sibling port, fetch metadata. */
const FOREIGN: Array<Record<string, string>> = [{ Origin: 'null' }, { Origin: 'http://sandbox.test:8914' }, { 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site', Origin: BASE }];

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ config: { port: 8913, baseUrl: BASE } });
});
afterAll(() => sandbox.close());

/** A concrete URL for an Express pattern: every parameter filled, an optional wildcard left out. */
const concrete = (pattern: string) => pattern.replace(/\{\/\*\w+\}$/, '').replace(/\\\$/g, '$').replace(/:(\w+)/g, 'x-$1');

/** Each write method each mounted route takes (an `all()` handler takes all of them). */
function writeRoutes(): Array<{ method: string; path: string }> {
  const out = new Map<string, { method: string; path: string }>();
  for (const { path, methods } of mountedRoutes(sandbox.app)) {
    const upper = methods.map((m) => m.toUpperCase());
    for (const method of upper.includes('_ALL') ? WRITES : upper.filter((m) => WRITES.includes(m))) out.set(`${method} ${path}`, { method, path: concrete(path) });
  }
  return [...out.values()];
}

/** The door's refusal in each dialect: an OperationOutcome `security`, an OAuth error, or a SOAP Fault. */
function refusedAtTheDoor(res: request.Response): boolean {
  if (res.status !== 403) return false;
  return res.body?.issue?.[0]?.code === 'security' || res.body?.error === 'invalid_request' || res.text.includes('soap:Fault');
}

describe('writes from a web page on another origin, over every mounted route', () => {
  it('are refused at the door on every route, before any handler changes the store or the clock', async () => {
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThan(200);
    const spies = STORE_WRITES.map((name) => vi.spyOn(sandbox.deps.store, name));
    const now = sandbox.deps.clock.now();
    const leaks: string[] = [];
    for (const [i, { method, path }] of routes.entries()) {
      for (const headers of [{ Origin: 'http://evil.example' }, FOREIGN[i % FOREIGN.length]!]) {
        const res = await request(sandbox.app)[method.toLowerCase() as 'post'](path).set(headers).set('Content-Type', 'application/json').send('{"mode":"accept","behaviours":["answer-500"],"duration":"PT1H"}');
        if (!refusedAtTheDoor(res)) leaks.push(`${method} ${path} ${JSON.stringify(headers)} -> ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
    for (const spy of spies) expect(spy, spy.getMockName()).not.toHaveBeenCalled();
    expect(sandbox.deps.clock.now()).toBe(now);
    for (const spy of spies) spy.mockRestore();
  }, 120_000);

  it('covers the reference receiver and the dashboard, not only the admin API', () => {
    const paths = writeRoutes().map((r) => `${r.method} ${r.path}`);
    for (const route of ['PUT /pos/receiver/policy', 'PUT /pos/receiver/wrong', 'POST /pos/receiver/referrals/x-ref/actions', 'POST /pos/emr/patients/x-id/launch', 'POST /admin/reset', 'POST /ui/api/demo/reset']) {
      expect(paths, route).toContain(route);
    }
  });
});

describe('writes the sandbox must still take', () => {
  it("accepts the receiver's policy from the sandbox's own page, from a tool without an Origin and from a browser's address bar", async () => {
    const policy = { mode: 'accept', delay: 'PT5M' };
    expect((await request(sandbox.app).put('/pos/receiver/policy').set('Origin', BASE).send(policy)).status).toBe(200);
    expect((await request(sandbox.app).put('/pos/receiver/policy').set('Host', 'localhost:8913').set('Origin', 'http://localhost:8913').send(policy)).status).toBe(200);
    expect((await request(sandbox.app).put('/pos/receiver/policy').set('Sec-Fetch-Site', 'same-origin').set('Origin', 'null').send(policy)).status).toBe(200);
    expect((await request(sandbox.app).put('/pos/receiver/policy').set('Sec-Fetch-Site', 'none').send(policy)).status).toBe(200);
    expect((await request(sandbox.app).put('/pos/receiver/policy').send({ mode: 'decline', delay: 'PT1M' })).status).toBe(200);
    expect((await request(sandbox.app).get('/pos/receiver/policy')).body).toEqual({ mode: 'decline', delay: 'PT1M' });
  });

  it('keeps reads open to any origin', async () => {
    expect((await request(sandbox.app).get('/pos/receiver/policy').set('Origin', 'http://evil.example').set('Sec-Fetch-Site', 'cross-site')).status).toBe(200);
  });
});
