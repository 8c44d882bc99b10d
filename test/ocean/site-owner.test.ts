// A site can be handed to another partner, so a vendor on a shared sandbox has Ocean credentials of its own: its
// calls and the deliveries to its webhooks are then its evidence, not the seeded owner's.
import { createServer } from 'node:http';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOceanWorld, inbound, post, registerIntegration, sendReferral, siteToken, task, type OceanWorld } from './support/ocean-sandbox.js';

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

  it('refuses the tokens the site\'s earlier credentials got, after a hand-over and after new credentials', async () => {
    const { ref } = await sendReferral(world);
    const before = await siteToken(world, world.receiverSite);
    for (const i of world.ctx.repo.integrations(world.receiverSite)) await request(world.sandbox.app).delete(`/admin/ocean/integrations/${i.id}`).expect(204);
    expect((await assign(world.receiverSite, { partner: 'acme' })).status).toBe(200);
    const old = await post(world, before, inbound('notify-update-process-request', ref, [task(ref, 'accepted')]));
    expect(old.status).toBe(401);
    expect(old.body.issue[0].diagnostics).toContain('earlier API credentials');
    expect(world.ctx.repo.referral(ref)!.state).toBe('new');
    const acmes = await siteToken(world, world.receiverSite);
    expect((await post(world, acmes, inbound('notify-update-process-request', ref, [task(ref, 'accepted')]))).status).toBe(200);
    const site = world.ctx.repo.site(world.receiverSite)!;
    const rotated = await request(world.sandbox.app).post(`/admin/ocean/sites/${site.siteNum}/credentials`).send({ sharedEncryptionKey: site.sharedEncryptionKey });
    expect(rotated.status).toBe(201);
    expect((await post(world, acmes, inbound('notify-update-process-request', ref, [task(ref, 'completed')]))).status).toBe(401);
  });

  it('refuses a registration whose site was handed to another partner while its endpoint was being challenged', async () => {
    let arrived!: () => void;
    const challenged = new Promise<void>((r) => (arrived = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const endpoint = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', async () => {
        arrived();
        await gate;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: JSON.parse(text || '{}').challenge }));
      });
    });
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
    try {
      const { port } = endpoint.address() as { port: number };
      const registering = request(world.sandbox.app).post('/admin/ocean/integrations').send({ siteNum: world.senderSite, url: `http://127.0.0.1:${port}/other-vendor` }).then((r) => r);
      await challenged;
      expect((await assign(world.senderSite, { partner: 'acme' })).status).toBe(200);
      release();
      const registered = await registering;
      expect(registered.status).toBe(409);
      expect(registered.body.issue[0].diagnostics).toContain('during the challenge');
      expect(world.ctx.repo.integrations(world.senderSite)).toEqual([]);
    } finally {
      endpoint.closeAllConnections();
      endpoint.close();
    }
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
