// The timeline's "Save as scenario" in Chromium: tick a partner POS's session, save it, download a scenario that parses.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenarios/index.js';
import { startPartnerPos, type PartnerPos } from '../scenarios/support/partner-pos.js';
import { startBrowserSandbox, type BrowserSandbox } from './support/browser.js';

let s: BrowserSandbox;
let pos: PartnerPos;
beforeAll(async () => {
  s = await startBrowserSandbox();
  pos = await startPartnerPos(s.url);
  await s.admin('POST', '/ocean/integrations', { siteNum: '1008', url: pos.webhook, listings: ['broadway_medical_ima-7310042'] });
  pos.plan = ['accept'];
  await s.admin('POST', '/ocean/referrals', { listingRef: 'broadway_medical_ima-7310042', phn: '9876543218' });
  // The POS answers Ocean, then accepts the referral by itself.
  for (let i = 0; i < 100; i++) {
    await pos.idle();
    const inbound = await s.admin<Array<{ url: string }>>('GET', '/journal?system=ocean&direction=inbound&limit=100');
    if (inbound.some((e) => e.url.includes('$process-messages'))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
}, 60_000);
afterAll(async () => {
  await pos.close();
  await s.close();
});

describe('Save as scenario on the timeline', () => {
  it('saves the ticked exchanges of a partner\'s session as a scenario file to download', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/timeline?partner=demo&system=ocean`);
    await page.locator('details.entry').first().waitFor();
    // A tick box does not open its row.
    await page.locator('details.entry input.pick').first().click();
    expect(await page.locator('details.entry').first().evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.click('#select-shown');
    await page.fill('#save-scenario input[name="scenario-id"]', 'ui-flow');
    await page.click('#save-scenario button[type="submit"]');
    const link = page.locator('#save-scenario-download');
    await link.waitFor();
    expect(await link.getAttribute('download')).toBe('ui-flow.yaml');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const text = await readFile((await download.path())!, 'utf8');
    const scenario = parseScenarioText(text);
    expect(scenario.id).toBe('ui-flow');
    expect(scenario.steps.map((x) => (x.step.kind === 'send' ? `send ${x.step.message}` : x.step.kind === 'expect' ? `expect ${x.step.direction} ${x.step.event}` : x.step.kind))).toEqual(
      expect.arrayContaining(['send add-service-request', 'expect outbound add-service-request', 'expect inbound notify-add-process-request']),
    );
    await s.shot('timeline-save-as-scenario');
    expect(s.pageErrors).toEqual([]);
  });
});
