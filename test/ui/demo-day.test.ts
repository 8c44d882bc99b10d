import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/chromium.js';
import { startBrowserSandbox, type BrowserSandbox } from './support/browser.js';

/** How long another window may take to redraw after a change (it refreshes within about a second). */
const LIVE = { timeout: 5000 };

/** The real Demo Day scenario (scenarios/demo/demo-day.yaml: the DRO guide's "Demo" agenda), stepped as a trainer would. */
const DEMO_SCENARIO = 'demo-day';

interface Delivery {
  id: string;
  attempts: Array<{ status?: number; error?: string }>;
  state: string;
}
interface Referral {
  ref: string;
  senderSiteNum: string;
  state: string;
}

describe('Demo Day in the dashboard', () => {
  let s: BrowserSandbox;
  let portal: Page;
  let sender: string;

  beforeAll(async () => {
    s = await startBrowserSandbox();
    sender = s.running.sandbox.deps.population.fixtures.familyClinicSiteNum!;
    // A second window, as on a trainer's second screen: the sending site's portal, never reloaded.
    portal = await s.context.newPage();
    portal.setDefaultTimeout(10_000);
    portal.on('pageerror', (e) => s.pageErrors.push(e.message));
  }, 180_000);
  afterAll(() => s?.close());

  const count = (p: Page, side: string, folder: string, prefix = '') => p.locator(`#${prefix}${side}-folders [data-folder="${folder}"]`).getAttribute('data-count');
  const progress = () => s.page.locator('#demo-progress').innerText();
  const next = async () => {
    const before = await progress();
    await s.page.click('#demo-next');
    await expect.poll(progress, { timeout: 20_000 }).not.toBe(before);
  };

  it('steps the Demo Day scenario to a completed referral, with narration, one Back, and the folders updating live', async () => {
    const { page } = s;
    await portal.goto(`${s.url}/#/ocean?site=${sender}&folder=sent:Sent (All)`);
    await portal.locator('#feed-state.live').waitFor();
    expect(await count(portal, 'sent', 'Sent (All)')).toBe('0');

    await page.goto(`${s.url}/#/demo`);
    await page.bringToFront();
    await page.locator('#feed-state.live').waitFor();
    await page.selectOption('select[name="scenario"]', DEMO_SCENARIO);
    await page.click('#demo-start');
    await expect.poll(progress).toMatch(/^step 0\/\d+$/);
    const total = Number(/\/(\d+)/.exec(await progress())![1]);
    await next();
    expect((await page.locator('#demo-narration').innerText()).length).toBeGreaterThan(20);
    await s.shot('demo-day-1-narration');

    // Step until the referral is out: the portal in the other window counts it without a reload.
    let position = 1;
    while ((await s.admin<Referral[]>('GET', '/ocean/referrals')).length === 0 && position < total) {
      await next();
      position++;
    }
    await expect.poll(() => count(portal, 'sent', 'Sent (All)'), LIVE).toBe('1');
    expect(await count(portal, 'sent', 'Completed')).toBe('0');
    await s.shot('demo-day-2-referral-sent');
    await screenshot(portal, 'test-artifacts/ui/demo-day-2-portal-sent.png');

    // One step back undoes the step that sent it (snapshot restore), and the portal follows.
    await page.click('#demo-back');
    // Back restores the session's one snapshot and replays the steps before: give it time.
    await expect.poll(progress, { timeout: 15_000 }).toBe(`step ${position - 1}/${total}`);
    await expect.poll(() => count(portal, 'sent', 'Sent (All)'), LIVE).toBe('0');
    await next();
    await expect.poll(() => count(portal, 'sent', 'Sent (All)'), LIVE).toBe('1');

    // The trainer steps on; once the receiver has booked, the portal window shows Booking Confirmed by itself.
    const ref = (await s.admin<Referral[]>('GET', '/ocean/referrals'))[0]!.ref;
    const state = async () => (await s.admin<Referral>('GET', `/ocean/referrals/${ref}`)).state;
    while ((await state()) !== 'booking-confirmed' && !(await progress()).includes('finished')) await next();
    await expect.poll(() => count(portal, 'sent', 'Booking Confirmed'), { timeout: 5000 }).toBe('1');
    await screenshot(portal, 'test-artifacts/ui/demo-day-2-portal-booked.png');
    while (!(await progress()).includes('finished')) await next();
    expect(await progress()).not.toContain('failed');
    expect(await page.locator('#demo-steps li[data-status="passed"]').count()).toBe(total);
    await expect.poll(() => page.locator('#demo-referral-state').innerText()).toBe('completed');
    await expect.poll(() => count(page, 'sent', 'Completed', 'demo-')).toBe('1');
    await expect.poll(() => count(portal, 'sent', 'Completed'), { timeout: 5000 }).toBe('1');
    expect(await count(portal, 'sent', 'Booking Confirmed')).toBe('0');
    await s.shot('demo-day-3-completed');
    await screenshot(portal, 'test-artifacts/ui/demo-day-3-portal-completed.png', { fullPage: true });

    await portal.bringToFront();
    await portal.locator('#sent-folders [data-folder="Completed"]').click();
    await portal.locator('#folder-list a.patient').first().click();
    await expect.poll(() => portal.locator('#referral-state').innerText()).toBe('completed');
    expect(await portal.locator('#event-log tbody tr').count()).toBeGreaterThan(2);
    await screenshot(portal, 'test-artifacts/ui/demo-day-4-referral-page.png', { fullPage: true });
  }, 90_000);

  it('arms a delivery fault from the Faults page and shows the failed attempts and the retry that succeeds', async () => {
    const { page } = s;
    await page.bringToFront();
    const referral = (await s.admin<Referral[]>('GET', '/ocean/referrals'))[0]!;
    await page.goto(`${s.url}/#/faults`);
    await page.selectOption('#fault-form select[name="seam"]', 'delivery.ocean');
    await page.selectOption('#fault-form select[name="kind"]', 'status');
    await page.fill('#fault-form input[name="status"]', '500');
    await page.fill('#fault-form input[name="times"]', '2');
    await page.click('#fault-form button[type="submit"]');
    await expect.poll(() => page.locator('#armed-faults tbody').innerText()).toContain('delivery.ocean');
    await s.shot('demo-day-5-fault-armed');

    // The trainer resends the referral from its page; Ocean's delivery meets the fault and retries on schedule.
    const before = await s.admin<Delivery[]>('GET', '/deliveries?channel=ocean');
    await page.goto(`${s.url}/#/referral/${referral.ref}`);
    await page.click('button:has-text("Resend as updated")');
    await expect.poll(async () => (await s.admin<Delivery[]>('GET', '/deliveries?channel=ocean')).length).toBe(before.length + 1);
    await page.goto(`${s.url}/#/timeline?failures=1`);
    await s.admin('POST', '/clock/advance', { duration: 'PT1M' });
    const fresh = (await s.admin<Delivery[]>('GET', '/deliveries?channel=ocean')).filter((d) => !before.some((b) => b.id === d.id));
    expect(fresh).toHaveLength(1);
    // Two attempts failed; the timeline lists the delivery as being retried, with its next attempt.
    await expect.poll(() => page.locator('#retries').innerText()).toContain(fresh[0]!.id);
    await s.shot('demo-day-6-retrying');
    await s.admin('POST', '/clock/advance', { duration: 'PT5M' });
    await expect.poll(() => page.locator('#retries').innerText()).not.toContain(fresh[0]!.id);
    // The third attempt is an HTTP call of its own: the delivery is read once it has settled, not at one instant.
    const delivery = async () => (await s.admin<Delivery[]>('GET', '/deliveries?channel=ocean')).find((d) => d.id === fresh[0]!.id)!;
    await expect.poll(async () => (await delivery()).state).toBe('delivered');
    expect((await delivery()).attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    // The failures-only timeline got them live.
    await expect.poll(() => page.locator('details.entry.fail').count()).toBeGreaterThanOrEqual(2);

    await page.goto(`${s.url}/#/timeline?correlation=${encodeURIComponent(fresh[0]!.id)}`);
    await expect.poll(() => page.locator('details.entry.fail').count()).toBe(2);
    expect(await page.locator('details.entry').count()).toBe(3);
    expect(await page.locator('#timeline').innerText()).toContain('simulated fault: HTTP 500');
    await s.shot('demo-day-7-retries-timeline');

    await page.goto(`${s.url}/#/deliveries?correlation=${encodeURIComponent(fresh[0]!.id)}`);
    await page.locator('#deliveries details.attempts summary').first().click();
    expect(await page.locator('#deliveries').innerText()).toContain('3 attempts');
    await s.shot('demo-day-8-deliveries');
  });

  it('resets to the demo snapshot taken before the first step', async () => {
    const { page } = s;
    await portal.goto(`${s.url}/#/ocean?site=${sender}&folder=sent:Sent (All)`);
    await expect.poll(() => count(portal, 'sent', 'Sent (All)'), LIVE).toBe('1');
    await page.goto(`${s.url}/#/demo`);
    await page.bringToFront();
    await page.click('#demo-reset');
    await page.click('#demo-reset');
    await expect.poll(() => page.locator('#demo-session').innerText()).toContain('Pick a scenario');
    expect(await s.admin<Referral[]>('GET', '/ocean/referrals')).toEqual([]);
    await expect.poll(() => count(portal, 'sent', 'Sent (All)'), LIVE).toBe('0');
    expect(s.dialogs).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
