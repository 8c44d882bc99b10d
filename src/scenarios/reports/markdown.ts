// The run as Markdown: a summary table, then the step log of every scenario that did not pass (unverified included).
import { countVerdicts, verdictOf, type RunReport, type ScenarioResult, type ScenarioVerdict } from '../run-scenarios.js';
import { formatStepLog } from './step-log.js';

/** A table cell's text: pipes escaped, and every line ending (CR, LF) a space, so a partner's text cannot end the row. */
export const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]/g, ' ');

const LABEL: Record<ScenarioVerdict, string> = { passed: 'PASSED', unverified: 'NOT VERIFIED', failed: 'FAILED', error: 'ERROR' };

/** `3 of acme's own; 2 other`, `none of acme's own; 4 other`: whose exchanges decided the steps (blank when not known). */
const decidedCell = (r: ScenarioResult, partner: string) =>
  r.decidedBy ? escapeCell(`${r.decidedBy.partner ? `${r.decidedBy.partner} of ${partner}'s own` : `none of ${partner}'s own`}; ${r.decidedBy.other} other`) : '';

export function renderMarkdown(report: RunReport): string {
  const n = countVerdicts(report.results);
  const notPassed = n.failed + n.error;
  const headline = [notPassed ? `${notPassed} not passed` : '', n.unverified ? `${n.unverified} not verified` : ''].filter(Boolean).join(', ') || 'all passed';
  const unverified = n.unverified ? ` ${n.unverified} not verified (checks skipped for want of a driver),` : '';
  const lines = [
    `# Scenario run — ${headline}`,
    '',
    `Sandbox ${report.sandbox}, partner \`${report.partner}\`, started ${report.startedAt} (simulated); ${report.results.length} scenarios, ${n.passed} passed,${unverified} ${n.failed} failed, ${n.error} errors, ${(report.totals.durationMs / 1000).toFixed(1)} s.`,
    '',
    '| Result | Scenario | Use cases | Evidence (journal) | Decided by |',
    '| --- | --- | --- | --- | --- |',
    ...report.results.map((r) => `| ${LABEL[verdictOf(r)]} | ${escapeCell(`${r.id} — ${r.title}`)} | ${escapeCell(r.useCases.map((u) => `${u.name} (${u.priority})`).join('; '))} | ${r.evidence.slice(0, 8).map((e) => `#${e}`).join(' ')} | ${decidedCell(r, report.partner)} |`),
  ];
  for (const r of report.results.filter((x) => verdictOf(x) !== 'passed')) lines.push('', `## ${r.id}`, '', '```text', formatStepLog(r), '```');
  return lines.join('\n') + '\n';
}
