// Ocean's token endpoint (both encodings OceanMD's code uses), NamingSystem, $letter and $binary.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOceanWorld, sendReferral, siteToken, type OceanWorld } from './support/ocean-sandbox.js';

const pdfBody = (res: request.Response) => Buffer.from(res.body as Buffer);

describe('Ocean token endpoint, NamingSystem and documents', () => {
  let world: OceanWorld;
  beforeEach(async () => {
    world = await createOceanWorld();
  });
  afterEach(() => world.close());

  it('issues a site token for lower-case Basic credentials with grant_type in the query (OTI) and it passes the connection test', async () => {
    const site = world.ctx.repo.site(world.receiverSite)!;
    const basic = Buffer.from(`${site.clientId}:${site.clientSecret}`).toString('base64');
    const res = await request(world.sandbox.app).post('/ocean/svc/oauth2/token?grant_type=client_credentials').set('Authorization', `basic ${basic}`).set('Content-Type', 'application/x-www-form-urlencoded;charset=UTF-8');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const verified = await world.sandbox.deps.issuer.verify(res.body.access_token, 'ocean');
    expect(verified.ok && verified.claims.site).toBe(site.siteNum);
    const ns = await request(world.sandbox.app).get('/ocean/svc/fhir/v1/NamingSystem/id-site-number').set('Authorization', `Bearer ${res.body.access_token}`);
    expect(ns.status).toBe(200);
    expect(ns.body.uniqueId[0].value).toBe(`${world.sandbox.deps.config.baseUrl}/ocean/svc/fhir/v1/NamingSystem/id-site-number`);
  });

  it('answers bad credentials and grants in the OAuth error dialect', async () => {
    const bad = await request(world.sandbox.app).post('/ocean/svc/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_client');
    const site = world.ctx.repo.site(world.receiverSite)!;
    const grant = await request(world.sandbox.app).post('/ocean/svc/oauth2/token').type('form').send({ grant_type: 'password', client_id: site.clientId, client_secret: site.clientSecret });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unsupported_grant_type');
  });

  it('regenerates site credentials only with the Shared Encryption Key', async () => {
    const site = world.ctx.repo.site(world.receiverSite)!;
    const refused = await request(world.sandbox.app).post(`/admin/ocean/sites/${site.siteNum}/credentials`).send({ sharedEncryptionKey: 'wrong' });
    expect(refused.status).toBe(403);
    const res = await request(world.sandbox.app).post(`/admin/ocean/sites/${site.siteNum}/credentials`).send({ sharedEncryptionKey: site.sharedEncryptionKey });
    expect(res.status).toBe(201);
    const old = await request(world.sandbox.app).post('/ocean/svc/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: site.clientId, client_secret: site.clientSecret });
    expect(old.status).toBe(401);
  });

  it('serves the referral letter as a PDF, a larger one with attachments, and each attachment through $binary', async () => {
    const text = Buffer.from('Previous imaging: none.').toString('base64');
    const { ref, attachments } = await sendReferral(world, { attachments: [{ title: 'history.txt', contentType: 'text/plain', data: text }] });
    const token = await siteToken(world, world.receiverSite);
    const plain = await request(world.sandbox.app).get(`/ocean/svc/fhir/v1/ServiceRequest/${ref}/$letter`).set('Authorization', `Bearer ${token}`).buffer(true);
    const full = await request(world.sandbox.app).get(`/ocean/svc/fhir/v1/ServiceRequest/${ref}/$letter?attachments=true`).set('Authorization', `Bearer ${token}`).buffer(true);
    expect(plain.status).toBe(200);
    expect(pdfBody(plain).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfBody(full).length).toBeGreaterThan(pdfBody(plain).length);
    const bin = await request(world.sandbox.app).get(`/ocean/svc/fhir/v1/DocumentReference/${attachments[0]!.id}/$binary`).set('Authorization', `Bearer ${token}`).buffer(true);
    expect(bin.status).toBe(200);
    expect(bin.headers['content-type']).toContain('text/plain');
    expect(Buffer.from(bin.text ?? '').toString()).toBe('Previous imaging: none.');
  });

  it('refuses the letter to a site with no role and answers unknown refs with a 404 OperationOutcome', async () => {
    const { ref } = await sendReferral(world);
    const outsider = world.ctx.repo.sites().find((s) => s.siteNum !== world.senderSite && s.siteNum !== world.receiverSite)!;
    const res = await request(world.sandbox.app).get(`/ocean/svc/fhir/v1/ServiceRequest/${ref}/$letter`).set('Authorization', `Bearer ${await siteToken(world, outsider.siteNum)}`);
    expect(res.status).toBe(403);
    const token = await siteToken(world, world.receiverSite);
    const missing = await request(world.sandbox.app).get(`/ocean/svc/fhir/v1/ServiceRequest/${crypto.randomUUID()}/$letter`).set('Authorization', `Bearer ${token}`);
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
    const ns = await request(world.sandbox.app).get('/ocean/svc/fhir/v1/NamingSystem/id-nothing').set('Authorization', `Bearer ${token}`);
    expect(ns.status).toBe(404);
  });
});
