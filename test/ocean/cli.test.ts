// `hie-sandbox ocean ...` against a running sandbox: integrate, refer, show, resend, cancel, and usage errors.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { createOceanWorld, receivedEvents, type OceanWorld } from './support/ocean-sandbox.js';

describe('hie-sandbox ocean', () => {
  let world: OceanWorld;
  let server: Server;
  let url: string;
  let out: string[];
  beforeEach(async () => {
    world = await createOceanWorld();
    server = world.sandbox.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await new Promise((r) => server.close(r));
    await world.close();
  });

  it('sends a referral with `ocean refer` and shows it with `ocean referral`', async () => {
    const phn = world.sandbox.deps.population.fixtures.ordinaryPatientPhn;
    expect(await runCli(['ocean', 'refer', '--patient', phn, '--listing', world.listingRef, '--url', url, '--json'])).toBe(0);
    const created = JSON.parse(out.join('')) as { ref: string };
    await world.sandbox.deps.delivery.idle();
    expect(receivedEvents(world.receiver).map((e) => e.event)).toEqual(['add-service-request']);
    out.length = 0;
    expect(await runCli(['ocean', 'referral', created.ref, '--url', url])).toBe(0);
    expect(out.join('')).toContain('received: New');
    expect(await runCli(['ocean', 'resend', created.ref, '--as', 'updated', '--url', url])).toBe(0);
    expect(await runCli(['ocean', 'cancel', created.ref, '--url', url])).toBe(0);
    expect(world.ctx.repo.referral(created.ref)!.state).toBe('cancelled');
  });

  it('exits 2 with one line for an unknown listing or a bad --as', async () => {
    const errors: string[] = [];
    const phn = world.sandbox.deps.population.fixtures.ordinaryPatientPhn;
    expect(await runCli(['ocean', 'refer', '--patient', phn, '--listing', 'nope-1', '--url', url], (t) => errors.push(t))).toBe(2);
    expect(errors.join('')).toContain('nope-1');
    expect(await runCli(['ocean', 'resend', 'x', '--as', 'sideways', '--url', url], (t) => errors.push(t))).toBe(2);
  });

  it('lists sites with their credentials and registers an integration with `ocean integrate`', async () => {
    expect(await runCli(['ocean', 'sites', '--url', url, '--json'])).toBe(0);
    const sites = JSON.parse(out.join('')) as Array<{ siteNum: string; clientId: string }>;
    expect(sites.map((s) => s.siteNum)).toContain(world.senderSite);
    out.length = 0;
    expect(await runCli(['ocean', 'integrate', '--site', world.senderSite, '--webhook', `${world.receiver.url}/sender`, '--url', url])).toBe(0);
    expect(out.join('')).toContain('registered integration');
    expect(world.ctx.repo.integrations(world.senderSite)).toHaveLength(1);
  });
});
