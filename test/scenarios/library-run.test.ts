// The whole library against the reference POS (green, timed, JUnit), then against the reference POS made deliberately wrong.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WrongBehaviour } from '../../src/pos/receiver/index.js';
import { listScenarios, renderJUnit, runScenarios, type RunReport, type Scenario } from '../../src/scenarios/index.js';
import { DEFAULT_SYSTEMS } from '../../src/systems.js';
import { startListeningSandbox, type ListeningSandbox } from './support/listening-sandbox.js';

let sb: ListeningSandbox;
let library: Scenario[];
beforeAll(async () => {
  sb = await startListeningSandbox(DEFAULT_SYSTEMS);
  library = await listScenarios('scenarios');
});
afterAll(async () => sb.close());
afterEach(async () => void (await setWrong([])));

const target = () => sb.target('demo', `${sb.url}/pos`);
async function setWrong(behaviours: WrongBehaviour[]): Promise<void> {
  const res = await fetch(`${sb.url}/pos/receiver/wrong`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ behaviours }) });
  expect(res.status).toBe(200);
}
const failedIds = (report: RunReport) => report.results.filter((r) => r.status !== 'passed').map((r) => r.id).sort();
const ids = (pick: (s: Scenario) => boolean) => library.filter(pick).map((s) => s.id).sort();

type JUnitCase = { '@_name': string; '@_classname': string; '@_time': string; failure?: { '@_message': string; '#text': string } };
type JUnitSuite = { '@_name': string; '@_tests': string; '@_failures': string; '@_errors': string; testcase: JUnitCase[] };
function parseJUnit(xml: string): { '@_tests': string; '@_failures': string; testsuite: JUnitSuite[] } {
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as { testsuites: ReturnType<typeof parseJUnit> };
  return doc.testsuites;
}

let green: RunReport;
let wallMs = 0;

// A whole-library run takes ~15 s alone and more on a loaded machine; how long is printed, never asserted (timing lives in bench/).
describe('the library against the reference POS', () => {
  it('passes every scenario, the 96-hour retries included, on the simulated clock', async () => {
    const t0 = performance.now();
    green = await runScenarios(library, target());
    wallMs = performance.now() - t0;
    const failures = green.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.message}\n${r.diff ?? ''}`);
    expect(failures).toEqual([]);
    expect(green.results.map((r) => r.id)).toEqual(expect.arrayContaining(['receiver-retries-96h', 'plr-distribution-ig-form', 'demo-day']));
    process.stdout.write(`library: ${green.results.length} scenarios in ${(wallMs / 1000).toFixed(1)} s wall time\n`);
  }, 300_000);

  it('writes JUnit that parses as JUnit: one testsuite per system, one testcase per scenario, no failures', () => {
    const suites = parseJUnit(renderJUnit(green));
    expect(Number(suites['@_tests'])).toBe(library.length);
    expect(suites['@_failures']).toBe('0');
    expect(suites.testsuite.map((s) => s['@_name']).sort()).toEqual(['hie-sandbox hcim', 'hie-sandbox ocean', 'hie-sandbox plr']);
    const cases = suites.testsuite.flatMap((s) => s.testcase);
    expect(cases.map((c) => c['@_name'].split(':')[0]).sort()).toEqual(library.map((s) => s.id).sort());
    for (const s of suites.testsuite) expect(Number(s['@_tests'])).toBe(s.testcase.length);
    for (const c of cases) {
      expect(c['@_classname']).toMatch(/^hie-sandbox\.(ocean|plr|hcim)\./);
      expect(Number(c['@_time'])).toBeGreaterThanOrEqual(0);
      expect(c.failure).toBeUndefined();
    }
  });
});

describe('the library against a deliberately wrong receiver', () => {
  it('answer-500: fails exactly the scenarios that need a 2xx from the POS, each diff showing 2xx against 500', async () => {
    await setWrong(['answer-500']);
    const report = await runScenarios(library, target());
    // Everything Ocean or a registry delivers to the POS; only the launch and the POS's own registry calls pass.
    const expected = ids((s) => (s.system === 'ocean' && s.id !== 'sender-contextual-launch') || ['plr-distribution', 'plr-distribution-ig-form', 'hcim-notifications', 'hcim-async-operations'].includes(s.id));
    expect(failedIds(report)).toEqual(expected);
    for (const r of report.results.filter((x) => x.status !== 'passed')) {
      expect(r.message, r.id).toMatch(/within PT\d+H \(simulated\)/);
      expect(r.diff, r.id).toContain('--- expected');
      // A delivery to the POS shows Ocean's or the registry's 2xx against the POS's 500; a call the POS never made shows nothing arrived.
      if (r.message!.includes('delivery from')) expect(r.diff, r.id).toMatch(/^- {3}"status": "2xx",?$[\s\S]*^\+ {3}"status": 500,?$/m);
      else expect(r.message, r.id).toMatch(/^step \d+ \(.*\): (nothing inbound|no call to)/);
    }
    const junit = parseJUnit(renderJUnit(report));
    const failures = junit.testsuite.flatMap((s) => s.testcase).filter((c) => c.failure);
    expect(failures.map((c) => c['@_name'].split(':')[0]).sort()).toEqual(expected);
    for (const c of failures) expect(c.failure!['#text']).toContain('--- expected');
  }, 120_000);

  it('unhonoured-status and skip-appointment: fails exactly the scenarios that need the status or the appointment, saying why', async () => {
    await setWrong(['unhonoured-status', 'skip-appointment']);
    const report = await runScenarios(library, target());
    const needStatus = ['receiver-send-service-request-status', 'receiver-decline', 'general-multiple-ocean-sites', 'sender-receive-status-updates', 'sender-confirm-completion'];
    const needAppointment = ['receiver-send-appointment-new', 'receiver-send-appointment-update', 'sender-receive-appointment-new', 'sender-receive-appointment-updates'];
    expect(failedIds(report)).toEqual([...needStatus, ...needAppointment, 'demo-day'].sort());
    const byId = new Map(report.results.map((r) => [r.id, r]));
    for (const id of needStatus) {
      const r = byId.get(id)!;
      expect(r.diff, id).toContain('Ocean does not support Task.status \\"entered-in-error\\"');
    }
    for (const id of needAppointment) expect(byId.get(id)!.message, id).toMatch(/where entry\.resource\.ofType\(Appointment\).* within PT\dH \(simulated\)/);
  }, 120_000);
});
