// The run as JSON: the report with each scenario's verdict as its status, so a consumer reading `status` never sees an unverified pass.
import { countVerdicts, verdictOf, type RunReport, type ScenarioResult, type ScenarioVerdict } from '../run-scenarios.js';

export interface JsonReport extends Omit<RunReport, 'results' | 'totals'> {
  results: Array<Omit<ScenarioResult, 'status'> & { status: ScenarioVerdict }>;
  totals: Record<ScenarioVerdict, number> & { durationMs: number };
}

/** Renders the run as JSON; `totals.passed` counts only scenarios whose every check ran. */
export function renderJson(report: RunReport): string {
  const json: JsonReport = {
    ...report,
    results: report.results.map((r) => ({ ...r, status: verdictOf(r) })),
    totals: { ...countVerdicts(report.results), durationMs: report.totals.durationMs },
  };
  return JSON.stringify(json, null, 2) + '\n';
}
