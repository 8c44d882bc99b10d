// The dashboard behind an admin token: the sign-in link's cookie carries its admin calls and its live feed,
// and its admin pages read secrets one record at a time.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startSandbox, type RunningSandbox } from '../../src/main.js';
import { oceanContext } from '../../src/ocean/context.js';
import { DEMO_PARTNER } from '../../src/partners/index.js';
import { launchChromium, screenshot, type BrowserLease } from '../support/chromium.js';
import { TEST_SIZES } from '../support/sandbox.js';

const TOKEN = 'dashboard-admin-token-0123456789abcdef';
const ARTIFACTS = 'test-artifacts/security';
let running: RunningSandbox;
let browser: BrowserLease;
let page: Page;
beforeAll(async () => {
  running = await startSandbox(loadConfig({}, { port: 0, dataFile: undefined, clock: { kind: 'manual' }, storeFlushMs: 5, sizes: TEST_SIZES, adminToken: TOKEN }), createLogger('silent'));
  browser = await launchChromium(ARTIFACTS);
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

describe('the dashboard with an admin token', () => {
  it('is refused its data before signing in, and works after the sign-in link', async () => {
    await page.goto(`${running.url}/`);
    await expect.poll(() => page.locator('#feed-state').innerText()).not.toBe('live');
    await page.goto(`${running.url}/admin/login?token=${TOKEN}`);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.locator('#feed-state').innerText()).toBe('live');
    await expect.poll(() => page.locator('#clock-now').innerText()).toContain('(manual)');
  });

  it('shows partner and site secrets read from each record by name', async () => {
    await page.goto(`${running.url}/#/partners`);
    await page.locator('#partners button', { hasText: 'show' }).first().click();
    await expect.poll(() => page.locator('#partners').innerText()).toContain(DEMO_PARTNER.clientSecret);
    await page.goto(`${running.url}/#/integrations`);
    const site = oceanContext(running.sandbox.deps).repo.sites()[0]!;
    await page.locator('button', { hasText: 'show' }).first().click();
    await expect.poll(() => page.locator('main').innerText()).toContain(site.clientSecret);
    await screenshot(page, `${ARTIFACTS}/dashboard-token-integrations.png`, { fullPage: true });
  });
});
