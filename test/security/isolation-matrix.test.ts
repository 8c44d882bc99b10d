// Two partners and two Ocean sites over every surface, each trying to read and change the other's data:
// only what the real systems allow succeeds.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { EXT, PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { createOceanSystem } from '../../src/ocean/index.js';
import { createHcimSystem } from '../../src/hcim/index.js';
import { createPlrSystem } from '../../src/plr/index.js';
import { createOceanWorld, inbound, post, sendReferral, siteToken, task, type OceanWorld } from '../ocean/support/ocean-sandbox.js';
import { codeOf, patientsOf, requestBundle } from '../hcim/support/hcim-client.js';
import { startReceiver } from '../support/receiver.js';

let world: OceanWorld;
const token: Record<'a' | 'b', string> = { a: '', b: '' };
beforeAll(async () => {
  world = await createOceanWorld({ systems: [createOceanSystem, createPlrSystem, createHcimSystem] });
  const b = await request(world.sandbox.app).post('/admin/partners').send({ name: 'clinic-b' }).expect(201);
  const a = await request(world.sandbox.app).get('/admin/partners/demo').expect(200);
  for (const [who, p] of [['a', a.body], ['b', b.body]] as const) {
    const res = await request(world.sandbox.app).post('/auth/realms/moh_applications/protocol/openid-connect/token').type('form').send({ grant_type: 'client_credentials', client_id: p.clientId, client_secret: p.clientSecret }).expect(200);
    token[who] = res.body.access_token;
  }
});
afterAll(() => world.close());

describe('HCIM: partner B and partner A', () => {
  const SRI_A = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-clinica-emr-source-patient-id';
  const SRI_B = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-clinicb-emr-source-patient-id';
  const person = (system: string, value: string, family: string): fhir.Patient => ({ resourceType: 'Patient', identifier: [{ system, value }], name: [{ use: 'official', family, given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05' });
  const hcim = (who: 'a' | 'b', op: string, resource: fhir.FhirResource) =>
    request(world.sandbox.app).post(`/hcim/fhir/Patient/$${op}`).set('Authorization', `Bearer ${token[who]}`).set('UserId', `${who}@IDIR`).send(requestBundle(resource));
  let phn = '';
  beforeAll(async () => {
    const added = await hcim('a', 'AddPatient', person(SRI_A, 'A-1', 'Quimbyson'));
    expect(codeOf(added.body)).toBe(HCIM_CODES.rpNewPhn.code);
    phn = patientsOf(added.body)[0]!.id!;
  });
  const current = async () => patientsOf((await hcim('a', 'GetDemographics', { resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }] })).body)[0]!;

  it("lets B look A's client up by A's source identifier and shows A's source id, as the HCIM IG's examples do", async () => {
    const res = await hcim('b', 'GetDemographics', { resourceType: 'Patient', identifier: [{ system: SRI_A, value: 'A-1' }] });
    expect(codeOf(res.body)).toBe(HCIM_CODES.gdSuccess.code);
    const sri = patientsOf(res.body)[0]!.identifier!.find((i) => i.system === SRI_A)!;
    expect(sri.value).toBe('A-1');
    expect(sri.extension!.find((e) => e.url === EXT.sourceId)!.extension![0]!.valueString).toBe('demo');
  });

  it("refuses B's revise filed under A's source identifier, and A's client is unchanged", async () => {
    const res = await hcim('b', 'RevisePatient', person(SRI_A, 'A-1', 'Hijacked'));
    expect(res.status).toBe(422);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpInvalid.code);
    expect((await current()).name![0]!.family).toBe('Quimbyson');
  });

  it("refuses B's add and update under A's source system", async () => {
    expect((await hcim('b', 'AddPatient', person(SRI_A, 'B-planted', 'Quimbyson'))).status).toBe(422);
    const update = await hcim('b', 'UpdatePatient', { resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }, { system: SRI_A, value: 'A-1' }], gender: 'male' });
    expect([update.status, codeOf(update.body)]).toEqual([422, HCIM_CODES.rpInvalid.code]);
    expect((await current()).gender).toBe('female');
  });

  it('lets B file its own source record for the same client, which A then sees next to its own', async () => {
    const res = await hcim('b', 'AddPatient', { ...person(SRI_B, 'B-1', 'Quimbyson'), identifier: [{ system: SRI_B, value: 'B-1' }, { system: PHN_SYSTEM, value: phn }] });
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpExistingPhn.code);
    expect((await current()).identifier!.map((i) => i.system)).toEqual(expect.arrayContaining([SRI_A, SRI_B]));
  });

  it("delivers B's .Async result to B's call-back only, never to A's", async () => {
    const [hookA, hookB] = await Promise.all([startReceiver(), startReceiver()]);
    try {
      await request(world.sandbox.app).post('/admin/hcim/callbacks').send({ partner: 'demo', url: hookA.url }).expect(201);
      await request(world.sandbox.app).post('/admin/hcim/callbacks').send({ partner: 'clinic-b', url: hookB.url }).expect(201);
      expect((await hcim('b', 'AddPatient.Async', person(SRI_B, 'B-async', 'Quimbyson'))).status).toBe(202);
      await world.sandbox.deps.delivery.idle();
      expect(hookB.received.map((r) => r.url)).toEqual(['/Patient/$AddPatient']);
      expect(hookA.received).toEqual([]);
    } finally {
      await Promise.all([hookA.close(), hookB.close()]);
    }
  });

  it("keeps message ids per partner: B may use A's", async () => {
    const id = 'shared-message-id-1';
    const lookup = { resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }] } as fhir.Patient;
    for (const who of ['a', 'b'] as const) {
      const res = await request(world.sandbox.app).post('/hcim/fhir/Patient/$GetDemographics').set('Authorization', `Bearer ${token[who]}`).set('UserId', 'x@IDIR').send(requestBundle(lookup, [], id));
      expect(res.status, who).toBe(200);
    }
  });
});

