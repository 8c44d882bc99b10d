// `hie-sandbox scenario record` through the CLI: a partner POS's manual session saved as a scenario, replayed green, then red when the POS changes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { lostBefore } from '../../src/cli/record-command.js';
import type { JournalEntry } from '../../src/journal/index.js';
import type { RunningSandbox } from '../../src/main.js';
import { recordSession } from '../../src/scenarios/index.js';
import { startTestSandboxOnSocket } from '../support/sandbox.js';
import { startPartnerPos, type PartnerPos } from './support/partner-pos.js';

let sb: RunningSandbox;
let pos: PartnerPos;
let dir: string;
let out: string[];
let errors: string[];
beforeAll(async () => {
  sb = await startTestSandboxOnSocket();
  pos = await startPartnerPos(sb.url);
  dir = await mkdtemp(join(tmpdir(), 'hie-record-'));
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

const cli = (...args: string[]) => runCli([...args, '--url', sb.url], (t) => void errors.push(t));
const admin = async <T>(path: string): Promise<T> => (await (await fetch(`${sb.url}/admin${path}`)).json()) as T;
/** The POS has acted and Ocean has delivered every echo: nothing pending and the journal quiet for 200 ms. */
async function settled(): Promise<void> {
  for (let quiet = 0, last = -1; quiet < 2; ) {
    await pos.idle();
    await new Promise((r) => setTimeout(r, 100));
    const n = (await admin<JournalEntry[]>('/journal?limit=10000')).length + (await admin<unknown[]>('/deliveries?state=pending')).length * 1e6;
    quiet = n === last ? quiet + 1 : 0;
    last = n;
  }
}

describe('hie-sandbox scenario record', () => {
  it('records refer, accept, book and complete from a partner POS, replays it green, and shows the skipped booking with a diff', async () => {
    expect(await cli('ocean', 'integrate', '--site', '1008', '--webhook', pos.webhook, '--listing', 'broadway_medical_ima-7310042'), errors.join('')).toBe(0);
    const since = (await admin<JournalEntry[]>('/journal?limit=1'))[0]!.id;
    pos.plan = ['accept', 'book', 'complete'];
    expect(await cli('ocean', 'refer', '--patient', '9876543218', '--listing', 'broadway_medical_ima-7310042'), errors.join('')).toBe(0);
    await settled();

    const file = join(dir, 'my-flow.yaml');
    expect(await cli('scenario', 'record', '--partner', 'demo', '--since', since, '--out', file), errors.join('')).toBe(0);
    expect(out.join('')).toMatch(/wrote .*my-flow\.yaml: \d+ steps from \d+ exchange\(s\) of demo/);
    const yaml = await readFile(file, 'utf8');
    expect(yaml).toMatch(/^id: my-flow$/m);
    expect(yaml).toMatch(/send:\n\s+as: ocean\n\s+message: add-service-request\n\s+with:\n\s+listingRef: broadway_medical_ima-7310042/);
    expect(yaml).toContain('capture:\n        ref: ref');
    expect(yaml).toContain("where: entry.resource.ofType(Task).status = 'accepted'");
    expect(yaml).toContain("where: entry.resource.ofType(Appointment).participant.status contains 'accepted'");
    expect(yaml).toContain("where: entry.resource.ofType(Task).status = 'completed'");
    expect(yaml).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(yaml).toMatch(/- name: Send Appointment Details \(New\)\n\s+list: receiver/);

    // The dashboard's "Save as scenario" over the same exchanges (ticked on the timeline) gives the same steps.
    const ids = (await admin<JournalEntry[]>(`/journal?since=${since}&limit=1000`)).map((e) => e.id);
    const saved = await fetch(`${sb.url}/ui/api/demo/record`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ partner: 'demo', ids, id: 'my-flow' }) });
    expect(saved.status).toBe(200);
    const fromDashboard = (await saved.json()) as { yaml: string; steps: number };
    expect(fromDashboard.yaml.replace(/^(title|description): .*$/gm, '')).toBe(yaml.replace(/^(title|description): .*$/gm, ''));
    const refused = await fetch(`${sb.url}/ui/api/demo/record`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ partner: 'demo', ids: ['999999'] }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { issue: Array<{ diagnostics: string }> }).issue[0]!.diagnostics).toContain('no exchange with partner "demo"\'s own system');

    out.length = 0;
    expect(await cli('scenario', 'run', file, '--partner', 'demo', '--no-driver'), `${errors.join('')}${out.join('')}`).toBe(0);
    await settled();

    // A recorded flow is the partner's own evidence: conformance runs it and passes the use cases it shows.
    expect(await cli('conformance', '--partner', 'demo', '--scenarios', file, '--out', join(dir, 'evidence'))).toBe(1);
    const md = await readFile(join(dir, 'evidence', 'conformance-demo.md'), 'utf8');
    for (const u of ['Receive New Service Request', 'Send Service Request Status', 'Send Appointment Details (New)']) expect(md, u).toMatch(new RegExp(`^\\| ${u.replace(/[()]/g, '\\$&')} \\| [A-Za-z ]+ \\| Pass \\| my-flow \\|`, 'm'));
    await settled();

    pos.plan = ['accept', 'complete'];
    out.length = 0;
    expect(await cli('scenario', 'run', file, '--partner', 'demo', '--no-driver', '--patience', 'PT1S')).toBe(1);
    const log = out.join('');
    expect(log).toMatch(/✗ +\d+ expect notify-add-appointment: no call to ocean event notify-add-appointment POST at \/ocean\/svc\/fhir\/v1\/\$process-messages answered 2xx where entry\.resource\.ofType\(Appointment\)\.participant\.status contains 'accepted' within PT2H \(simulated\) and PT1S of real time; \d+ other inbound ocean exchange\(s\), nearest is journal #\d+/);
    expect(log).toMatch(/--- expected\n\s+\+\+\+ actual[\s\S]*- +"event": "notify-add-appointment",\n\s+\+ +"event": "notify-update-process-request"/);
  });

  it('refuses a partner the sandbox does not know, and a span with nothing of the partner\'s own', async () => {
    expect(await cli('scenario', 'record', '--partner', 'nobody', '--out', join(dir, 'x.yaml'))).toBe(2);
    expect(errors.join('')).toContain('no partner "nobody"');
    const last = (await admin<JournalEntry[]>('/journal?limit=1'))[0]!.id;
    expect(await cli('scenario', 'record', '--partner', 'demo', '--since', last, '--out', join(dir, 'y.yaml'))).toBe(2);
    expect(errors.join('')).toContain('the journal holds no exchange with partner "demo"\'s own system in that span');
  });

  it('says when the journal no longer holds all that was asked for, so a recording is not taken as the whole session', () => {
    expect(lostBefore('10', 11)).toBeUndefined();
    expect(lostBefore('10', 14)).toMatch(/^exchanges #11 to #13 fell off the journal's bounds and are not in the recording/);
    expect(lostBefore(undefined, 1)).toBeUndefined();
    expect(lostBefore(undefined, Number.NaN)).toBeUndefined();
    expect(lostBefore(undefined, 40)).toMatch(/^the journal starts at entry #40/);
  });

  it('records what a POS sent as data, never as code: odd event codes and quotes in a status stay literal', () => {
    const body = { resourceType: 'Bundle', type: 'message', entry: [{ resource: { resourceType: 'MessageHeader', eventCoding: { code: 'constructor' } } }, { resource: { resourceType: 'Task', status: "x' or true or 'y" } }] };
    const entry: JournalEntry = { id: '7', seq: 7, time: '2026-03-02T09:00:00.000Z', system: 'ocean', partner: 'demo', direction: 'inbound', method: 'POST', url: '/ocean/svc/fhir/v1/$process-messages', status: 422, durationMs: 1, request: { headers: {}, body: JSON.stringify(body) }, correlation: {} };
    const r = recordSession([entry], { partner: 'demo', sandbox: 'http://127.0.0.1:1', id: 'odd-flow', source: 'a test' });
    const step = r.scenario.steps[0]!.step;
    expect(step).toMatchObject({ kind: 'expect', event: 'constructor', status: 422, where: "entry.resource.ofType(Task).status = 'x\\' or true or \\'y'" });
    // Refused (422): replayed as it happened, but the recording claims no use case for it, and says so.
    expect(r.scenario.useCases).toEqual([{ name: 'Recorded session', list: 'general', priority: 'Desirable' }]);
    expect(r.warnings.join('\n')).toMatch(/journal #7 .* was refused \(HTTP 422\).*claims no use case for it \("Send Service Request Status"\)/);
  });

  it('claims no use case for a $batch answered 200 whose entries were refused', () => {
    const answer = { resourceType: 'Parameters', parameter: [{ name: 'batch', resource: { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '400 Bad Request' } }] } }] };
    const entry: JournalEntry = { id: '8', seq: 8, time: '2026-03-02T09:00:00.000Z', system: 'plr', partner: 'demo', direction: 'inbound', method: 'POST', url: '/plr/HSA-web/fhir-rs/$batch', status: 200, durationMs: 1, request: { headers: {}, body: '{}' }, response: { headers: {}, body: JSON.stringify(answer) }, correlation: {} };
    const r = recordSession([entry], { partner: 'demo', sandbox: 'http://127.0.0.1:1', id: 'batch-flow', source: 'a test' });
    expect(r.scenario.useCases.map((u) => u.name)).toEqual(['Recorded session']);
    expect(r.warnings.join('\n')).toMatch(/was refused \(an entry answered "400 Bad Request"\)/);
  });
});

describe('recording on a shared partner', () => {
  it("leaves out the sandbox's deliveries to endpoints the recording was not told are the partner's", () => {
    const delivery = (id: string, url: string): JournalEntry => ({ id, seq: Number(id), time: '2026-03-02T09:00:00.000Z', system: 'plr', partner: 'demo', direction: 'outbound', method: 'PUT', url, status: 200, durationMs: 1, request: { headers: {}, body: '{}' }, response: { headers: {} }, correlation: { delivery: `d${id}` } });
    const journal = [delivery('1', 'https://vendor-a.example/plr'), delivery('2', 'https://vendor-b.example/plr')];
    const mine = recordSession(journal, { partner: 'demo', sandbox: 'http://127.0.0.1:1', id: 'shared', source: 'a test', ownEndpoints: ['https://vendor-b.example/plr'] });
    expect(mine.entries).toEqual(['2']);
    expect(recordSession(journal, { partner: 'demo', sandbox: 'http://127.0.0.1:1', id: 'shared', source: 'a test' }).entries).toEqual(['1', '2']);
  });
});
