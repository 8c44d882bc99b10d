// Every OperationDefinition Ocean's metadata names resolves, is valid R4, and declares what the operation really takes.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { medplumErrors } from '../fidelity/support/medplum-validator.js';
import { createOceanWorld, sendReferral, siteToken, type OceanWorld } from './support/ocean-sandbox.js';

const BASE = '/ocean/svc/fhir/v1';

interface Named {
  /** The resource type the operation is declared on; undefined for a system-level one. */
  type?: string;
  name: string;
  definition: string;
}

let world: OceanWorld;
let named: Named[];
beforeAll(async () => {
  world = await createOceanWorld();
  const cs = (await request(world.sandbox.app).get(`${BASE}/metadata`).expect(200)).body as fhir.CapabilityStatement;
  const rest = cs.rest![0]!;
  named = [
    ...(rest.operation ?? []).map((o) => ({ name: o.name, definition: o.definition })),
    ...(rest.resource ?? []).flatMap((r) => (r.operation ?? []).map((o) => ({ type: r.type, name: o.name, definition: o.definition }))),
  ];
});
afterAll(() => world.close());

/**
 * Where a client finds a definition: at its URL when that is under the sandbox's Ocean base, else (an external
 * canonical) by its id under the base.
 */
function pathOf(definition: string): string {
  const ocean = `${world.ctx.fhirBase}/`;
  if (definition.startsWith(ocean)) return `${BASE}/${definition.slice(ocean.length)}`;
  return `${BASE}/OperationDefinition/${definition.split('/').pop()}`;
}

const resolve = async (definition: string) => {
  const res = await request(world.sandbox.app).get(pathOf(definition));
  expect(res.status, `${definition}: ${res.text}`).toBe(200);
  return res.body as fhir.OperationDefinition;
};

describe("Ocean's OperationDefinitions", () => {
  it('resolves every definition the CapabilityStatement names, without a token, as a valid R4 OperationDefinition for that operation', async () => {
    expect(named.map((n) => n.name).sort()).toEqual(['binary', 'letter', 'process-messages']);
    for (const n of named) {
      const def = await resolve(n.definition);
      expect(def.resourceType).toBe('OperationDefinition');
      expect(def.url, n.name).toBe(n.definition);
      expect(def.code, n.definition).toBe(n.name);
      expect(medplumErrors(def), n.definition).toEqual([]);
      if (n.type) {
        expect(def.resource, n.definition).toEqual([n.type]);
        expect([def.system, def.instance], n.definition).toEqual([false, true]);
      } else {
        expect(def.system, n.definition).toBe(true);
      }
    }
  });

  it('serves them at the root of the host too, and answers an unknown id with a 404 OperationOutcome naming the known ones', async () => {
    const root = await request(world.sandbox.app).get('/svc/fhir/v1/OperationDefinition/ServiceRequest-letter');
    expect(root.status).toBe(200);
    expect(root.body.code).toBe('letter');
    const unknown = await request(world.sandbox.app).get(`${BASE}/OperationDefinition/Patient-everything`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.resourceType).toBe('OperationOutcome');
    expect(unknown.body.issue[0].diagnostics).toContain('ServiceRequest-letter');
  });

  it('declares $process-messages as Ocean runs it: a message Bundle in the body, an OperationOutcome back, every event it processes', async () => {
    const def = await resolve(named.find((n) => n.name === 'process-messages')!.definition);
    expect(def.parameter!.map((p) => [p.use, p.name, p.type, p.min, p.max])).toEqual([['in', 'content', 'Bundle', 1, '1'], ['out', 'return', 'OperationOutcome', 1, '1']]);
    expect(def.affectsState).toBe(true);
    for (const event of ['notify-update-process-request', 'notify-add-appointment', 'send-communication-from-provider', 'notify-data-correction']) expect(def.description).toContain(event);
  });

  it('declares the boolean attachments parameter of $letter, and $letter takes exactly true or false for it', async () => {
    const def = await resolve(named.find((n) => n.name === 'letter')!.definition);
    const inputs = def.parameter!.filter((p) => p.use === 'in');
    expect(inputs.map((p) => [p.name, p.type, p.min, p.max])).toEqual([['attachments', 'boolean', 0, '1']]);
    expect(def.parameter!.filter((p) => p.use === 'out').map((p) => [p.name, p.type])).toEqual([['return', 'Binary']]);

    const text = Buffer.from('Previous imaging: none.').toString('base64');
    const { ref } = await sendReferral(world, { attachments: [{ title: 'history.txt', contentType: 'text/plain', data: text }] });
    const token = await siteToken(world, world.receiverSite);
    const letter = (query: string) => request(world.sandbox.app).get(`${BASE}/ServiceRequest/${ref}/$letter${query}`).set('Authorization', `Bearer ${token}`).buffer(true);
    const sizeOf = (res: request.Response) => Buffer.from(res.body as Buffer).length;
    const [plain, without, merged] = await Promise.all([letter(''), letter('?attachments=false'), letter('?attachments=true')]);
    for (const res of [plain, without, merged]) expect(res.status).toBe(200);
    expect(sizeOf(merged)).toBeGreaterThan(sizeOf(without));
    expect(Math.abs(sizeOf(plain) - sizeOf(without))).toBeLessThan(64);
    for (const query of ['?attachments=yes', '?attachments=1', '?attachments=true&attachments=true']) {
      const res = await letter(query);
      expect(res.status, query).toBe(400);
      expect(res.body.resourceType, query).toBe('OperationOutcome');
      expect(res.body.issue[0].diagnostics, query).toContain('attachments');
    }
  });

  it('declares $binary with no input and the attachment as its answer', async () => {
    const def = await resolve(named.find((n) => n.name === 'binary')!.definition);
    expect(def.parameter!.map((p) => [p.use, p.name, p.type])).toEqual([['out', 'return', 'Binary']]);
  });
});
