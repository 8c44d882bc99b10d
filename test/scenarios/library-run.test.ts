// The whole library against the reference POS: green, on the simulated clock, and written as JUnit.
import { describe, expect, it } from 'vitest';
import { renderJUnit, runScenarios, type RunReport } from '../../src/scenarios/index.js';
import { parseJUnit, useLibraryRun } from './support/library-run.js';

const run = useLibraryRun();

let green: RunReport;
let wallMs = 0;

// A whole-library run takes ~15 s alone and more on a loaded machine; how long is printed, never asserted (timing lives in bench/).
describe('the library against the reference POS', () => {
  it('passes every scenario, the 96-hour retries included, on the simulated clock', async () => {
    const t0 = performance.now();
    green = await runScenarios(run.library(), run.target());
    wallMs = performance.now() - t0;
    const failures = green.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.message}\n${r.diff ?? ''}`);
    expect(failures).toEqual([]);
    expect(green.results.map((r) => r.id)).toEqual(expect.arrayContaining(['receiver-retries-96h', 'plr-distribution-ig-form', 'demo-day']));
    process.stdout.write(`library: ${green.results.length} scenarios in ${(wallMs / 1000).toFixed(1)} s wall time\n`);
  }, 300_000);

  it('writes JUnit that parses as JUnit: one testsuite per system, one testcase per scenario, no failures', () => {
    const suites = parseJUnit(renderJUnit(green));
    expect(Number(suites['@_tests'])).toBe(run.library().length);
    expect(suites['@_failures']).toBe('0');
    expect(suites.testsuite.map((s) => s['@_name']).sort()).toEqual(['hie-sandbox hcim', 'hie-sandbox ocean', 'hie-sandbox plr']);
    const cases = suites.testsuite.flatMap((s) => s.testcase);
    expect(cases.map((c) => c['@_name'].split(':')[0]).sort()).toEqual(run.library().map((s) => s.id).sort());
    for (const s of suites.testsuite) expect(Number(s['@_tests'])).toBe(s.testcase.length);
    for (const c of cases) {
      expect(c['@_classname']).toMatch(/^hie-sandbox\.(ocean|plr|hcim)\./);
      expect(Number(c['@_time'])).toBeGreaterThanOrEqual(0);
      expect(c.failure).toBeUndefined();
    }
  });
});
