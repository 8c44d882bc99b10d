// JUnit XML (the Ant/Surefire dialect CI servers read): one testsuite per system, one testcase per scenario.
import type { RunReport, ScenarioResult } from '../run-scenarios.js';
import { formatStepLog } from './step-log.js';

const escapeXml = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Renders the run as JUnit XML. See: https://github.com/testmoapp/junitxml */
export function renderJUnit(report: RunReport): string {
  const bySystem = new Map<string, ScenarioResult[]>();
  for (const r of report.results) bySystem.set(r.system, [...(bySystem.get(r.system) ?? []), r]);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const suites = [...bySystem].map(([system, results]) => {
    const failures = results.filter((r) => r.status === 'failed').length;
    const errors = results.filter((r) => r.status === 'error').length;
    const time = results.reduce((t, r) => t + r.durationMs, 0);
    const cases = results.map((r) => {
      const attrs = `name="${escapeXml(`${r.id}: ${r.title}`)}" classname="${escapeXml(`hie-sandbox.${r.system}.${r.role}`)}" time="${seconds(r.durationMs)}"${r.file ? ` file="${escapeXml(r.file)}"` : ''}`;
      const detail = escapeXml([r.message ?? '', r.diff ?? ''].filter(Boolean).join('\n\n'));
      const problem = r.status === 'failed' ? `\n      <failure message="${escapeXml(r.message ?? 'failed')}" type="ScenarioFailure">${detail}</failure>` : r.status === 'error' ? `\n      <error message="${escapeXml(r.message ?? 'error')}" type="ScenarioError">${detail}</error>` : '';
      const props = r.useCases.map((u) => `\n        <property name="use-case" value="${escapeXml(`${u.priority}: ${u.name} (${u.list})`)}"/>`).join('');
      return `    <testcase ${attrs}>\n      <properties>${props}\n      </properties>${problem}\n      <system-out>${escapeXml(formatStepLog(r))}</system-out>\n    </testcase>`;
    });
    return `  <testsuite name="hie-sandbox ${escapeXml(system)}" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}" timestamp="${escapeXml(report.startedAt.replace(/Z$/, ''))}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const t = report.totals;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hie-sandbox scenarios" tests="${report.results.length}" failures="${t.failed}" errors="${t.error}" time="${seconds(t.durationMs)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