describe('PLR: a shared registry', () => {
  it('answers both partners the same practitioner, as the real PLR does for every connected system', async () => {
    const ipc = world.sandbox.deps.population.fixtures.familyPhysicianIpc;
    const read = (who: 'a' | 'b') => request(world.sandbox.app).get(`/plr/HSA-web/fhir-rs/Practitioner/${ipc}/$entityQuery`).set('Authorization', `Bearer ${token[who]}`).set('UserId', `${who}@IDIR`);
    const [a, b] = await Promise.all([read('a'), read('b')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(JSON.stringify(b.body)).toContain(ipc);
  });
});

describe('Ocean: site A (sender), the receiving site, and site B (no role)', () => {
  let ref = '';
  let attachment = '';
  let siteB = '';
  beforeAll(async () => {
    const r = await sendReferral(world, { attachments: [{ title: 'note', contentType: 'text/plain', data: Buffer.from('private').toString('base64') }] });
    ref = r.ref;
    attachment = r.attachments[0]!.id;
    siteB = world.ctx.repo.sites().find((s) => s.siteNum !== world.senderSite && s.siteNum !== world.receiverSite)!.siteNum;
  });
  const get = async (site: string, path: string) => request(world.sandbox.app).get(`/ocean/svc/fhir/v1/${path}`).set('Authorization', `Bearer ${await siteToken(world, site)}`);

  it("refuses site B the letter and attachments of A's referral, and serves them to both parties", async () => {
    expect((await get(siteB, `ServiceRequest/${ref}/$letter`)).status).toBe(403);
    expect((await get(siteB, `DocumentReference/${attachment}/$binary`)).status).toBe(403);
    expect((await get(world.senderSite, `ServiceRequest/${ref}/$letter`)).status).toBe(200);
    expect((await get(world.receiverSite, `DocumentReference/${attachment}/$binary`)).status).toBe(200);
  });

  it("refuses site B and the sender a change to the referral; the receiver's change is applied", async () => {
    expect((await post(world, await siteToken(world, siteB), inbound('notify-update-process-request', ref, [task(ref, 'accepted')]))).status).toBe(403);
    expect((await post(world, await siteToken(world, world.senderSite), inbound('notify-update-process-request', ref, [task(ref, 'accepted')]))).status).toBe(403);
    expect(world.ctx.repo.referral(ref)!.state).toBe('new');
    expect((await post(world, await siteToken(world, world.receiverSite), inbound('notify-update-process-request', ref, [task(ref, 'accepted')]))).status).toBeLessThan(300);
    expect(world.ctx.repo.referral(ref)!.state).not.toBe('new');
  });

  it('keeps Ocean site tokens and registry tokens apart', async () => {
    const oceanToken = await siteToken(world, siteB);
    expect((await request(world.sandbox.app).post('/hcim/fhir/Patient/$GetDemographics').set('Authorization', `Bearer ${oceanToken}`).set('UserId', 'x@IDIR').send(requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: '9876543218' }] }))).status).toBe(401);
    expect((await request(world.sandbox.app).get(`/ocean/svc/fhir/v1/ServiceRequest/${ref}/$letter`).set('Authorization', `Bearer ${token.b}`)).status).toBe(401);
    expect((await request(world.sandbox.app).get('/plr/HSA-web/fhir-rs/Practitioner/$entityQuery?surname=K*').set('Authorization', `Bearer ${oceanToken}`).set('UserId', 'x@IDIR')).status).toBe(401);
  });
});
