import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSandbox, type BrowserSandbox } from './support/browser.js';

interface Listing {
  ref: string;
  siteNum: string;
  acceptsReferrals: boolean;
}
interface Site {
  siteNum: string;
}
interface Delivery {
  id: string;
  attempts: Array<{ status?: number; error?: string }>;
  state: string;
}

describe('Demo Day in the dashboard', () => {
  let s: BrowserSandbox;
  let listing: Listing;
  let sender: string;
  let phn: string;

  beforeAll(async () => {
    s = await startBrowserSandbox();
    const listings = await s.admin<Listing[]>('GET', '/ocean/listings');
    const sites = await s.admin<Site[]>('GET', '/ocean/sites');
    listing = listings.find((l) => l.acceptsReferrals)!;
    sender = sites.find((x) => x.siteNum !== listing.siteNum)!.siteNum;
    phn = s.running.sandbox.deps.population.fixtures.ordinaryPatientPhn;
    // The receiving clinic's POS is the sandbox's reference receiver, completing each referral step by step.
    await s.admin('POST', '/ocean/integrations', { siteNum: listing.siteNum, url: `${s.url}/pos/receiver/$process-message`, listings: [listing.ref] });
    const policy = await fetch(`${s.url}/pos/receiver/policy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'complete', delay: 'PT5M' }) });
    expect(policy.status).toBe(200);
  }, 180_000);
  afterAll(() => s?.close());

  const folder = (side: 'sent' | 'received', name: string) => s.page.locator(`#${side}-folders [data-folder="${name}"]`);

  it('sends a referral from the portal and shows it move to Completed live as the receiver answers', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/ocean?site=${sender}&folder=sent:Sent (All)`);
    await page.locator('#feed-state.live').waitFor();
    await expect.poll(() => folder('sent', 'Sent (All)').getAttribute('data-count')).toBe('0');
    await page.selectOption('#new-referral select[name="listingRef"]', listing.ref);
    await page.fill('#new-referral input[name="phn"]', phn);
    await page.fill('#new-referral input[name="reason"]', 'Demo Day: knee pain, please assess');
    await page.click('#new-referral button[type="submit"]');
    await expect.poll(() => folder('sent', 'Sent (All)').getAttribute('data-count')).toBe('1');
    await s.shot('demo-day-1-sent');

    for (let i = 0; i < 6; i++) await s.admin('POST', '/clock/advance', { duration: 'PT5M' });
    await expect.poll(() => folder('sent', 'Completed').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    await s.shot('demo-day-2-completed-folders');

    await page.locator('#folder-list a').first().click();
    await expect.poll(() => page.locator('#referral-state').innerText()).toBe('completed');
    expect(await page.locator('#event-log tbody tr').count()).toBeGreaterThan(2);
    expect(await page.locator('#sent-folder').innerText()).toBe('Completed');
    await s.shot('demo-day-3-referral-page');
  });

  it('arms a delivery fault from the Faults page and shows the failed attempts and the retry that succeeds', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/faults`);
    await page.selectOption('#fault-form select[name="seam"]', 'delivery.ocean');
    await page.selectOption('#fault-form select[name="kind"]', 'status');
    await page.fill('#fault-form input[name="status"]', '500');
    await page.fill('#fault-form input[name="times"]', '2');
    await page.click('#fault-form button[type="submit"]');
    await expect.poll(() => page.locator('#armed-faults tbody').innerText()).toContain('delivery.ocean');
    await s.shot('demo-day-4-fault-armed');

    const before = await s.admin<Delivery[]>('GET', '/deliveries?channel=ocean');
    await page.goto(`${s.url}/#/ocean?site=${sender}&folder=sent:Sent (All)`);
    await page.selectOption('#new-referral select[name="listingRef"]', listing.ref);
    await page.fill('#new-referral input[name="phn"]', phn);
    await page.click('#new-referral button[type="submit"]');
    await expect.poll(() => folder('sent', 'Sent (All)').getAttribute('data-count')).toBe('2');

    await s.admin('POST', '/clock/advance', { duration: 'PT1M' });
    await s.admin('POST', '/clock/advance', { duration: 'PT5M' });
    const after = await s.admin<Delivery[]>('GET', '/deliveries?channel=ocean');
    const fresh = after.filter((d) => !before.some((b) => b.id === d.id) && d.attempts.some((a) => a.error?.includes('simulated fault')));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.attempts.slice(0, 2).map((a) => a.status)).toEqual([500, 500]);
    expect(fresh[0]!.state).toBe('delivered');

    await page.goto(`${s.url}/#/timeline?correlation=${encodeURIComponent(fresh[0]!.id)}`);
    await expect.poll(() => page.locator('details.entry.fail').count()).toBe(2);
    expect(await page.locator('details.entry').count()).toBe(3);
    expect(await page.locator('#timeline').innerText()).toContain('simulated fault: HTTP 500');
    await s.shot('demo-day-5-retries-timeline');

    await page.goto(`${s.url}/#/deliveries?correlation=${encodeURIComponent(fresh[0]!.id)}`);
    await page.locator('#deliveries details.attempts summary').first().click();
    expect(await page.locator('#deliveries').innerText()).toContain('3 attempts');
    await s.shot('demo-day-6-deliveries');
    expect(s.dialogs).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
