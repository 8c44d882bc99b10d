// The whole library against the reference POS made deliberately wrong: exactly the scenarios that depend on what it
// got wrong fail, each saying why.
import { describe, expect, it } from 'vitest';
import { renderJUnit, runScenarios, type Scenario } from '../../src/scenarios/index.js';
import { failedIds, parseJUnit, useLibraryRun } from './support/library-run.js';

const run = useLibraryRun();
const ids = (pick: (s: Scenario) => boolean) => run.library().filter(pick).map((s) => s.id).sort();

describe('the library against a deliberately wrong receiver', () => {
  it('answer-500: fails exactly the scenarios that need a 2xx from the POS, each diff showing 2xx against 500', async () => {
    await run.setWrong(['answer-500']);
    const report = await runScenarios(run.library(), run.target());
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
  }, 300_000);

  it('unhonoured-status and skip-appointment: fails exactly the scenarios that need the status or the appointment, saying why', async () => {
    await run.setWrong(['unhonoured-status', 'skip-appointment']);
    const report = await runScenarios(run.library(), run.target());
    const needStatus = ['receiver-send-service-request-status', 'receiver-decline', 'general-multiple-ocean-sites', 'sender-receive-status-updates', 'sender-confirm-completion'];
    const needAppointment = ['receiver-send-appointment-new', 'receiver-send-appointment-update', 'sender-receive-appointment-new', 'sender-receive-appointment-updates'];
    expect(failedIds(report)).toEqual([...needStatus, ...needAppointment, 'demo-day'].sort());
    const byId = new Map(report.results.map((r) => [r.id, r]));
    for (const id of needStatus) {
      const r = byId.get(id)!;
      expect(r.diff, id).toContain('Ocean does not support Task.status \\"entered-in-error\\"');
    }
    for (const id of needAppointment) expect(byId.get(id)!.message, id).toMatch(/where entry\.resource\.ofType\(Appointment\).* within PT\dH \(simulated\)/);
  }, 300_000);
});
