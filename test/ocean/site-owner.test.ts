// A site can be handed to another partner, so a vendor on a shared sandbox has Ocean credentials of its own: its
// calls and the deliveries to its webhooks are then its evidence, not the seeded owner's.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOceanWorld, registerIntegration, siteToken, type OceanWorld } from './support/ocean-sandbox.js';

let world: OceanWorld;
beforeEach(async () => {
  world = await createOceanWorld();
  world.sandbox.deps.partners.add({ name: 'acme' }, new Date().toISOString());
});
afterEach(() => world.close());

const assign = (siteNum: string, body: unknown) => request(world.sandbox.app).put(`/admin/ocean/sites/${siteNum}/partner`).send(body as object);

describe('handing an Ocean site to a partner', () => {
  it('gives the site to the partner with new API credentials: the old ones stop working, its tokens and webhooks are the partner\'s', async () => {
    const site = world.ctx.repo.site(world.senderSite)!;
    const res = await assign(site.siteNum, { partner: 'acme' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ siteNum: site.siteNum, partner: 'acme', clientId: expect.any(String), clientSecret: expect.any(String), tokenUrl: expect.stringMatching(/\/svc\/oauth2\/token$/) });
    expect(res.body.clientId).not.toBe(site.clientId);
    const old = await request(world.sandbox.app).post('/ocean/svc/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: site.clientId, client_secret: site.clientSecret });
    expect(old.status).toBe(401);
    await siteToken(world, site.siteNum);
    const tokenCall = world.sandbox.deps.journal.query({ system: 'ocean', direction: 'inbound' }).filter((e) => e.url.endsWith('/oauth2/token') && e.status === 200).at(-1);
    expect(tokenCall?.partner).toBe('acme');
    const integration = await registerIntegration(world.sandbox, { siteNum: site.siteNum, url: `${world.receiver.url}/acme` });
    expect(integration.siteNum).toBe(site.siteNum);
    const challenge = world.sandbox.deps.journal.query({ system: 'ocean', direction: 'outbound' }).filter((e) => e.url.endsWith('/acme')).at(-1);
    expect(challenge?.partner).toBe('acme');
  });

  it('refuses an unknown partner (naming the known ones), an unknown site, and a site whose integrations another partner registered', async () => {
    const unknown = await assign(world.senderSite, { partner: 'nobody' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issue[0].diagnostics).toMatch(/nobody.*acme/);
    expect((await assign(world.senderSite, {})).status).toBe(400);
    expect((await assign(world.senderSite, { partner: 'toString' })).status).toBe(400);
    expect((await assign('999999', { partner: 'acme' })).status).toBe(404);
    const busy = await assign(world.receiverSite, { partner: 'acme' });
    expect(busy.status).toBe(409);
    expect(busy.body.issue[0].diagnostics).toContain('integration');
    expect(world.ctx.repo.site(world.receiverSite)!.partner).toBe('demo');
  });
});
