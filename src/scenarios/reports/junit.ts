// JUnit XML (the Ant/Surefire dialect CI servers read): one testsuite per system, one testcase per scenario;
// an unverified one is <skipped>, so CI shows it as not run rather than green.
import { countVerdicts, unverifiedReason, verdictOf, type RunReport, type ScenarioResult } from '../run-scenarios.js';
import { formatStepLog } from './step-log.js';

/** What decided a scenario, in words: a replay only the runner and the reference POS decided is no evidence about the partner. */
export function decidedByText(d: NonNullable<ScenarioResult['decidedBy']>, partner: string): string {
  const other = `${d.other} with the runner or the sandbox's reference POS`;
  return d.partner ? `${d.partner} exchange(s) with ${partner}'s own system, ${other}` : `no exchange with ${partner}'s own system: ${other} (a replay, no evidence about the partner's POS; see hie-sandbox conformance)`;
}

const escapeXml = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Renders the run as JUnit XML. See: https://github.com/testmoapp/junitxml */
export function renderJUnit(report: RunReport): string {
  const bySystem = new Map<string, ScenarioResult[]>();
  for (const r of report.results) bySystem.set(r.system, [...(bySystem.get(r.system) ?? []), r]);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const suites = [...bySystem].map(([system, results]) => {
    const n = countVerdicts(results);
    const time = results.reduce((t, r) => t + r.durationMs, 0);
    const cases = results.map((r) => {
      const attrs = `name="${escapeXml(`${r.id}: ${r.title}`)}" classname="${escapeXml(`hie-sandbox.${r.system}.${r.role}`)}" time="${seconds(r.durationMs)}"${r.file ? ` file="${escapeXml(r.file)}"` : ''}`;
      const detail = escapeXml([r.message ?? '', r.diff ?? ''].filter(Boolean).join('\n\n'));
      const verdict = verdictOf(r);
      const problem =
        verdict === 'failed' ? `\n      <failure message="${escapeXml(r.message ?? 'failed')}" type="ScenarioFailure">${detail}</failure>`
        : verdict === 'error' ? `\n      <error message="${escapeXml(r.message ?? 'error')}" type="ScenarioError">${detail}</error>`
        : verdict === 'unverified' ? `\n      <skipped message="${escapeXml(unverifiedReason(r))}"/>`
        : '';
      const decided = r.decidedBy ? `\n        <property name="decided-by" value="${escapeXml(decidedByText(r.decidedBy, report.partner))}"/>` : '';
      const props = r.useCases.map((u) => `\n        <property name="use-case" value="${escapeXml(`${u.priority}: ${u.name} (${u.list})`)}"/>`).join('') + decided;
      return `    <testcase ${attrs}>\n      <properties>${props}\n      </properties>${problem}\n      <system-out>${escapeXml(formatStepLog(r))}</system-out>\n    </testcase>`;
    });
    return `  <testsuite name="hie-sandbox ${escapeXml(system)}" tests="${results.length}" failures="${n.failed}" errors="${n.error}" skipped="${n.unverified}" time="${seconds(time)}" timestamp="${escapeXml(report.startedAt.replace(/Z$/, ''))}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const n = countVerdicts(report.results);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hie-sandbox scenarios" tests="${report.results.length}" failures="${n.failed}" errors="${n.error}" skipped="${n.unverified}" time="${seconds(report.totals.durationMs)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
