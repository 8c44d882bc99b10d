// $letter and $binary answer bytes: a client asking for their media types gets them; other types get a 406 outcome.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOceanWorld, sendReferral, siteToken, type OceanWorld } from './support/ocean-sandbox.js';

const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('content negotiation on the document operations', () => {
  let world: OceanWorld;
  let token: string;
  let letterPath: string;
  let binaryPath: string;
  beforeEach(async () => {
    world = await createOceanWorld();
    const referral = await sendReferral(world, { attachments: [{ title: 'knee.png', contentType: 'image/png', data: PNG_BYTES.toString('base64') }] });
    token = await siteToken(world, world.receiverSite);
    letterPath = `/ocean/svc/fhir/v1/ServiceRequest/${referral.ref}/$letter`;
    binaryPath = `/ocean/svc/fhir/v1/DocumentReference/${referral.attachments[0]!.id}/$binary`;
  });
  afterEach(() => world.close());

  const get = (path: string, accept: string) => request(world.sandbox.app).get(path).set('Authorization', `Bearer ${token}`).set('Accept', accept).buffer(true);

  it.each(['application/pdf', 'Application/PDF; q=1.0', 'text/html, application/pdf;q=0.9', 'application/*', 'application/fhir+json'])('serves the letter to a client sending Accept: %s', async (accept) => {
    const res = await get(letterPath, accept);
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.each(['image/png', 'image/*', 'application/octet-stream'])('serves an attachment through $binary, in its own type, to a client sending Accept: %s', async (accept) => {
    const res = await get(binaryPath, accept);
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(Buffer.from(res.body as Buffer)).toEqual(PNG_BYTES);
  });

  it('refuses a type the letter is not with a 406 OperationOutcome that says what it is', async () => {
    for (const accept of ['text/html', 'image/png', 'application/xml', 'application/pdf;q=0', 'application/pdf; q=0.0, text/html', 'application/pdf;q=0, */*', 'application/pdf;q=0.0, application/fhir+json']) {
      const res = await get(letterPath, accept);
      expect(res.status, accept).toBe(406);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const outcome = res.body as { resourceType: string; issue: Array<{ code: string; diagnostics: string }> };
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0]!.code).toBe('not-supported');
      expect(outcome.issue[0]!.diagnostics).toContain('application/pdf');
    }
  });

  it('keeps refusing application/pdf where the answer is a FHIR resource', async () => {
    const res = await get('/ocean/svc/fhir/v1/NamingSystem/id-site-number', 'application/pdf');
    expect(res.status).toBe(406);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  it('answers a PDF-only client with a 404 OperationOutcome for a referral that does not exist', async () => {
    const res = await get(`/ocean/svc/fhir/v1/ServiceRequest/${crypto.randomUUID()}/$letter`, 'application/pdf');
    expect(res.status).toBe(404);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});
