import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSandbox, type BrowserSandbox } from './support/browser.js';

const SCRIPT = "<script>window.__xss = 'script'</script>";
const IMG = '<img src=x onerror="window.__xss = \'img\'; alert(1)">';
const SVG = '<svg onload="window.__xss = \'svg\'">';

/** A message Bundle whose text fields carry markup payloads, as a hostile or careless POS might send (Ocean refuses it). */
function hostileBundle() {
  return {
    resourceType: 'Bundle',
    id: SCRIPT,
    type: 'message',
    entry: [
      { fullUrl: 'urn:uuid:1', resource: { resourceType: 'MessageHeader', id: IMG, eventCoding: { code: SVG, display: SCRIPT } } },
      { fullUrl: 'urn:uuid:2', resource: { resourceType: 'Communication', status: 'completed', payload: [{ contentString: `${SCRIPT} ${IMG}` }] } },
    ],
  };
}

/** Nothing a POS sent became markup, and no payload ran. */
async function assertInert(s: BrowserSandbox, scope: string): Promise<void> {
  expect(await s.page.locator(`${scope} script, ${scope} img, ${scope} svg, ${scope} iframe`).count()).toBe(0);
  await s.page.waitForTimeout(200);
  expect(await s.page.evaluate('window.__xss')).toBeUndefined();
  expect(s.dialogs).toEqual([]);
  expect(s.pageErrors).toEqual([]);
}

describe('dashboard escaping in a real browser', () => {
  let s: BrowserSandbox;
  let ref: string;

  beforeAll(async () => {
    s = await startBrowserSandbox();
    const fx = s.running.sandbox.deps.population.fixtures;
    await s.admin('POST', '/ocean/integrations', { siteNum: fx.imagingSiteNum, url: `${s.url}/pos/receiver/$process-message`, listings: [fx.imagingListingRef] });
    await fetch(`${s.url}/pos/receiver/policy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'manual' }) });
    // A referral whose patient, reason and attachment title carry payloads, through the real Ocean.
    const patient = structuredClone(s.running.sandbox.deps.population.clientByPhn(fx.ordinaryPatientPhn)!.patient);
    patient.name = [{ use: 'official', family: IMG, given: [SCRIPT] }];
    const created = await s.admin<{ ref: string }>('POST', '/ocean/referrals', {
      siteNum: fx.familyClinicSiteNum,
      listingRef: fx.imagingListingRef,
      patient,
      reason: `${SVG} please assess`,
      attachments: [
        { title: `${IMG}.txt`, contentType: 'text/plain', data: Buffer.from(SCRIPT).toString('base64') },
        { title: 'page.html', contentType: 'text/html', data: Buffer.from(`<html><body>${SCRIPT}</body></html>`).toString('base64') },
      ],
    });
    ref = created.ref;
    // Ocean delivers add-service-request asynchronously; the receiving POS can act once it has filed it.
    await s.running.sandbox.deps.delivery.idle();
    // The receiving POS answers with a send-communication-from-provider whose text is a payload: a real
    // $process-messages post with a site token, which Ocean accepts and stores.
    const answer = await fetch(`${s.url}/pos/receiver/referrals/${ref}/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'communication', text: `${SCRIPT} ${IMG}` }) });
    expect(answer.status).toBe(200);
    const stored = await s.admin<{ state: string; communications: Array<{ payload: Array<{ contentString: string }> }> }>('GET', `/ocean/referrals/${ref}`);
    expect(stored.state).toBe('awaiting-reply');
    expect(stored.communications[0]!.payload[0]!.contentString).toBe(`${SCRIPT} ${IMG}`);
    // And a raw hostile Bundle Ocean refuses, with a payload in a header and the query too.
    await fetch(`${s.url}/ocean/svc/fhir/v1/$process-messages`, { method: 'POST', headers: { 'content-type': 'application/fhir+json', 'x-note': IMG }, body: JSON.stringify(hostileBundle()) });
    await fetch(`${s.url}/plr/HSA-web/fhir-rs/Practitioner/$entityQuery?family=${encodeURIComponent(SCRIPT)}`);
  }, 120_000);
  afterAll(() => s?.close());

  it('shows the payloads of a real referral and message as text on the referral page and runs none', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/referral/${ref}`);
    await page.locator('#event-log').waitFor();
    expect(await page.locator('#messages').innerText()).toContain(`${SCRIPT} ${IMG}`);
    const text = await page.locator('.page').innerText();
    expect(text).toContain(SCRIPT);
    expect(text).toContain(IMG);
    expect(text).toContain(`${SVG} please assess`);
    expect(await page.locator('#attachments').innerText()).toContain(`${IMG}.txt`);
    expect(await page.locator('#event-log').innerText()).toContain('<script>');
    await assertInert(s, '#main');
    await s.shot('xss-referral');

    // An HTML attachment is never rendered from the dashboard's origin: it comes down as a download.
    const html = page.locator('#attachments a[data-attachment]', { hasText: 'page.html' });
    const res = await fetch(`${s.url}${await html.getAttribute('href')}`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");

    await page.goto(`${s.url}/#/ocean?site=${s.running.sandbox.deps.population.fixtures.imagingSiteNum}`);
    await expect.poll(() => page.locator('#folder-list').innerText()).toContain(SCRIPT);
    await assertInert(s, '#main');
  });

  it('shows <script> and event-handler payloads on the timeline as text and runs none of them', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/timeline`);
    await page.locator('details.entry').first().waitFor();
    await page.evaluate(`document.querySelectorAll('details.entry').forEach((d) => { d.open = true; })`);
    await page.locator('pre.body').first().waitFor();
    const text = await page.locator('#timeline').innerText();
    expect(text).toContain(SCRIPT);
    expect(text).toContain('onerror=');
    expect(text).toContain('send-communication-from-provider');
    await assertInert(s, '#timeline');
    await s.shot('xss-timeline');
  });

  it('keeps payloads inert when they arrive live over the feed', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/timeline?system=ocean`);
    await page.locator('#feed-state.live').waitFor();
    const live = page.locator('details.entry', { hasText: '$process-messages?note=' });
    expect(await live.count()).toBe(0);
    await fetch(`${s.url}/ocean/svc/fhir/v1/$process-messages?note=${encodeURIComponent(SVG)}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(hostileBundle()) });
    // The post's own row, not the newest one: an Ocean delivery left over from beforeAll may land first. A locator
    // waits without eval (a string waitForFunction polls by eval, which the dashboard's CSP refuses).
    await live.waitFor();
    await live.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    expect(await live.innerText()).toContain('<svg onload=');
    await assertInert(s, '#timeline');
  });

  it('serves every dashboard page under a CSP that refuses inline script', async () => {
    const { page } = s;
    const res = await page.goto(`${s.url}/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    const ran = await page.evaluate(`(() => {
      const el = document.createElement('script');
      el.textContent = 'window.__inline = true';
      document.body.appendChild(el);
      return window.__inline === true;
    })()`);
    expect(ran).toBe(false);
  });
});
