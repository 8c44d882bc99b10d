import express from 'express';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createUiRouter } from '../../src/ui/index.js';
import { createTestSandbox } from '../support/sandbox.js';
import { ARTIFACTS } from './support/browser.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/scenarios/', import.meta.url));

/** The dashboard router under test, over a fixture scenario library, in front of a listening sandbox. */
describe('demo mode in a real browser', () => {
  let sandbox: Sandbox;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let url: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    sandbox = await createTestSandbox({ config: { port: Number(new URL(url).port), baseUrl: url } });
    const outer = express();
    outer.use(createUiRouter(sandbox.deps, { systems: sandbox.systems, scenarioDir: FIXTURES }));
    outer.use(sandbox.app);
    server.on('request', outer);
    sandbox.attach(server);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await sandbox?.close();
  });

  it('steps a scenario with its narration, goes back, and resets to the demo snapshot', async () => {
    const start = sandbox.deps.clock.iso();
    await page.goto(`${url}/#/demo`);
    await page.selectOption('select[name="scenario"]', 'demo-walkthrough');
    await page.click('#demo-start');
    await expect.poll(() => page.locator('#demo-progress').innerText()).toContain('step 0/4');
    await page.click('#demo-next');
    await expect.poll(() => page.locator('#demo-narration').innerText()).toContain('Welcome to Demo Day');
    await page.click('#demo-next');
    await expect.poll(() => page.locator('#demo-progress').innerText()).toContain('step 2/4');
    await page.click('#demo-next');
    await expect.poll(() => page.locator('#demo-progress').innerText()).toContain('step 3/4');
    expect(sandbox.deps.clock.now()).toBe(Date.parse(start) + 5 * 60_000);
    await page.click('#demo-back');
    await expect.poll(() => page.locator('#demo-progress').innerText()).toContain('step 2/4');
    expect(sandbox.deps.clock.iso()).toBe(start);
    await page.click('#demo-next');
    await page.click('#demo-next');
    await expect.poll(() => page.locator('#demo-progress').innerText()).toContain('finished');
    expect(await page.locator('#demo-narration').innerText()).toContain('Five minutes later');
    expect(await page.locator('#demo-steps li[data-status="passed"]').count()).toBe(4);
    await page.screenshot({ path: `${ARTIFACTS}/demo-mode-finished.png`, fullPage: true });

    expect(sandbox.deps.partners.get('demo-day-clinic')).toBeDefined();
    await page.click('#demo-reset');
    await page.click('#demo-reset');
    await expect.poll(() => page.locator('#demo-session').innerText()).toContain('Pick a scenario');
    expect(sandbox.deps.store.snapshots().map((s) => s.name)).toContain('demo');
    expect(sandbox.deps.partners.get('demo-day-clinic')).toBeUndefined();
    expect(sandbox.deps.partners.get('demo')).toBeDefined();
    expect(dialogs).toEqual([]);
  });
});
