// Ocean's token endpoint (both encodings OceanMD's code uses), NamingSystem, $letter and $binary.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOceanWorld, inbound, sendReferral, siteToken, task, type OceanWorld } from './support/ocean-sandbox.js';

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

describe("Ocean at the root of the host, where OceanMD's clients look for it", () => {
  let world: OceanWorld;
  beforeEach(async () => {
    world = await createOceanWorld();
  });
  afterEach(() => world.close());

  /** What AR does: `new URL(getOceanServerUrl(...)).origin + "/svc/oauth2/token"`, here as a path on the test app. */
  const fromOrigin = (path: string) => new URL(`${new URL(world.ctx.host).origin}${path}`).pathname;

  it('issues a token at {origin}/svc/oauth2/token for a client configured with the /ocean host, and it works on both bases', async () => {
    const site = world.ctx.repo.site(world.receiverSite)!;
    const token = await request(world.sandbox.app).post(fromOrigin('/svc/oauth2/token')).type('form').send({ grant_type: 'client_credentials', client_id: site.clientId, client_secret: site.clientSecret });
    expect(token.status).toBe(200);
    const bearer = `Bearer ${token.body.access_token}`;
    const atRoot = await request(world.sandbox.app).get('/svc/fhir/v1/NamingSystem/id-site-number').set('Authorization', bearer);
    expect(atRoot.status).toBe(200);
    expect(atRoot.body.resourceType).toBe('NamingSystem');
    expect((await request(world.sandbox.app).get('/ocean/svc/fhir/v1/NamingSystem/id-site-number').set('Authorization', bearer)).status).toBe(200);
  });

  it('serves metadata, $process-messages and $letter at /svc/fhir/v1 with the same handlers and store', async () => {
    const metadata = await request(world.sandbox.app).get('/svc/fhir/v1/metadata');
    expect(metadata.status).toBe(200);
    expect(metadata.body.resourceType).toBe('CapabilityStatement');
    const { ref } = await sendReferral(world);
    const token = await siteToken(world, world.receiverSite);
    const res = await request(world.sandbox.app).post('/svc/fhir/v1/$process-messages').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/fhir+json').send(JSON.stringify(inbound('notify-update-process-request', ref, [task(ref, 'accepted')])));
    expect(res.status).toBe(200);
    expect(world.ctx.repo.referral(ref)!.state).toBe('pending-booking');
    const letter = await request(world.sandbox.app).get(`/svc/fhir/v1/ServiceRequest/${ref}/$letter`).set('Authorization', `Bearer ${token}`).buffer(true);
    expect(letter.status).toBe(200);
    expect(pdfBody(letter).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('journals root requests as Ocean\'s, names the root token endpoint on a 401, and answers unknown /svc paths as Ocean', async () => {
    const none = await request(world.sandbox.app).post('/svc/fhir/v1/$process-messages').set('Content-Type', 'application/fhir+json').send({ resourceType: 'Bundle', type: 'message', entry: [] });
    expect(none.status).toBe(401);
    expect(none.body.issue[0].diagnostics).toContain(`${world.sandbox.deps.config.baseUrl}/svc/oauth2/token`);
    const journaled = world.sandbox.deps.journal.query({ system: 'ocean', direction: 'inbound', limit: 1000 });
    expect(journaled.some((e) => e.url === '/svc/fhir/v1/$process-messages' && e.status === 401)).toBe(true);
    const unknown = await request(world.sandbox.app).get('/svc/fhir/v1/Nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.issue[0].diagnostics).toContain('OCEAN');
    const elsewhere = await request(world.sandbox.app).get('/svcx/fhir/v1/metadata');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.issue[0].diagnostics).not.toContain('OCEAN');
  });
});
