// Walks every CapabilityStatement the sandbox serves and calls every operation and interaction it declares.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => void (sandbox = await createTestSandbox({ config: { auth: false, sizes: { patients: 40, practitioners: 30, organizations: 10, facilities: 10 } } })));
afterAll(async () => sandbox.close());

/** Every FHIR surface with a CapabilityStatement: Ocean, PLR, HCIM and the reference EMR. */
const SURFACES = ['/ocean/svc/fhir/v1', '/plr/HSA-web/fhir-rs', '/hcim/fhir', '/pos/emr/fhir'];

interface Probe {
  surface: string;
  what: string;
  paths: string[];
}

/** The URLs a declared operation or interaction can be invoked at (system, type or instance level). */
function probesOf(surface: string, cs: fhir.CapabilityStatement): Probe[] {
  const probes: Probe[] = [];
  const rest = cs.rest?.[0];
  for (const op of rest?.operation ?? []) probes.push({ surface, what: `$${op.name}`, paths: [`${surface}/$${op.name}`] });
  for (const r of rest?.resource ?? []) {
    for (const op of r.operation ?? []) probes.push({ surface, what: `${r.type}/$${op.name}`, paths: [`${surface}/${r.type}/$${op.name}`, `${surface}/${r.type}/probe-id/$${op.name}`] });
    for (const i of r.interaction ?? []) {
      if (i.code === 'read') probes.push({ surface, what: `${r.type} read`, paths: [`${surface}/${r.type}/probe-id`] });
      if (i.code === 'search-type') probes.push({ surface, what: `${r.type} search`, paths: [`${surface}/${r.type}?_id=probe-id`] });
    }
  }
  return probes;
}

/** Routed: some method at some of the paths answers with something other than "no such endpoint" (404 not-supported) or 405. */
async function isRouted(probe: Probe): Promise<string[]> {
  const seen: string[] = [];
  for (const path of probe.paths) {
    for (const method of ['get', 'post'] as const) {
      const res = await request(sandbox.app)[method](path).set('Content-Type', 'application/fhir+json').set('UserId', 'demo@IDIR').send(method === 'post' ? '{}' : undefined);
      const unknownRoute = res.status === 404 && res.body?.issue?.[0]?.code === 'not-supported';
      if (!unknownRoute && res.status !== 405) return [];
      seen.push(`${method.toUpperCase()} ${path} -> ${res.status}`);
    }
  }
  return seen;
}

describe('every declared operation is routed', () => {
  it('serves a CapabilityStatement on each FHIR surface', async () => {
    for (const surface of SURFACES) {
      const res = await request(sandbox.app).get(`${surface}/metadata`);
      expect(res.status, surface).toBe(200);
      expect(res.body.resourceType, surface).toBe('CapabilityStatement');
    }
  });

  it('answers every operation and interaction the CapabilityStatements declare at a routed URL', async () => {
    const unrouted: string[] = [];
    let probed = 0;
    for (const surface of SURFACES) {
      const cs = (await request(sandbox.app).get(`${surface}/metadata`)).body as fhir.CapabilityStatement;
      for (const probe of probesOf(surface, cs)) {
        probed++;
        const misses = await isRouted(probe);
        if (misses.length) unrouted.push(`${surface} ${probe.what}: ${misses.join('; ')}`);
      }
    }
    expect(probed).toBeGreaterThan(20);
    expect(unrouted).toEqual([]);
  });

  it("declares Ocean's plural $process-messages, the name it is invoked by", async () => {
    const cs = (await request(sandbox.app).get('/ocean/svc/fhir/v1/metadata')).body as fhir.CapabilityStatement;
    expect(cs.rest![0]!.operation!.map((o) => o.name)).toContain('process-messages');
    expect(cs.rest![0]!.operation!.map((o) => o.name)).not.toContain('process-message');
  });
});
