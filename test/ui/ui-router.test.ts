import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { CONTENT_SECURITY_POLICY } from '../../src/ui/index.js';
import { createTestSandbox } from '../support/sandbox.js';

describe('dashboard router', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('serves the shell at / with a strict CSP and no inline script or style', async () => {
    const res = await request(sandbox.app).get('/').expect(200);
    expect(res.type).toBe('text/html');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toMatch(/<script type="module" src="\/ui\/app\.js\?v=[^"]+"><\/script>/);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('serves the bundled client and stylesheet as files under the same CSP', async () => {
    const js = await request(sandbox.app).get('/ui/app.js').expect(200);
    expect(js.type).toBe('text/javascript');
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(js.text).toContain('/admin/events');
    expect(js.text).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|document\.write/);
    const css = await request(sandbox.app).get('/ui/style.css').expect(200);
    expect(css.type).toBe('text/css');
    expect(css.text).toContain('.timeline');
  });

  it('keeps the plain landing page reachable without JavaScript', async () => {
    const res = await request(sandbox.app).get('/ui/plain').expect(200);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.text).toContain('/admin/events');
    expect(res.text).toContain('demo-pos');
  });

  it('answers the overview with the endpoints a POS configures and the demo credentials', async () => {
    const res = await request(sandbox.app).get('/ui/api/overview').expect(200);
    const base = sandbox.deps.config.baseUrl;
    expect(res.body.version).toBe(sandbox.deps.version);
    expect(res.body.endpoints).toContainEqual({ label: 'Token endpoint (PLR, HCIM)', url: `${base}/auth/realms/moh_applications/protocol/openid-connect/token` });
    expect(res.body.demoPartner).toMatchObject({ clientId: 'demo-pos', clientSecret: 'demo-secret', username: 'demo@IDIR' });
    expect(res.body.clock.now).toBe(sandbox.deps.clock.iso());
  });

  it('leaves unknown /ui paths to the sandbox 404 OperationOutcome', async () => {
    const res = await request(sandbox.app).get('/ui/nope.js').expect(404);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});
