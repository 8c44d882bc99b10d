// The run as Markdown: a summary table, then the step log of every scenario that did not pass.
import type { RunReport } from '../run-scenarios.js';
import { formatStepLog } from './step-log.js';

export const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: RunReport): string {
  const t = report.totals;
  const lines = [
    `# Scenario run — ${t.failed + t.error === 0 ? 'all passed' : `${t.failed + t.error} not passed`}`,
    '',
    `Sandbox ${report.sandbox}, partner \`${report.partner}\`, started ${report.startedAt} (simulated); ${report.results.length} scenarios, ${t.passed} passed, ${t.failed} failed, ${t.error} errors, ${(t.durationMs / 1000).toFixed(1)} s.`,
    '',
    '| Result | Scenario | Use cases | Evidence (journal) |',
    '| --- | --- | --- | --- |',
    ...report.results.map((r) => `| ${r.status.toUpperCase()} | ${escapeCell(`${r.id} — ${r.title}`)} | ${escapeCell(r.useCases.map((u) => `${u.name} (${u.priority})`).join('; '))} | ${r.evidence.slice(0, 8).map((e) => `#${e}`).join(' ')} |`),
  ];
  for (const r of report.results.filter((x) => x.status !== 'passed')) lines.push('', `## ${r.id}`, '', '```text', formatStepLog(r), '```');
  return lines.join('\n') + '\n';
}
