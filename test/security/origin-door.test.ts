// The door every request passes: Host names this sandbox (DNS rebinding), foreign origins cannot change admin
// state, admin writes are JSON, and every surface answers with the security headers.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { oceanContext } from '../../src/ocean/context.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ config: { port: 8913, baseUrl: 'http://sandbox.test:8913' } });
});
afterAll(() => sandbox.close());

const EVIL = 'http://evil.example';
const SURFACES = ['/admin/health', '/admin/ocean/sites', '/ocean/svc/fhir/v1/metadata', '/plr/HSA-web/fhir-rs/metadata', '/hcim/fhir/metadata', '/pos/emr/', '/', '/nowhere'];

describe('the Host check (DNS rebinding)', () => {
  it('refuses a rebound host name on the admin API without revealing a site secret', async () => {
    const secret = oceanContext(sandbox.deps).repo.sites()[0]!.clientSecret;
    const res = await request(sandbox.app).get('/admin/ocean/sites').set('Host', 'rebind.evil.example');
    expect(res.status).toBe(421);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.text).not.toContain(secret);
  });

  it('refuses a foreign host on every surface, each in its own dialect', async () => {
    for (const path of SURFACES) expect((await request(sandbox.app).get(path).set('Host', 'rebind.evil.example:8913')).status, path).toBe(421);
    const soap = await request(sandbox.app).post('/hcim/soap').set('Host', 'rebind.evil.example').type('text/xml').send('<x/>');
    expect(soap.status).toBe(421);
    expect(soap.text).toContain('soap:Fault');
    const token = await request(sandbox.app).post('/auth/realms/moh_applications/protocol/openid-connect/token').set('Host', 'rebind.evil.example').type('form').send({ grant_type: 'client_credentials' });
    expect(token.status).toBe(421);
    expect(token.body.error).toBe('invalid_request');
  });

  it('serves localhost, IP literals and the host of its base URL', async () => {
    for (const host of ['localhost:8913', '127.0.0.1:8913', '[::1]:8913', '10.1.2.3', 'sandbox.test:8913', 'SANDBOX.TEST']) {
      expect((await request(sandbox.app).get('/admin/health').set('Host', host)).status, host).toBe(200);
    }
  });
});

describe('admin writes from a foreign origin', () => {
  it('refuses a cross-origin reset and leaves the state as it was', async () => {
    await request(sandbox.app).post('/admin/partners').send({ name: 'kept-partner' }).expect(201);
    const res = await request(sandbox.app).post('/admin/reset').set('Origin', EVIL);
    expect(res.status).toBe(403);
    expect(res.body.issue[0].code).toBe('security');
    expect(sandbox.deps.partners.get('kept-partner')).toBeDefined();
  });

  it('refuses the bodiless snapshot restore a web page could send, prototype names included', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'anything']) {
      expect((await request(sandbox.app).post(`/admin/snapshots/${name}/restore`).set('Origin', EVIL)).status, name).toBe(403);
    }
    expect((await request(sandbox.app).post('/admin/snapshots/x/restore').set('Origin', 'null')).status).toBe(403);
    expect((await request(sandbox.app).delete('/admin/faults').set('Origin', EVIL)).status).toBe(403);
  });

  it("accepts writes from the sandbox's own pages and from tools that send no Origin", async () => {
    expect((await request(sandbox.app).post('/admin/clock/advance').set('Host', 'localhost:8913').set('Origin', 'http://localhost:8913').send({ duration: 'PT1M' })).status).toBe(200);
    expect((await request(sandbox.app).post('/admin/clock/advance').set('Origin', 'http://sandbox.test:8913').send({ duration: 'PT1M' })).status).toBe(200);
    expect((await request(sandbox.app).post('/admin/clock/advance').send({ duration: 'PT1M' })).status).toBe(200);
  });

  it("refuses the dashboard API's writes from a foreign origin too", async () => {
    expect((await request(sandbox.app).post('/ui/api/demo/session/next').set('Origin', EVIL).send({})).status).toBe(403);
  });

  it('reads stay open to a foreign origin (a browser cannot read the answer without CORS)', async () => {
    expect((await request(sandbox.app).get('/admin/health').set('Origin', EVIL)).status).toBe(200);
  });
});

describe('admin writes must be JSON', () => {
  it('refuses a form or text body with 415, as a cross-site form would send it', async () => {
    const form = await request(sandbox.app).post('/admin/partners').type('form').send({ name: 'from-a-form' });
    expect(form.status).toBe(415);
    expect(form.body.resourceType).toBe('OperationOutcome');
    expect((await request(sandbox.app).post('/admin/reset').set('Content-Type', 'text/plain').send('')).status).toBe(415);
    expect((await request(sandbox.app).post('/admin/partners').set('Content-Type', 'multipart/form-data; boundary=x').send('--x--')).status).toBe(415);
    expect(sandbox.deps.partners.get('from-a-form')).toBeUndefined();
  });
});

describe('security headers', () => {
  it('sends nosniff and frame-ancestors on every surface, errors included', async () => {
    for (const path of SURFACES) {
      const res = await request(sandbox.app).get(path);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['content-security-policy'], path).toMatch(/frame-ancestors '(none|self)'/);
    }
    const soap = await request(sandbox.app).post('/hcim/soap').type('text/xml').send('<x/>');
    expect(soap.headers['x-content-type-options']).toBe('nosniff');
  });
});
