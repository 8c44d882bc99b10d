// What a trainer in front of a room would find awkward, at the two screen sizes rooms have (1280x800, 1920x1080).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/chromium.js';
import { ARTIFACTS, startBrowserSandbox, type BrowserSandbox } from './support/browser.js';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

let s: BrowserSandbox;
let fx: BrowserSandbox['running']['sandbox']['deps']['population']['fixtures'];

beforeAll(async () => {
  s = await startBrowserSandbox();
  fx = s.running.sandbox.deps.population.fixtures;
  await s.admin('POST', '/ocean/referrals', { siteNum: fx.familyClinicSiteNum, listingRef: fx.imagingListingRef, phn: fx.ordinaryPatientPhn, reason: 'Knee MRI' });
}, 120_000);
afterAll(() => s?.close());

/** One window per screen size for the whole file (a browser context costs a renderer process and most of a second). */
const windows = new Map<number, Page>();

/**
 * Runs `check` at each size on a freshly loaded page, with a screenshot of each. The window first leaves the dashboard
 * for a page of the same origin, so nothing of the last check stays; about:blank would do that too, but Chromium gives
 * every navigation between about:blank and the sandbox a new renderer process, about a CPU-second each.
 */
async function atBothSizes(name: string, check: (page: Page, size: (typeof SIZES)[number]) => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    let page = windows.get(size.width);
    if (!page) {
      page = await (await s.browser.newContext({ viewport: size })).newPage();
      page.setDefaultTimeout(10_000);
      windows.set(size.width, page);
    }
    await page.goto(`${s.url}/admin/health`);
    try {
      await check(page, size);
      await screenshot(page, `${ARTIFACTS}/polish-${name}-${size.width}.png`);
    } finally {
      page.removeAllListeners('request');
    }
  }
}

/** Inputs whose placeholder is wider than the box that shows it (measured with the input's own font). */
const clippedPlaceholders = (page: Page) =>
  page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    return Array.from(document.querySelectorAll<HTMLInputElement>('input[placeholder]'))
      .filter((i) => i.offsetParent !== null)
      .filter((i) => {
        const style = getComputedStyle(i);
        ctx.font = style.font;
        return ctx.measureText(i.placeholder).width > i.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      })
      .map((i) => `${i.name}: ${i.placeholder}`);
  });

describe('dashboard polish', () => {
  it('opens the portal on the Sent folder for a site that has only sent referrals', async () => {
    await atBothSizes('portal', async (page) => {
      await page.goto(`${s.url}/#/ocean?site=${fx.familyClinicSiteNum}`);
      await expect.poll(() => page.locator('#folder-list h3').innerText()).toBe('Sent · Sent (All)');
      expect(await page.locator('#folder-list tbody tr').count()).toBe(1);
      expect(await clippedPlaceholders(page)).toEqual([]);
    });
  });

  it('puts the integration form above the sites, and shows a few sites with a filter and "Show all"', async () => {
    await atBothSizes('integrations', async (page, size) => {
      await page.goto(`${s.url}/#/integrations`);
      const form = await page.locator('#integration-form').boundingBox();
      expect(form!.y + form!.height).toBeLessThan(size.height);
      const sites = s.running.sandbox.deps.population.oceanSites().length;
      expect(await page.locator('#sites tbody tr').count()).toBe(Math.min(12, sites));
      await page.fill('input[name="site-filter"]', fx.imagingSiteNum!);
      await expect.poll(() => page.locator('#sites tbody tr').count()).toBe(1);
      await page.fill('input[name="site-filter"]', '');
      if (sites > 12) await page.click('#show-all-sites');
      else expect(await page.locator('#show-all-sites').count()).toBe(0);
      expect(await page.locator('#sites tbody tr').count()).toBe(sites);
      expect(await clippedPlaceholders(page)).toEqual([]);
    });
  });

  it('shows the sandbox state by system with readable labels, not storage keys', async () => {
    await atBothSizes('overview', async (page) => {
      await page.goto(`${s.url}/#/`);
      const state = page.locator('.count-blocks');
      await expect.poll(() => state.count()).toBe(1);
      const text = await state.innerText();
      expect(text).toMatch(/POPULATION/i);
      expect(text).toContain('refresh tokens');
      expect(text).not.toMatch(/store\.|refreshTokens|\bmeta\b/);
    });
  });

  it('shows action messages in the header band, over nothing on the page, and every placeholder whole', async () => {
    await atBothSizes('clock', async (page) => {
      await page.goto(`${s.url}/#/clock`);
      await page.click('button[data-duration="PT1M"]');
      const toast = page.locator('.status.show');
      await expect.poll(() => toast.count()).toBe(1);
      const box = (await toast.boundingBox())!;
      const header = (await page.locator('header.top').boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(header.y + header.height);
      expect(await clippedPlaceholders(page)).toEqual([]);
    });
  });

  it('says how far the clock is from real time and brings it back', async () => {
    await atBothSizes('clock-real', async (page) => {
      await s.admin('POST', '/clock/advance', { duration: 'PT50H' });
      await page.goto(`${s.url}/#/clock`);
      await expect.poll(() => page.locator('#clock-drift').count()).toBe(1);
      await page.click('#clock-real');
      await expect.poll(() => page.locator('#clock-drift').count()).toBe(0);
      const now = Date.parse((await s.admin<{ now: string }>('GET', '/clock')).now);
      expect(Math.abs(now - Date.now())).toBeLessThan(60_000);
    });
  });

  it('serves the plain page without a favicon request', async () => {
    await atBothSizes('plain', async (page) => {
      const asked: string[] = [];
      page.on('request', (r) => asked.push(new URL(r.url()).pathname));
      await page.goto(`${s.url}/ui/plain`);
      await page.waitForLoadState('load');
      expect(asked).toEqual(['/ui/plain']);
    });
  });
});
