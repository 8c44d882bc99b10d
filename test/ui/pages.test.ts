import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSandbox, type BrowserSandbox } from './support/browser.js';

interface Delivery {
  id: string;
  state: string;
  attempts: unknown[];
}

const ATTACHMENT_TEXT = 'Previous knee X-ray: no fracture.';

/** Every dashboard page against the real simulators (Ocean, PLR, HCIM, reference POS), one screenshot each. */
describe('dashboard pages over the real simulators', () => {
  let s: BrowserSandbox;
  let fx: BrowserSandbox['running']['sandbox']['deps']['population']['fixtures'];
  let ref: string;
  let patientName: string;

  beforeAll(async () => {
    s = await startBrowserSandbox();
    fx = s.running.sandbox.deps.population.fixtures;
    patientName = s.running.sandbox.deps.population.clientByPhn(fx.ordinaryPatientPhn)!.patient.name![0]!.family!;
    // The imaging centre's POS is the reference receiver, answering step by step as a clinic user would.
    await s.admin('POST', '/ocean/integrations', { siteNum: fx.imagingSiteNum, url: `${s.url}/pos/receiver/$process-message`, listings: [fx.imagingListingRef] });
    await fetch(`${s.url}/pos/receiver/policy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'manual' }) });
    const referral = await s.admin<{ ref: string }>('POST', '/ocean/referrals', {
      siteNum: fx.familyClinicSiteNum,
      listingRef: fx.imagingListingRef,
      phn: fx.ordinaryPatientPhn,
      reason: 'Right knee pain for 6 weeks; X-ray please',
      attachments: [{ title: 'Previous report.txt', contentType: 'text/plain', data: Buffer.from(ATTACHMENT_TEXT).toString('base64') }],
    });
    ref = referral.ref;
    // Ocean delivers add-service-request asynchronously; the receiving POS can act once it has filed it.
    await s.running.sandbox.deps.delivery.idle();
    const act = (body: unknown) => fetch(`${s.url}/pos/receiver/referrals/${ref}/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await act({ type: 'status', status: 'accepted', event: 'notify-add-process-request' })).status).toBe(200);
    expect((await act({ type: 'appointment', participantStatus: 'accepted', start: '2026-03-09T15:00:00Z', minutes: 30, instructions: 'Please arrive 15 minutes early.' })).status).toBe(200);
    expect((await act({ type: 'communication', text: 'Booked for Monday; bring your previous films.' })).status).toBe(200);
    await s.admin('POST', '/ocean/referrals', { siteNum: fx.familyClinicSiteNum, listingRef: fx.imagingListingRef, phn: fx.ordinaryPatientPhn, reason: 'Second opinion' });
  }, 180_000);
  afterAll(() => s?.close());

  const count = (side: string, folder: string) => s.page.locator(`#${side}-folders [data-folder="${folder}"]`).getAttribute('data-count');

  it('shows each site its Sent and Received folders with the playbook names and counts', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/ocean?site=${fx.familyClinicSiteNum}&folder=sent:Sent (All)`);
    await expect.poll(() => count('sent', 'Sent (All)')).toBe('2');
    expect(await count('sent', 'Awaiting Response')).toBe('1');
    expect(await count('received', 'Received (All)')).toBe('0');
    expect(await page.locator('#folder-list tbody tr').count()).toBe(2);
    expect(await page.locator('#folder-list').innerText()).toContain(patientName);
    expect(await page.locator('#new-referral select[name="listingRef"]').inputValue()).not.toBe('');
    await s.shot('page-ocean-sender');

    await page.goto(`${s.url}/#/ocean?site=${fx.imagingSiteNum}`);
    await expect.poll(() => count('received', 'Received (All)')).toBe('2');
    expect(await count('received', 'New')).toBe('1');
    expect(await count('received', 'Awaiting Reply')).toBe('1');
    expect(await count('sent', 'Sent (All)')).toBe('0');
    const folders = await page.locator('#received-folders .folder').evaluateAll((els) => els.map((e) => e.getAttribute('data-folder')));
    expect(folders).toEqual(['Received (All)', 'New', 'Pending Booking', 'Booking Unconfirmed', 'Booking Confirmed', 'Awaiting Reply', 'Declined', 'Cancelled', 'Completed', 'Forwarded (All)']);
    await page.click('#received-folders [data-folder="Awaiting Reply"]');
    await expect.poll(() => page.locator('#folder-list tbody tr').count()).toBe(1);
    await s.shot('page-ocean-receiver');
  });

  it('shows a referral with its form, attachments and letter, appointment, messages and event log', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/referral/${ref}`);
    await page.locator('#event-log').waitFor();
    expect(await page.locator('#referral-state').innerText()).toBe('awaiting-reply');
    expect(await page.locator('.page').innerText()).toContain('Right knee pain for 6 weeks; X-ray please');
    expect(await page.locator('#appointments').innerText()).toContain('2026-03-09 15:00:00Z');
    expect(await page.locator('#messages').innerText()).toContain('Booked for Monday; bring your previous films.');
    expect(await page.locator('#messages').innerText()).toContain('Receiver');
    const log = await page.locator('#event-log').innerText();
    for (const kind of ['created', 'notify-add-process-request', 'notify-add-appointment', 'send-communication-from-provider']) expect(log).toContain(kind);

    const attachment = await page.locator('#attachments a[data-attachment]').getAttribute('href');
    const fetched = await page.evaluate(`fetch(${JSON.stringify(attachment)}).then(async (r) => [r.status, r.headers.get('content-type'), await r.text()])`);
    expect(fetched).toEqual([200, expect.stringContaining('text/plain'), ATTACHMENT_TEXT]);
    const letter = await page.locator('#documents a[data-doc="letter"]').getAttribute('href');
    const pdf = (await page.evaluate(`fetch(${JSON.stringify(letter)}).then(async (r) => [r.status, r.headers.get('content-type'), (await r.text()).slice(0, 5)])`)) as unknown[];
    expect(pdf).toEqual([200, 'application/pdf', '%PDF-']);
    await s.shot('page-referral');

    await page.fill('#referrer-message', 'Please also image the left knee.');
    await page.click('#referrer-message-form button[type="submit"]');
    await expect.poll(() => page.locator('#messages').innerText(), { timeout: 10_000 }).toContain('Please also image the left knee.');
    expect(await page.locator('#event-log').innerText()).toContain('send-communication-from-requester');

    const missing = await fetch(`${s.url}/ui/api/ocean/referrals/no-such-referral/letter`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    await s.admin('POST', '/faults', { seam: 'ocean.letter', effect: { kind: 'status', status: 503 }, times: 1 });
    const faulted = await fetch(`${s.url}${letter}`);
    expect(faulted.status).toBe(502);
    expect(JSON.stringify(await faulted.json())).toContain('Ocean answered HTTP 503');
  });

  it('searches Healthmap listings by text and city', async () => {
    const { page } = s;
    const listing = s.running.sandbox.deps.population.oceanListings().find((l) => l.ref === fx.imagingListingRef)!;
    await page.goto(`${s.url}/#/healthmap`);
    await page.fill('input[name="q"]', listing.title.split(' - ').pop()!);
    await page.selectOption('select[name="city"]', listing.city);
    await expect.poll(() => page.locator('#listings').innerText()).toContain(listing.ref);
    expect(await page.locator('#listings tbody tr').count()).toBeLessThan(s.running.sandbox.deps.population.oceanListings().length);
    await s.shot('page-healthmap');
  });

  it('finds a provider in PLR with roles, relationships and licence status', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/plr?identifier=${fx.familyPhysicianIpc}&op=extendedQuery`);
    const match = page.locator('#plr-results .match').first();
    await match.waitFor();
    expect(await page.locator('#plr-results').innerText()).toContain('HTTP 200, 1 match');
    const text = await match.innerText();
    expect(text).toContain(fx.familyPhysicianIpc);
    expect(text).toMatch(/Roles and relationships \(\d+\)/);
    expect(text).toContain('PractitionerRole');
    expect(await match.locator('.licence .pill').first().innerText()).toBe('ACTIVE');
    await s.shot('page-plr');
    await match.locator(`a[href*="resource=Organization"]`).first().click();
    await expect.poll(() => page.locator('#plr-results').innerText()).toContain('Organization:');
  });

  it('searches HCIM by PHN and by demographics, showing candidates with scores', async () => {
    const { page } = s;
    const p = s.running.sandbox.deps.population.clientByPhn(fx.ordinaryPatientPhn)!.patient;
    await page.goto(`${s.url}/#/hcim?phn=${fx.ordinaryPatientPhn}`);
    await expect.poll(() => page.locator('#hcim-results').innerText()).toContain('HTTP 200, 1 patient');
    expect(await page.locator('#hcim-results table.candidates').innerText()).toContain(fx.ordinaryPatientPhn);
    await s.shot('page-hcim-phn');
    await page.fill('#hcim-find-form input[name="family"]', p.name![0]!.family!);
    await page.fill('#hcim-find-form input[name="birthDate"]', p.birthDate!);
    await page.click('#hcim-find-form button[type="submit"]');
    await expect.poll(() => page.locator('#hcim-results').innerText()).toContain('$FindCandidates');
    const first = await page.locator('#hcim-results table.candidates tbody tr').first().locator('td').allInnerTexts();
    expect(Number(first[0])).toBeGreaterThan(0);
    expect(first[1]).toBe(fx.ordinaryPatientPhn);
    await s.shot('page-hcim-candidates');
  });

  it('filters the timeline by system, partner and correlation id and expands an exchange', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/timeline`);
    await page.selectOption('#timeline-filters select[name="system"]', 'ocean');
    await page.selectOption('#timeline-filters select[name="partner"]', 'demo');
    await page.fill('#timeline-filters input[name="correlation"]', ref);
    await page.click('#timeline-filters button[type="submit"]');
    await expect.poll(() => page.url()).toContain(`correlation=${ref}`);
    await page.locator('details.entry').first().waitFor();
    const systems = await page.locator('details.entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-system')));
    expect(new Set(systems)).toEqual(new Set(['ocean']));
    expect(systems.length).toBeGreaterThanOrEqual(6);
    const row = page.locator('details.entry', { hasText: 'send-communication-from-provider' }).first();
    await row.locator('summary .method').click();
    expect(await row.locator('pre.body').first().innerText()).toContain('Booked for Monday');
    expect(await row.locator('.msg h4').allInnerTexts()).toEqual(['Request', 'Response']);
    await s.shot('page-timeline-filtered');
  });

  it('administers partners, faults, the clock and a dead letter replay', async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/partners`);
    await page.fill('#partner-form input[name="name"]', 'acme-emr');
    await page.click('#partner-form button[type="submit"]');
    await expect.poll(() => page.locator('#partners').innerText()).toContain('acme-emr-pos');
    await s.shot('page-admin-partners');

    await page.goto(`${s.url}/#/integrations`);
    await expect.poll(() => page.locator('#integrations').innerText()).toContain('/pos/receiver/$process-message');
    await s.shot('page-admin-integrations');

    await page.goto(`${s.url}/#/faults`);
    await page.selectOption('#fault-form select[name="seam"]', 'delivery.ocean');
    await page.click('#fault-form button[type="submit"]');
    await expect.poll(() => page.locator('#armed-faults').innerText()).toContain('delivery.ocean');
    await s.shot('page-admin-faults');

    await s.admin('POST', '/ocean/referrals', { siteNum: fx.familyClinicSiteNum, listingRef: fx.imagingListingRef, phn: fx.ordinaryPatientPhn, reason: 'Dead letter demo' });
    await page.goto(`${s.url}/#/clock`);
    const before = await page.locator('#clock-value').innerText();
    await page.click('button[data-duration="PT96H"]');
    await expect.poll(() => page.locator('#clock-value').innerText(), { timeout: 20_000 }).not.toBe(before);
    await s.shot('page-admin-clock');
    const dead = (await s.admin<Delivery[]>('GET', '/deliveries?state=dead'))[0]!;
    expect(dead.attempts.length).toBeGreaterThan(4);

    await page.goto(`${s.url}/#/faults`);
    await page.locator('#armed-faults button', { hasText: 'Clear' }).first().click();
    await expect.poll(() => page.locator('#armed-faults').innerText()).not.toContain('delivery.ocean');

    await page.goto(`${s.url}/#/deliveries?state=dead`);
    await page.click(`button[data-replay="${dead.id}"]`);
    await expect.poll(async () => (await s.admin<Delivery[]>('GET', '/deliveries?state=dead')).length).toBe(0);
    await page.goto(`${s.url}/#/deliveries`);
    await page.locator('#deliveries tbody tr').first().waitFor();
    await s.shot('page-admin-deliveries');

    await page.goto(`${s.url}/#/integrations`);
    await page.selectOption('#integration-form select[name="siteNum"]', fx.familyClinicSiteNum!);
    await page.fill('#integration-form input[name="url"]', `${s.url}/pos/receiver/$process-message?role=sender`);
    await page.click('#integration-form button[type="submit"]');
    await expect.poll(() => page.locator('#integrations').innerText()).toContain('role=sender');

    await page.goto(`${s.url}/#/subscriptions`);
    await page.click('#plr-subscribe button[type="submit"]');
    await expect.poll(() => page.locator('#plr-subscriptions').innerText()).toContain('/pos/receiver/plr/distribution');
    await page.locator('#hcim-subscribe input[value="DEATH"]').check();
    await page.click('#hcim-subscribe button[type="submit"]');
    await expect.poll(() => page.locator('#hcim-subscriptions').innerText()).toContain('DEATH');
    await page.fill('#hcim-callback input[name="url"]', `${s.url}/pos/receiver/hcim-async`);
    await page.click('#hcim-callback button[type="submit"]');
    await expect.poll(() => page.locator('#hcim-callbacks').innerText()).toContain('hcim-async');
    await s.shot('page-admin-subscriptions');

    for (const p of ['snapshots', '']) {
      await page.goto(`${s.url}/#/${p}`);
      await page.locator('.page h1').waitFor();
      await s.shot(`page-admin-${p || 'home'}`);
    }
    expect(await page.locator('.count-blocks').innerText()).toMatch(/Ocean\s+sites[\s\S]*referrals/i);
    expect(s.pageErrors).toEqual([]);
    expect(s.dialogs).toEqual([]);
  });
});
