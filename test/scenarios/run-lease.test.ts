// A scenario run's lease on the sandbox: renewed while the run lasts, and a run that lost it (the sandbox restarted,
// or the lease lapsed and another run took the sandbox) stops instead of reporting on a clock others moved.
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { fhirErrorHandler } from '../../src/fhir/index.js';
import { createLogger } from '../../src/log.js';
import { acquireRunLease } from '../../src/scenarios/run-lease-client.js';
import { createRunLeaseRoutes } from '../../src/scenarios/run-lease-routes.js';
import type { SandboxClient } from '../../src/scenarios/sandbox-client.js';

/** A client of just the lease routes (`/admin/scenario-runs`), as a sandbox serves them; `restart()` forgets every lease. */
function leaseSandbox(options: { ttlMs?: number } = {}) {
  const serve = () => express().use(express.json()).use('/admin', createRunLeaseRoutes(() => '2026-03-02T09:00:00.000Z', options)).use(fhirErrorHandler(createLogger('silent')));
  let app = serve();
  const calls: string[] = [];
  const client = {
    baseUrl: 'http://sandbox.test',
    async request(method: string, path: string, body?: unknown) {
      calls.push(`${method} ${path}`);
      const res = await request(app)[method.toLowerCase() as 'put'](path).send(body as object);
      return { status: res.status, json: res.body as unknown, text: res.text, headers: {} };
    },
  } as unknown as SandboxClient;
  return { client, calls, restart: () => void (app = serve()) };
}

describe('the run lease', () => {
  it('refuses to renew once the sandbox no longer holds it (a restart forgot it), naming why', async () => {
    const sandbox = leaseSandbox();
    const lease = await acquireRunLease(sandbox.client, 'demo');
    await lease.renew();
    sandbox.restart();
    await expect(lease.renew()).rejects.toThrow(/the sandbox no longer holds this run's lease \(it restarted, or the run went \d+ s without renewing it\): another run may have moved its clock or restored its snapshots; run again/);
    await lease.release();
  });

  it('renews by itself while a scenario runs, so a long scenario keeps the sandbox', async () => {
    const sandbox = leaseSandbox({ ttlMs: 200 });
    const lease = await acquireRunLease(sandbox.client, 'demo', undefined, { renewEveryMs: 50 });
    await new Promise((r) => setTimeout(r, 500));
    await lease.renew();
    expect(sandbox.calls.filter((c) => c.startsWith('PUT')).length).toBeGreaterThan(3);
    await lease.release();
    const after = sandbox.calls.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(sandbox.calls.length).toBe(after);
  });
});
