// Secrets stay out of listings (read one by name), and the admin token guards the admin API when it is set.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { ADMIN_ROUTES } from '../../src/admin/admin-index.js';
import { oceanContext } from '../../src/ocean/context.js';
import { DEMO_PARTNER } from '../../src/partners/index.js';
import { createTestSandbox } from '../support/sandbox.js';

describe('listings without secrets (no admin token, loopback)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('lists Ocean sites without their client secrets or Shared Encryption Keys, and gives them for one site by name', async () => {
    const site = oceanContext(sandbox.deps).repo.sites()[0]!;
    const list = await request(sandbox.app).get('/admin/ocean/sites').expect(200);
    expect(list.text).not.toContain(site.clientSecret);
    expect(list.text).not.toContain(site.sharedEncryptionKey);
    expect(list.body[0]).toMatchObject({ siteNum: expect.any(String), clientId: expect.any(String), clientSecret: '***', sharedEncryptionKey: '***' });
    const one = await request(sandbox.app).get(`/admin/ocean/sites/${site.siteNum}`).expect(200);
    expect(one.body).toMatchObject({ clientSecret: site.clientSecret, sharedEncryptionKey: site.sharedEncryptionKey });
  });

  it('lists partners without client secrets or passwords, and gives them for one partner by name', async () => {
    const list = await request(sandbox.app).get('/admin/partners').expect(200);
    expect(list.text).not.toContain(DEMO_PARTNER.clientSecret);
    expect(list.text).not.toContain(DEMO_PARTNER.users[0]!.password);
    expect(list.body[0]).toMatchObject({ name: 'demo', clientId: DEMO_PARTNER.clientId, clientSecret: '***' });
    const one = await request(sandbox.app).get('/admin/partners/demo').expect(200);
    expect(one.body.clientSecret).toBe(DEMO_PARTNER.clientSecret);
  });

  it('lists HCIM call-backs without the credentials a partner registered for them', async () => {
    await request(sandbox.app).post('/admin/hcim/callbacks').send({ partner: 'demo', url: 'http://127.0.0.1:9/cb', headers: { Authorization: 'Bearer partner-callback-secret' } });
    const list = await request(sandbox.app).get('/admin/hcim/callbacks').expect(200);
    expect(list.text).not.toContain('partner-callback-secret');
  });

  it('serves an index of the admin routes at /admin, and every parameterless GET it lists answers', async () => {
    const index = await request(sandbox.app).get('/admin').expect(200);
    expect(index.body.routes.length).toBe(ADMIN_ROUTES.length);
    expect(index.body.routes).toContainEqual(expect.objectContaining({ path: '/admin/reset', methods: 'POST' }));
    for (const r of ADMIN_ROUTES.filter((x) => x.methods.startsWith('GET') && !/[{?]/.test(x.path))) {
      expect((await request(sandbox.app).get(r.path)).status, r.path).toBe(200);
    }
  });
});

describe('the admin token', () => {
  const TOKEN = 'an-admin-token-for-the-test-0123456789';
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createTestSandbox({ config: { adminToken: TOKEN } });
  });
  afterAll(() => sandbox.close());

  it('refuses admin calls without it (401 outcome with a Bearer challenge), and admits them with it', async () => {
    const bare = await request(sandbox.app).get('/admin/partners/demo');
    expect(bare.status).toBe(401);
    expect(bare.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(bare.body.resourceType).toBe('OperationOutcome');
    expect(bare.text).not.toContain(DEMO_PARTNER.clientSecret);
    expect((await request(sandbox.app).post('/admin/reset').set('Authorization', 'Bearer wrong-token-wrong-token')).status).toBe(401);
    expect((await request(sandbox.app).get('/admin/partners/demo').set('Authorization', `Bearer ${TOKEN}`)).body.clientSecret).toBe(DEMO_PARTNER.clientSecret);
    expect((await request(sandbox.app).get('/ui/api/overview')).status).toBe(401);
  });

  it('leaves the health probe open', async () => {
    expect((await request(sandbox.app).get('/admin/health')).status).toBe(200);
  });

  it('signs the dashboard in with a SameSite=Strict cookie that then works, and refuses a wrong sign-in link', async () => {
    expect((await request(sandbox.app).get('/admin/login?token=nope')).status).toBe(401);
    const login = await request(sandbox.app).get(`/admin/login?token=${TOKEN}`);
    expect(login.status).toBe(303);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await request(sandbox.app).get('/admin/partners').set('Cookie', cookie.split(';')[0]!)).status).toBe(200);
  });

  it('rotates: the new token works and the old one stops working at once', async () => {
    const rotated = await request(sandbox.app).post('/admin/token/rotate').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    const fresh = rotated.body.token as string;
    expect(fresh).not.toBe(TOKEN);
    expect((await request(sandbox.app).get('/admin/clock').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(401);
    expect((await request(sandbox.app).get('/admin/clock').set('Authorization', `Bearer ${fresh}`)).status).toBe(200);
  });
});
