import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSandbox, type BrowserSandbox } from './support/browser.js';

const SCRIPT = "<script>window.__xss = 'script'</script>";
const IMG = '<img src=x onerror="window.__xss = \'img\'; alert(1)">';
const SVG = '<svg onload="window.__xss = \'svg\'">';

/** A message Bundle whose text fields carry markup payloads, as a hostile or careless POS might send. */
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

describe('dashboard escaping in a real browser', () => {
  let s: BrowserSandbox;
  beforeAll(async () => {
    s = await startBrowserSandbox();
    const headers = { 'content-type': 'application/fhir+json', 'x-note': IMG };
    await fetch(`${s.url}/ocean/svc/fhir/v1/$process-messages`, { method: 'POST', headers, body: JSON.stringify(hostileBundle()) });
    await fetch(`${s.url}/plr/HSA-web/fhir-rs/Practitioner/$entityQuery?family=${encodeURIComponent(SCRIPT)}`);
  }, 120_000);
  afterAll(() => s?.close());

  it('shows <script> and event-handler payloads a POS sent as text and runs none of them', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/timeline`);
    await page.locator('details.entry').first().waitFor();
    await page.evaluate(`document.querySelectorAll('details.entry').forEach((d) => { d.open = true; })`);
    await page.locator('pre.body').first().waitFor();
    const text = await page.locator('#timeline').innerText();
    expect(text).toContain(SCRIPT);
    expect(text).toContain('onerror=');
    expect(await page.locator('#timeline script, #timeline img, #timeline svg').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(s.dialogs).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s.shot('xss-timeline');
  });

  it('keeps payloads inert when they arrive live over the feed', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/timeline?system=ocean`);
    await page.locator('#feed-state.live').waitFor();
    const before = await page.locator('details.entry').count();
    await fetch(`${s.url}/ocean/svc/fhir/v1/$process-messages?note=${encodeURIComponent(SVG)}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(hostileBundle()) });
    await page.waitForFunction(`document.querySelectorAll('details.entry').length > ${before}`);
    await page.evaluate(`document.querySelector('details.entry').open = true`);
    expect(await page.locator('details.entry').first().innerText()).toContain('<svg onload=');
    expect(await page.locator('#timeline svg, #timeline script').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(s.dialogs).toEqual([]);
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
