// Issue 12 through the real CLI against a running sandbox (real clock, auth on): verdicts that are the partner's
// own, the same --url target as every command, evidence embedded in the worksheet, runs that leave nothing behind.
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config.js';
import type { JournalEntry } from '../../src/journal/index.js';
import { createLogger } from '../../src/log.js';
import { startSandbox, type RunningSandbox } from '../../src/main.js';
import type { Worksheet } from '../../src/scenarios/conformance/worksheet.js';
import { TEST_SIZES } from '../support/sandbox.js';
import { startReceiver } from '../support/receiver.js';
import { startPartnerPos, type PartnerPos } from './support/partner-pos.js';

const LISTING = 'broadway_medical_ima-7310042';
let sb: RunningSandbox;
let pos: PartnerPos;
let dir: string;
let out: string[];
let errors: string[];
beforeAll(async () => {
  sb = await startSandbox(loadConfig({}, { port: 0, dataFile: undefined, clock: { kind: 'real' }, storeFlushMs: 5, sizes: TEST_SIZES }), createLogger('silent'));
  pos = await startPartnerPos(sb.url);
  dir = await mkdtemp(join(tmpdir(), 'hie-verdicts-'));
  // A lean library: the receiver use cases this file's points need.
  await mkdir(join(dir, 'lib'));
  for (const f of ['receiver-receive-new-service-request', 'receiver-send-service-request-status', 'receiver-attach-supporting-documentation', 'receiver-receive-cancellation']) await copyFile(`scenarios/ocean/receiver/${f}.yaml`, join(dir, 'lib', `${f}.yaml`));
});
afterAll(async () => {
  await pos.close();
  await sb.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  [out, errors] = [[], []];
  vi.spyOn(process.stdout, 'write').mockImplementation((t) => out.push(String(t)) > 0);
});
afterEach(() => vi.restoreAllMocks());

const cli = (...args: string[]) => runCli(args, (t) => void errors.push(t));
const admin = async <T>(path: string, init?: { method: string; body?: unknown }): Promise<T> => {
  const res = await fetch(`${sb.url}/admin${path}`, { method: init?.method ?? 'GET', headers: { 'content-type': 'application/json' }, body: init?.body === undefined ? undefined : JSON.stringify(init.body) });
  return (res.status === 204 ? undefined : await res.json()) as T;
};
const removeIntegrations = async () => {
  for (const i of await admin<Array<{ id: string }>>('/ocean/integrations')) await admin(`/ocean/integrations/${i.id}`, { method: 'DELETE' });
};
const tableRow = (md: string, useCase: string) => md.split('\n').find((l) => l.startsWith(`| ${useCase} |`)) ?? '';
const conformance = (name: string, ...args: string[]) => cli('conformance', '--url', sb.url, '--scenarios', join(dir, 'lib'), '--out', join(dir, name), ...args);

