// `hie-sandbox conformance` and `scenario run` from the command line, against a listening sandbox.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { DEFAULT_SYSTEMS } from '../../src/systems.js';
import { startListeningSandbox, type ListeningSandbox } from './support/listening-sandbox.js';

let sb: ListeningSandbox;
let dir: string;
let errors: string[];
beforeAll(async () => {
  sb = await startListeningSandbox(DEFAULT_SYSTEMS);
  dir = await mkdtemp(join(tmpdir(), 'hie-conformance-'));
});
afterAll(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  errors = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fetch(`${sb.url}/pos/receiver/wrong`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"behaviours":[]}' });
});

const cli = (...args: string[]) => runCli([...args, '--url', sb.url], (t) => void errors.push(t));
const tableRow = (md: string, useCase: string) => md.split('\n').find((l) => l.startsWith(`| ${useCase} |`));

describe('hie-sandbox conformance', () => {
  it('passes the receiver lists against the reference POS, labelled as not a partner\'s evidence, and fills the Task.status map from what it sent', async () => {
    const out = join(dir, 'ok');
    expect(await cli('conformance', '--partner', 'demo', '--reference-pos', '--lists', 'receiver,general', '--out', out), errors.join('')).toBe(0);
    const md = await readFile(join(out, 'conformance-demo-reference-pos.md'), 'utf8');
    expect(md).toMatch(/^# Release Information Worksheet — reference POS — not a partner's evidence\n/);
    expect(md).toContain('## "Receiver" eReferrals Use Cases (PHSA DRO Integration Resources Overview)');
    expect(md).toContain('## General Use Cases (PHSA DRO Integration Resources Overview)');
    expect(md).not.toContain('"Sender" eReferrals');
    expect(tableRow(md, 'Receive New Service Request')).toMatch(/^\| Receive New Service Request \| Required \| Pass \| [a-z0-9-, ]*receiver-receive-new-service-request[a-z0-9-, ]* \| #\d+/);
    expect(tableRow(md, 'Support Multiple Ocean Sites (per POS Account)')).toContain('| Desirable | Pass |');
    expect(md.split('\n').find((l) => l.includes('| accepted |'))).toMatch(/\| yes \(#\d+→200/);
    expect(md.split('\n').find((l) => l.includes('| rejected |'))).toMatch(/\| yes \(#\d+→200/);
    expect(md.split('\n').find((l) => l.includes('| on-hold |'))).toContain('| no |');
    const html = await readFile(join(out, 'conformance-demo-reference-pos.html'), 'utf8');
    expect(html).toContain("<h1>Release Information Worksheet — reference POS — not a partner's evidence</h1>");
    expect(html).toMatch(/<tr class="pass"><td>Receive New Service Request<\/td><td>Required<\/td><td>Pass/);
    expect(html).toContain('<th>POS Folder Location</th>');
  });

  it('exits non-zero when a Required use case fails, and says which, with the reason in the report', async () => {
    await fetch(`${sb.url}/pos/receiver/wrong`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"behaviours":["unhonoured-status"]}' });
    const out = join(dir, 'wrong');
    // The failing expects wait their --patience in real time: a short one keeps the run short.
    expect(await cli('conformance', '--partner', 'demo', '--reference-pos', '--lists', 'receiver', '--out', out, '--patience', 'PT1S')).toBe(1);
    expect(errors.join('')).toMatch(/Required use case\(s\) not passed: Send Service Request Status \(receiver: Fail\)/);
    const md = await readFile(join(out, 'conformance-demo-reference-pos.md'), 'utf8');
    expect(tableRow(md, 'Send Service Request Status')).toMatch(/\| Required \| \*\*Fail\*\* — step \d+/);
    expect(tableRow(md, 'Receive New Service Request')).toContain('| Required | Pass |');
    expect(md).toContain('Values Ocean does not honour, sent anyway:');
    expect(md).toMatch(/- `entered-in-error` in journal #\d+ \(Ocean answered 422\)/);
    const html = await readFile(join(out, 'conformance-demo-reference-pos.html'), 'utf8');
    expect(html).toMatch(/<tr class="fail"><td>Send Service Request Status<\/td>/);
  });

  it('refuses an unknown list with a usage error', async () => {
    expect(await cli('conformance', '--partner', 'demo', '--lists', 'receiver,senders')).toBe(2);
    expect(errors.join('')).toContain('--lists takes a comma-separated choice of sender, receiver, general');
  });
});

describe('hie-sandbox scenario run', () => {
  it('exits 1 on a failing scenario and writes JUnit that parses', async () => {
    await fetch(`${sb.url}/pos/receiver/wrong`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"behaviours":["skip-appointment"]}' });
    const report = join(dir, 'run', 'junit.xml');
    expect(await cli('scenario', 'run', 'scenarios/ocean/receiver', '--quiet', '--report', report, '--patience', 'PT1S')).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testcase' }).parse(await readFile(report, 'utf8'));
    const cases = xml.testsuites.testsuite.testcase as Array<{ '@_name': string; failure?: unknown }>;
    expect(cases.filter((c) => c.failure).map((c) => c['@_name'].split(':')[0]).sort()).toEqual(['receiver-send-appointment-new', 'receiver-send-appointment-update']);
  });
});
