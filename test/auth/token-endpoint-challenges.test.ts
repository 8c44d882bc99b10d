// Each surface's 401 sends the partner to that surface's own token endpoint, and each challenge names its own realm.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createOceanSystem } from '../../src/ocean/index.js';
import { createPlrSystem } from '../../src/plr/index.js';
import { createTestSandbox } from '../support/sandbox.js';

const MESSAGE = { resourceType: 'Bundle', type: 'message', entry: [] };

let sandbox: Sandbox;
let base: string;
beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [createOceanSystem, createPlrSystem] });
  base = sandbox.deps.config.baseUrl;
});
afterAll(() => sandbox.close());

describe('a request without a token', () => {
  it("on Ocean's FHIR API names Ocean's token endpoint, not the Keycloak realm's", async () => {
    const res = await request(sandbox.app).post('/ocean/svc/fhir/v1/$process-messages').set('Content-Type', 'application/fhir+json').send(MESSAGE);
    expect(res.status).toBe(401);
    const diagnostics = res.body.issue[0].diagnostics as string;
    expect(diagnostics).toContain(`${base}/ocean/svc/oauth2/token`);
    expect(diagnostics).not.toContain('openid-connect');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it("on the PLR still names the Keycloak realm's token endpoint", async () => {
    const res = await request(sandbox.app).get('/plr/HSA-web/fhir-rs/Practitioner/$entityQuery').set('UserId', 'test');
    expect(res.status).toBe(401);
    expect(res.body.issue[0].diagnostics).toContain(`${base}/auth/realms/moh_applications/protocol/openid-connect/token`);
  });
});

describe("Ocean's token endpoint", () => {
  it('challenges bad credentials with a Basic realm of its own, not the Keycloak realm', async () => {
    const res = await request(sandbox.app).post('/ocean/svc/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
    expect(res.headers['www-authenticate']).toBe('Basic realm="Ocean"');
  });

  it('leaves the Keycloak realm its own challenge', async () => {
    const res = await request(sandbox.app).post('/auth/realms/moh_applications/protocol/openid-connect/token').type('form').send({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="moh_applications"');
  });
});