describe('verdicts are the partner\'s own', () => {
  it('a --patience that is not an ISO 8601 duration is a usage error: exit 2, nothing run', async () => {
    const journalBefore = (await admin<JournalEntry[]>('/journal?limit=10000')).length;
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((t) => stderr.push(String(t)) > 0);
    expect(await cli('conformance', '--partner', 'demo', '--patience', '10 seconds', '--url', sb.url, '--out', join(dir, 'impatient'))).toBe(2);
    expect(stderr.join('')).toContain("option '--patience <duration>' argument '10 seconds' is invalid. must be an ISO 8601 duration such as PT10S or PT2M");
    await expect(readdir(join(dir, 'impatient'))).rejects.toThrow(/ENOENT/);
    expect((await admin<JournalEntry[]>('/journal?limit=10000')).length).toBe(journalBefore);
  });

  it('an unknown partner is a usage error naming the known partners: exit 2, nothing run, nothing written', async () => {
    const journalBefore = (await admin<JournalEntry[]>('/journal?limit=10000')).length;
    expect(await cli('conformance', '--partner', 'no-such-partner', '--url', sb.url, '--out', join(dir, 'nobody'))).toBe(2);
    expect(errors.join('')).toMatch(/no partner "no-such-partner" on the sandbox at http:\/\/127\.0\.0\.1:\d+; known partners: demo\./);
    await expect(readdir(join(dir, 'nobody'))).rejects.toThrow(/ENOENT/);
    expect((await admin<JournalEntry[]>('/journal?limit=10000')).length).toBe(journalBefore);
    expect(await admin<unknown[]>('/snapshots')).toEqual([]);
  });

  it("a shared sandbox's several webhooks on the partner's sites: the run must be told which is the POS's (--webhook), exit 2 otherwise", async () => {
    const other = `${pos.webhook}?vendor=another`;
    await admin('/ocean/integrations', { method: 'POST', body: { siteNum: '1008', url: pos.webhook, listings: [LISTING] } });
    await admin('/ocean/integrations', { method: 'POST', body: { siteNum: '1013', url: other } });
    try {
      expect(await conformance('two-webhooks', '--partner', 'demo', '--lists', 'receiver')).toBe(2);
      expect(errors.join('')).toContain('several Ocean webhooks');
      expect(errors.join('')).toContain(other);
      errors = [];
      expect(await conformance('two-webhooks', '--partner', 'demo', '--lists', 'receiver', '--webhook', 'https://nobody.example/hook')).toBe(2);
      expect(errors.join('')).toMatch(/--webhook https:\/\/nobody\.example\/hook: none of partner demo's registered endpoints/);
      await expect(readdir(join(dir, 'two-webhooks'))).rejects.toThrow(/ENOENT/);
    } finally {
      await removeIntegrations();
    }
  });

  it('a webhook that is the sandbox\'s reference POS is no evidence: every receiver row is Not run with the registering command, exit 1', async () => {
    expect(await cli('ocean', 'integrate', '--site', '1008', '--webhook', `${sb.url}/pos/receiver/$process-message`, '--listing', LISTING, '--url', sb.url), errors.join('')).toBe(0);
    try {
      expect(await conformance('reference-webhook', '--partner', 'demo', '--lists', 'receiver')).toBe(1);
      const md = await readFile(join(dir, 'reference-webhook', 'conformance-demo.md'), 'utf8');
      expect(md).not.toMatch(/\| Pass \|/);
      expect(tableRow(md, 'Receive New Service Request')).toContain(`**Not run** — partner "demo"'s only Ocean webhook is the sandbox's reference POS (${sb.url}/pos/receiver/$process-message)`);
      expect(tableRow(md, 'Receive New Service Request')).toContain(`Register with: \`hie-sandbox ocean integrate --site 1007 --webhook <your POS's webhook URL> --listing <a listing of site 1007> --url ${sb.url}\``);
    } finally {
      await removeIntegrations();
    }
  });

  it('the reference POS under another name for this sandbox (localhost, upper case) is no evidence either: no row passes', async () => {
    const port = new URL(sb.url).port;
    // The same receiver, by a loopback alias and a case Express routes alike: Ocean delivers to the sandbox itself.
    expect(await cli('ocean', 'integrate', '--site', '1008', '--webhook', `http://localhost:${port}/POS/receiver/$process-message`, '--listing', LISTING, '--url', sb.url), errors.join('')).toBe(0);
    try {
      expect(await conformance('reference-alias', '--partner', 'demo', '--lists', 'receiver', '--patience', 'PT1S')).toBe(1);
      const md = await readFile(join(dir, 'reference-alias', 'conformance-demo.md'), 'utf8');
      expect(md).not.toMatch(/\| Pass \|/);
      expect(tableRow(md, 'Receive New Service Request')).toContain("only Ocean webhook is the sandbox's reference POS");
    } finally {
      await removeIntegrations();
    }
  });

  it("refuses the sandbox's reference POS as the driver in partner mode: it would launch and act for the partner's POS", async () => {
    const port = new URL(sb.url).port;
    for (const driver of [`${sb.url}/pos`, `http://localhost:${port}/pos/`]) {
      errors.length = 0;
      expect(await conformance('reference-driver', '--partner', 'demo', '--lists', 'receiver', '--driver', driver)).toBe(2);
      expect(errors.join('')).toContain("is the sandbox's own reference POS, not demo's system");
    }
    await expect(readdir(join(dir, 'reference-driver'))).rejects.toThrow(/ENOENT/);
  });

  it('a partner with no Ocean site of its own gets Not run rows, on the sandbox it was added to, not a throw-away one', async () => {
    expect(await cli('partner', 'add', 'acme', '--url', sb.url)).toBe(0);
    expect(await conformance('acme', '--partner', 'acme', '--lists', 'receiver')).toBe(1);
    expect(out.join('')).toContain(`target: the sandbox running at ${sb.url}`);
    const sheet = JSON.parse(await readFile(join(dir, 'acme', 'conformance-acme.json'), 'utf8')) as Worksheet;
    expect(new Set(sheet.rows.map((r) => r.result))).toEqual(new Set(['Not run']));
    expect(sheet.rows.find((r) => r.useCase === 'Receive New Service Request')?.message).toBe('partner "acme" owns no Ocean site (the seeded sites belong to demo): Ocean would deliver to nobody of yours');
    expect(JSON.stringify(sheet)).not.toContain('no partner "acme"');
  });

  it('a partner\'s own PLR distribution endpoint decides its Distributions row', async () => {
    const endpoint = await startReceiver();
    try {
      expect(await cli('partner', 'add', 'gamma', '--url', sb.url)).toBe(0);
      expect(await cli('plr', 'subscribe', `${endpoint.url}/plr`, '--partner', 'gamma', '--url', sb.url), errors.join('')).toBe(0);
      expect(await cli('conformance', '--partner', 'gamma', '--lists', 'distribution', '--url', sb.url, '--out', join(dir, 'gamma')), `${errors.join('')}${out.join('')}`).toBe(0);
      const sheet = JSON.parse(await readFile(join(dir, 'gamma', 'conformance-gamma.json'), 'utf8')) as Worksheet;
      const row = sheet.rows.find((r) => r.useCase === 'Distributions')!;
      expect(row.result).toBe('Pass');
      expect(row.exchanges.filter((x) => x.own).map((x) => x.url)).toContain(`${endpoint.url}/plr`);
      expect(endpoint.received.length).toBeGreaterThan(0);
    } finally {
      await endpoint.close();
    }
  });

  it('drives a partner POS: Pass rows backed by embedded exchanges with its own webhook; broken, Fail rows naming the exchange', async () => {
    expect(await cli('ocean', 'integrate', '--site', '1008', '--webhook', pos.webhook, '--listing', LISTING, '--url', sb.url), errors.join('')).toBe(0);
    pos.plan = ['accept', 'fetch-documents'];
    // Like a real POS's background job, it acts a while after answering, and fetches the documents a while later
    // still: longer than the simulated windows take to tick by, so only the real-time patience of the expect steps
    // sees what it does. Its token, got while the clock ticked, has expired by then (an hour of the sandbox's clock):
    // it gets a new one on the 401, as an OAuth client does (the CI failure this reproduces had both).
    pos.delayMs = 100;
    pos.pauseBeforeDocumentsMs = 1500;
    try {
      // The contextual launch needs the POS's EMR: without a driver it is Not run, the one Required gap.
      expect(await conformance('pos', '--partner', 'demo')).toBe(1);
      expect(errors.join('')).toBe('hie-sandbox: 1 Required use case(s) not passed: Contextual Launch into Ocean (receiver: Not run)\n');
      const md = await readFile(join(dir, 'pos', 'conformance-demo.md'), 'utf8');
      const sheet = JSON.parse(await readFile(join(dir, 'pos', 'conformance-demo.json'), 'utf8')) as Worksheet;
      // On failure, the row's exchanges and the POS's own record say what happened (a CI log is all there is).
      const why = (u: string) => `${u}\n${JSON.stringify(sheet.rows.find((r) => r.useCase === u)?.exchanges.map((x) => [x.journal, x.method, x.url, x.status]))}\nPOS: ${pos.log.join('\n')}`;
      for (const u of ['Receive New Service Request', 'Send Service Request Status', 'Receive Service Request Cancellation', 'Receive and attach supporting documentation to a referral']) expect(tableRow(md, u), why(u)).toMatch(/\| (Required|Strongly recommended) \| Pass \| receiver-[a-z-]+ \| #\d+/);
      expect(md).toMatch(new RegExp(`#\\d+ \\S+ → POS POST ${pos.webhook.replace(/[/.]/g, '\\$&')} → 200\\n  event add-service-request`));
      expect(md).toMatch(/#\d+ \S+ → sandbox POST \/ocean\/svc\/fhir\/v1\/\$process-messages → 200\n  event notify-add-process-request; accepted/);
      expect(md).toMatch(/hie-sandbox \d+\.\d+\.\d+, seed 1; simulated time /);
      // What an absent check's pass rests on: how long it kept looking in real time.
      expect(md).toContain('each expect step, `absent` ones included, kept looking for PT10S of real time after its simulated window');
      expect(sheet.patience).toBe('PT10S');
      expect(md.split('\n').find((l) => l.includes('| accepted |'))).toMatch(/\| yes \(#\d+→200/);
      const html = await readFile(join(dir, 'pos', 'conformance-demo.html'), 'utf8');
      expect(html).not.toMatch(/<(script|link|img)\b/);
      expect(html).toMatch(/<tr class="pass"><td>Receive New Service Request<\/td>.*<details><summary>\d+ exchange\(s\)<\/summary>/);
      const row = sheet.rows.find((r) => r.useCase === 'Receive New Service Request')!;
      expect(row.exchanges.filter((x) => x.own).map((x) => [x.method, x.url, x.status])).toContainEqual(['POST', pos.webhook, 200]);
      expect(JSON.stringify(sheet)).not.toMatch(/Bearer (?!\*\*\*)[A-Za-z0-9]/);
      expect(sheet.sandbox).toMatchObject({ url: sb.url, seed: 1, where: 'running' });

      pos.answer500 = true;
      // A short patience keeps the failing run short; each expect still waits that long in real time.
      expect(await conformance('broken', '--partner', 'demo', '--patience', 'PT1S')).toBe(1);
      const broken = await readFile(join(dir, 'broken', 'conformance-demo.md'), 'utf8');
      expect(tableRow(broken, 'Receive New Service Request')).toMatch(/\| Required \| \*\*Fail\*\* — step \d+ \(expect add-service-request\): no delivery from ocean event add-service-request answered 2xx within PT1H \(simulated\) and PT1S of real time; .* nearest is journal #\d+/);
      expect(broken).toMatch(new RegExp(`#\\d+ \\S+ → POS POST ${pos.webhook.replace(/[/.]/g, '\\$&')} → 500\\n  event add-service-request; answer: \\{"error":"partner POS is down"\\}`));
    } finally {
      pos.answer500 = false;
      pos.delayMs = 0;
      pos.pauseBeforeDocumentsMs = 0;
      await removeIntegrations();
    }
  });
  it('a scenario that is not the library\'s own counts only for the use cases its own exchanges show', async () => {
    expect(await cli('ocean', 'integrate', '--site', '1008', '--webhook', pos.webhook, '--listing', LISTING, '--url', sb.url), errors.join('')).toBe(0);
    pos.plan = ['accept'];
    // A hand-edited flow: the library's new-referral scenario, claiming use cases nothing in it shows.
    const library = await readFile('scenarios/ocean/receiver/receiver-receive-new-service-request.yaml', 'utf8');
    const claims = ['Receive New Service Request', 'Send Appointment Details (New)', 'Contextual Launch into Ocean'];
    const forged = library
      .replace(/^id: .*$/m, 'id: my-new-request')
      .replace(/^useCases:\n(  - .*\n)+/m, `useCases:\n${claims.map((c) => `  - { name: ${c}, list: receiver, priority: Required }\n`).join('')}`);
    expect(forged).toContain('Send Appointment Details (New)');
    await mkdir(join(dir, 'forged'));
    await writeFile(join(dir, 'forged', 'my-new-request.yaml'), forged);
    try {
      expect(await cli('conformance', '--url', sb.url, '--scenarios', join(dir, 'forged'), '--out', join(dir, 'forged-out'), '--partner', 'demo', '--lists', 'receiver')).toBe(1);
      const sheet = JSON.parse(await readFile(join(dir, 'forged-out', 'conformance-demo.json'), 'utf8')) as Worksheet;
      const row = (u: string) => sheet.rows.find((r) => r.useCase === u)!;
      expect(row('Receive New Service Request').result, JSON.stringify(row('Receive New Service Request'))).toBe('Pass');
      for (const u of ['Send Appointment Details (New)', 'Contextual Launch into Ocean']) {
        expect(row(u).result, u).toBe('Not verified');
        expect(row(u).message).toBe(`my-new-request is not one of the library's scenarios, so it counts only for the use cases its exchanges with demo's system show (Receive New Service Request), and none shows "${u}"`);
      }
      expect(row('Receive New Service Request').exchanges.filter((x) => x.own).map((x) => x.shows?.name)).toContain('Receive New Service Request');
    } finally {
      await removeIntegrations();
    }
  });
});

describe('the same target as every other command', () => {
  it('defaults to http://127.0.0.1:8900, says which sandbox it acts on, and refuses a URL nobody answers at', async () => {
    const help = await cli('conformance', '--help');
    expect(help).toBe(0);
    expect(out.join('')).toMatch(/--url <url>\s+the sandbox to act on, as for every other command\s+\(default:\s+"http:\/\/127\.0\.0\.1:8900"\)/);
    expect(out.join('')).toContain('--in-process');
    expect(await cli('scenario', 'run', join(dir, 'lib'), '--url', 'http://127.0.0.1:9')).toBe(2);
    expect(errors.join('')).toContain('no sandbox answers at http://127.0.0.1:9; start one with "hie-sandbox start", point --url at yours, or pass --in-process');
  });

  it('--in-process is explicit and printed; a replay no exchange of the partner\'s own system decided says so in the summary and every report, and stays green', async () => {
    const reports = ['run.xml', 'run.json', 'run.md'].map((f) => join(dir, f));
    for (const report of reports) {
      out.length = 0;
      expect(await cli('scenario', 'run', join(dir, 'lib', 'receiver-receive-new-service-request.yaml'), '--in-process', '--quiet', '--report', report), errors.join('')).toBe(0);
      expect(out.join('')).toMatch(/^target: an in-process sandbox at http:\/\/127\.0\.0\.1:\d+ \(--in-process: /);
      expect(out.join('')).toContain("1 passed scenario(s) were decided by no exchange with demo's own system");
    }
    const [xml, json, md] = await Promise.all(reports.map((f) => readFile(f, 'utf8')));
    expect(xml).toMatch(/<property name="decided-by" value="no exchange with demo's own system: \d+ with the runner or the sandbox's reference POS/);
    const result = (JSON.parse(json!) as { results: Array<{ decidedBy: { partner: number; other: number } }> }).results[0]!;
    expect(result.decidedBy.partner).toBe(0);
    expect(result.decidedBy.other).toBeGreaterThan(0);
    expect(md).toMatch(/\| PASSED \| receiver-receive-new-service-request .*\| none of demo's own; \d+ other \|/);
  });
});

describe('runs leave nothing behind', () => {
  const token = async () => {
    const res = await fetch(`${sb.url}/auth/realms/moh_applications/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-pos', client_secret: 'demo-secret' }) });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const clockSkew = async () => Math.abs(Date.parse((await admin<{ now: string }>('/clock')).now) - Date.now());
  const lastJournalId = async () => (await admin<JournalEntry[]>('/journal?limit=1'))[0]?.id ?? '0';

  it('puts the clock back, disarms its faults, restores the receiver policy and removes its snapshots; tokens issued before still work', async () => {
    await fetch(`${sb.url}/pos/receiver/policy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"mode":"decline","delay":"PT5M"}' });
    const bearer = await token();
    expect(await cli('scenario', 'run', 'scenarios/ocean/receiver/receiver-retries-96h.yaml', '--url', sb.url, '--quiet'), errors.join('')).toBe(0);
    expect(await clockSkew()).toBeLessThan(30_000);
    expect(await admin<unknown[]>('/faults')).toEqual([]);
    expect(await admin<unknown[]>('/snapshots')).toEqual([]);
    expect(await (await fetch(`${sb.url}/pos/receiver/policy`)).json()).toEqual({ mode: 'decline', delay: 'PT5M' });
    const res = await fetch(`${sb.url}/plr/HSA-web/fhir-rs/Practitioner/IPC.00100001.BC.PRS`, { headers: { authorization: `Bearer ${bearer}`, UserId: 'demo@IDIR' } });
    expect(res.status).toBe(200);
  });

  it('reset brings the clock back to real time as well as the data', async () => {
    await admin('/clock/advance', { method: 'POST', body: { duration: 'P3D' } });
    expect(await clockSkew()).toBeGreaterThan(2 * 86_400_000);
    expect(await cli('reset', '--url', sb.url)).toBe(0);
    expect(await clockSkew()).toBeLessThan(5_000);
  });

  it('a green run has a clean timeline: no failed $letter or $binary fetch', async () => {
    const since = await lastJournalId();
    expect(await cli('scenario', 'run', 'scenarios/ocean/receiver', '--url', sb.url, '--quiet'), errors.join('')).toBe(0);
    const failed = (await admin<JournalEntry[]>(`/journal?since=${since}&limit=10000`)).filter((e) => /\$letter|\$binary/.test(e.url) && (e.status ?? 500) >= 400);
    expect(failed.map((e) => `#${e.id} ${e.method} ${e.url} → ${e.status}`)).toEqual([]);
  });

  it('two runs in a row both pass, each with its own message ids, and so do two partners\' runs at once', async () => {
    const ids: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const since = await lastJournalId();
      expect(await cli('scenario', 'run', 'scenarios/hcim', '--url', sb.url, '--quiet'), errors.join('')).toBe(0);
      ids.push((await admin<JournalEntry[]>(`/journal?since=${since}&system=hcim&direction=inbound&limit=10000`)).flatMap((e) => e.request.body?.match(/SCN-[0-9a-f]+-[A-Z-]+\d/g) ?? []));
    }
    expect(ids[0]!.length).toBeGreaterThan(10);
    expect(ids[1]!.filter((id) => ids[0]!.includes(id))).toEqual([]);
    expect(await cli('partner', 'add', 'beta', '--url', sb.url)).toBe(0);
    const [a, b] = await Promise.all([cli('scenario', 'run', join(dir, 'lib'), '--url', sb.url, '--quiet'), cli('scenario', 'run', 'scenarios/hcim/hcim-add-patient.yaml', '--partner', 'beta', '--url', sb.url, '--quiet')]);
    expect([a, b], errors.join('')).toEqual([0, 0]);
    expect(out.join('')).toMatch(/waiting: a scenario run for partner "(demo|beta)" holds this sandbox since/);
    expect(await admin<unknown[]>('/snapshots')).toEqual([]);
  });
});
