// The readable step log: one line per step, the diff under a failing one.
import { statusMark, verdictOf, type ScenarioResult } from '../run-scenarios.js';
import type { StepResult } from '../step-context.js';

/** One line for a step, e.g. `  ✓ 3 expect notify-update-process-request: journal #12 ...`. */
export function formatStepLine(r: StepResult): string {
  const lines = [`  ${statusMark(r.status)} ${String(r.index + 1).padStart(2)} ${r.title}: ${r.message}`];
  if (r.diff) lines.push(...r.diff.split('\n').map((l) => `       ${l}`));
  return lines.join('\n');
}

/** The whole scenario: a header line then its steps. */
export function formatStepLog(r: ScenarioResult): string {
  return [`${statusMark(verdictOf(r))} ${r.id} — ${r.title} (${r.durationMs} ms)`, ...r.steps.map(formatStepLine)].join('\n');
}
