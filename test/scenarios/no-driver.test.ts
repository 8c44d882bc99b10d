// A run without a driver for the target: the checks that needed one were skipped, so no report, summary or exit code calls the scenario passed.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { runCli } from '../../src/cli/program.js';
import { parseScenarioText, renderJUnit, renderMarkdown, runScenarios } from '../../src/scenarios/index.js';
import { verdictOf } from '../../src/scenarios/run-scenarios.js';
import { relaySystem } from './support/relay-system.js';
import { startListeningSandbox, type ListeningSandbox } from './support/listening-sandbox.js';

let sb: ListeningSandbox;
let dir: string;
beforeAll(async () => {
  sb = await startListeningSandbox([relaySystem]);
  dir = await mkdtemp(join(tmpdir(), 'hie-no-driver-'));
});
afterAll(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

const scenario = (id: string, steps: string) => `
id: ${id}
title: ${id}
system: ocean
role: sender
useCases: [{ name: Contextual Launch into Ocean, list: sender, priority: Required }]
steps:
${steps}`;
const launch = scenario('launch-unchecked', `
  - narrate: The POS launches into Ocean.
  - call: { on: target, method: POST, path: /emr/patients/pt-0/launch, capture: { page: "$this" } }
  - assert: { capture: page, fhirpath: "status = 200", message: the launch ends on Ocean's session page }
`);
const checked = scenario('clock-checked', `
  - assert: { get: /admin/clock, fhirpath: "now.exists()", message: the sandbox has a clock }
`);

describe('a scenario run without a driver for the target', () => {
  it('marks a scenario whose asserts were skipped as skipped in JUnit, counted in skipped=, and the checked one as a plain pass', async () => {
    const report = await runScenarios([parseScenarioText(launch), parseScenarioText(checked)], sb.target());
    expect(report.results[0]!.steps.map((s) => s.status)).toEqual(['passed', 'skipped', 'skipped']);
    expect(report.results.map((r) => [r.unverified, verdictOf(r)])).toEqual([[1, 'unverified'], [0, 'passed']]);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(renderJUnit(report));
    const suite = xml.testsuites.testsuite;
    expect(suite['@_tests']).toBe('2');
    expect(suite['@_failures']).toBe('0');
    expect(suite['@_skipped']).toBe('1');
    expect(xml.testsuites['@_skipped']).toBe('1');
    const [unchecked, passed] = suite.testcase as Array<{ '@_name': string; skipped?: { '@_message': string } }>;
    expect(unchecked!['@_name']).toContain('launch-unchecked');
    expect(unchecked!.skipped?.['@_message']).toMatch(/1 check\(s\) skipped for want of a driver for the target/);
    expect(passed!.skipped).toBeUndefined();
  });

  it('never says "all passed" in Markdown, and counts the scenario as not verified with its step log', async () => {
    const report = await runScenarios([parseScenarioText(launch), parseScenarioText(checked)], sb.target());
    const md = renderMarkdown(report);
    expect(md).not.toContain('all passed');
    expect(md).toMatch(/^# Scenario run — 1 not verified$/m);
    expect(md).toContain('2 scenarios, 1 passed, 1 not verified (checks skipped for want of a driver), 0 failed, 0 errors');
    expect(md).toContain('| NOT VERIFIED | launch-unchecked');
    expect(md).toContain('## launch-unchecked');
    expect(md).not.toContain('## clock-checked');
  });
});

describe('hie-sandbox scenario run --no-driver', () => {
  let out: string[];
  let errors: string[];
  beforeEach(() => {
    [out, errors] = [[], []];
    vi.spyOn(process.stdout, 'write').mockImplementation((t) => out.push(String(t)) > 0);
  });
  afterEach(() => vi.restoreAllMocks());
  const cli = (...args: string[]) => runCli([...args, '--url', sb.url], (t) => void errors.push(t));

  it('exits 1 when a scenario is not verified, saying so in the step log, the summary and the JSON report', async () => {
    const lib = join(dir, 'lib');
    await mkdir(lib, { recursive: true });
    await writeFile(join(lib, 'launch.yaml'), launch);
    await writeFile(join(lib, 'checked.yaml'), checked);
    const report = join(dir, 'out', 'report.json');
    expect(await cli('scenario', 'run', lib, '--no-driver', '--report', report)).toBe(1);
    const text = out.join('');
    expect(text).toMatch(/^NOT VERIFIED launch-unchecked \(\d+ ms\): 1 check\(s\) skipped for want of a driver for the target/m);
    expect(text).toMatch(/^PASS clock-checked/m);
    expect(text).toMatch(/2 scenario\(s\): 1 passed, 1 not verified \(checks skipped for want of a driver\), 0 failed, 0 errors/);
    expect(errors.join('')).toMatch(/not verified.*--driver/);
    const json = JSON.parse(await readFile(report, 'utf8')) as { results: Array<{ id: string; status: string; unverified: number }>; totals: Record<string, number> };
    expect(json.results.map((r) => [r.id, r.status, r.unverified])).toEqual([['clock-checked', 'passed', 0], ['launch-unchecked', 'unverified', 1]]);
    expect(json.totals).toMatchObject({ passed: 1, unverified: 1, failed: 0, error: 0 });
  });

  it('exits 0 when every check ran', async () => {
    const file = join(dir, 'checked.yaml');
    await writeFile(file, checked);
    expect(await cli('scenario', 'run', file, '--no-driver'), errors.join('')).toBe(0);
    expect(out.join('')).toMatch(/1 scenario\(s\): 1 passed, 0 failed, 0 errors/);
  });
});
