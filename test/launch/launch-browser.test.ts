// The launch in a real browser: headless Chromium clicks "Launch Ocean", picks a listing, checks the pre-filled form and sends.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchsetBundle } from '../../src/fhir/index.js';
import type * as fhir from '../../src/fhir/types.js';
import type { RunningSandbox } from '../../src/main.js';
import { mapKeywords } from '../../src/ocean/launch/keywords.js';
import { prefill, QUICK_REFERRAL_FIELDS } from '../../src/ocean/launch/referral-form.js';
import { displayName, emrChart, emrPatient } from '../../src/pos/emr/patient-view.js';
import { startOceanWebhook, type Receiver } from '../support/receiver.js';
import { launchChromium, screenshot, type BrowserLease } from '../support/chromium.js';
import { startTestSandboxOnSocket } from '../support/sandbox.js';

/** Where the launch screenshots go when HIE_TEST_SCREENSHOTS=1 (gitignored). */
const LAUNCH_ARTIFACTS = 'test-artifacts/launch';

let running: RunningSandbox;
let receiver: Receiver;
let browser: BrowserLease;
let page: Page;
const pageErrors: string[] = [];
const blocked: string[] = [];

beforeAll(async () => {
  running = await startTestSandboxOnSocket();
  receiver = await startOceanWebhook();
  browser = await launchChromium(LAUNCH_ARTIFACTS);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A CSP violation or a missing stylesheet shows up as a console error.
  page.on('console', (m) => void (m.type() === 'error' && blocked.push(`${m.text()} ${m.location().url}`)));
  page.on('response', (r) => void (r.status() === 404 && blocked.push(`404 ${r.url()}`)));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await receiver?.close();
});

const shot = (name: string) => screenshot(page, `${LAUNCH_ARTIFACTS}/${name}.png`, { fullPage: true });

describe('Launch Ocean in headless Chromium', () => {
  it('clicks Launch Ocean on a chart, refers to a Healthmap listing with the pre-filled form, and the receiver gets add-service-request', async () => {
    const { deps } = running.sandbox;
    const pop = deps.population;
    const listing = pop.oceanListings().find((l) => l.ref === pop.fixtures.imagingListingRef)!;
    const reg = await fetch(`${running.url}/admin/ocean/integrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ siteNum: listing.siteNum, url: receiver.url, listings: [listing.ref] }) });
    expect(reg.status).toBe(201);
    const client = pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!;
    const patient = emrPatient(pop, client.index, deps.config.baseUrl);

    await page.goto(`${running.url}/pos/emr/`);
    await page.fill('input[name="q"]', client.phn);
    await page.click('button[type="submit"]');
    await page.click(`a:text-is("${displayName(patient)}")`);
    await expect.poll(() => page.locator('h1').innerText()).toBe(displayName(patient));
    await shot('1-emr-chart');

    await page.getByRole('button', { name: 'Launch Ocean', exact: true }).click();
    await page.waitForURL(/\/ocean\/sso\/smart\/session\/[^?]+\?view=viewMap/);
    await expect.poll(() => page.locator('#patient-banner').innerText()).toContain(client.phn);
    expect(await page.locator('#conformance').innerText()).toContain('The launching EHR did everything Ocean checks.');

    await page.fill('input[name="service"]', listing.specialty.display ?? listing.kind);
    await page.click('button:text-is("Search")');
    const row = page.locator('#listings tbody tr', { hasText: listing.title });
    await expect.poll(() => row.count()).toBe(1);
    await shot('2-ocean-healthmap');
    await row.getByRole('link', { name: 'Refer' }).click();
    await page.waitForURL(/view=referDirect/);
    expect(await page.locator('#referral-form').innerText()).toContain(listing.title);

    const expected = prefill(mapKeywords(patient, searchsetBundle([patient, ...emrChart(pop, client.index)] as fhir.FhirResource[])));
    expect(expected.rx || expected.allg || expected.prob).not.toBe('');
    for (const f of QUICK_REFERRAL_FIELDS) expect(await page.locator(`#f-${f.linkId}`).inputValue()).toBe(expected[f.linkId]);
    await page.fill('#f-reason', 'Knee pain for 3 months; please image.');
    const attachment = page.locator('#referral-form label', { has: page.locator('input[name="attachment"]') }).first();
    const attachmentTitle = (await attachment.innerText()).trim().split(' ')[0]!;
    await attachment.locator('input').check();
    await shot('3-ocean-referral-form');

    await page.click('#send');
    await page.waitForURL(/view=portal&sent=/);
    const notice = await page.locator('#notice').innerText();
    const referralRef = /Referral (\S+) sent\./.exec(notice)?.[1];
    expect(referralRef).toBeDefined();
    expect(await page.locator('#sent').innerText()).toContain(listing.title);
    await shot('4-ocean-portal-sent');

    await deps.delivery.idle();
    const bundles = receiver.received.map((r) => JSON.parse(r.body) as fhir.Bundle).filter((b) => b.resourceType === 'Bundle');
    const add = bundles.find((b) => (b.entry?.[0]?.resource as fhir.MessageHeader).eventCoding?.code === 'add-service-request');
    expect(add).toBeDefined();
    const resources = add!.entry!.map((e) => e.resource!);
    expect(JSON.stringify(resources.find((r) => r.resourceType === 'Patient'))).toContain(client.phn);
    expect(JSON.stringify(resources.filter((r) => r.resourceType === 'PractitionerRole'))).toContain(listing.ref);
    const qr = resources.find((r) => r.resourceType === 'QuestionnaireResponse') as fhir.QuestionnaireResponse;
    const answers = Object.fromEntries((qr.item ?? []).map((i) => [i.linkId, i.answer?.[0]?.valueString ?? '']));
    expect(answers.reason).toBe('Knee pain for 3 months; please image.');
    const docs = resources.filter((r): r is fhir.DocumentReference => r.resourceType === 'DocumentReference');
    expect(docs.map((d) => d.content[0]?.attachment.title)).toContain(attachmentTitle);
    for (const linkId of ['prob', 'pmhx', 'rx', 'allg', 'immu', 'labs']) expect(answers[linkId] ?? '').toBe(expected[linkId]);
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
  it('shows an EHR that is not on the allow-list exactly what to register', async () => {
    await page.goto(`${running.url}/ocean/sso/smart/auth?iss=${encodeURIComponent('https://emr.example/fhir')}&launch=abc&action=viewMap`);
    expect(await page.locator('#launch-error').innerText()).toContain('issuer');
    expect(await page.locator('main').innerText()).toContain('hie-sandbox ocean issuer add https://emr.example/fhir');
    await shot('5-ocean-unknown-issuer');
    // The page itself answers 403, which Chromium logs; nothing else may fail (stylesheet, icon, CSP).
    expect(blocked.filter((b) => !b.includes('status of 403'))).toEqual([]);
  });
});
