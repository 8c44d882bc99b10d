// The conformance report, shaped like the DRO Release Information Worksheet: use case, priority, result, evidence, status map.
import type { JournalEntry } from '../../journal/index.js';
import type { RunReport } from '../run-scenarios.js';
import type { Priority, UseCaseList } from '../types.js';
import { buildStatusMap, type StatusMapRow } from './status-map.js';
import { USE_CASES, useCaseKey } from './use-cases.js';

/** `Not verified`: passed, but some checks were skipped (no driver); `Not run`: no scenario of the run covers it. */
export type WorksheetResult = 'Pass' | 'Fail' | 'Not verified' | 'Not run';

export interface WorksheetRow {
  list: UseCaseList;
  useCase: string;
  priority: Priority;
  result: WorksheetResult;
  scenarios: string[];
  evidence: string[];
  message?: string;
  note?: string;
}

export interface Worksheet {
  partner: string;
  sandbox: string;
  generatedAt: string;
  rows: WorksheetRow[];
  statusMap: StatusMapRow[];
  unsupportedStatuses: Array<{ value: string; journal: string; status?: number }>;
}

const LIST_TITLES: Record<UseCaseList, string> = {
  sender: '"Sender" eReferrals Use Cases (PHSA DRO Integration Resources Overview)',
  receiver: '"Receiver" eReferrals Use Cases (PHSA DRO Integration Resources Overview)',
  general: 'General Use Cases (PHSA DRO Integration Resources Overview)',
  distribution: 'PLR Distributions (PLR FHIR IG, Use Cases)',
  maintain: 'PLR Maintain (PLR FHIR IG, Use Cases)',
  batch: 'PLR Batch (PLR FHIR IG, Use Cases)',
  query: 'PLR Queries (PLR FHIR IG, Use Cases)',
  hcim: 'HCIM operations (BC Client Registry FHIR IG)',
};
export const listTitle = (l: UseCaseList) => LIST_TITLES[l];

/**
 * One row per use case of the catalogue in the lists the run touched (plus any other a scenario names).
 * A use case passes only when every scenario covering it passed; `Fail` wins over `Not verified`.
 */
export function buildWorksheet(report: RunReport, oceanInbound: JournalEntry[], generatedAt: string, lists?: readonly UseCaseList[]): Worksheet {
  const touched = new Set<UseCaseList>(lists ?? report.results.flatMap((r) => r.useCases.map((u) => u.list)));
  const rows = new Map<string, WorksheetRow>();
  for (const u of USE_CASES.filter((x) => touched.has(x.list))) rows.set(useCaseKey(u), { list: u.list, useCase: u.name, priority: u.priority, result: 'Not run', scenarios: [], evidence: [], note: u.note });
  for (const r of report.results) {
    for (const u of r.useCases) {
      if (!touched.has(u.list)) continue;
      const key = useCaseKey(u);
      const row = rows.get(key) ?? { list: u.list, useCase: u.name, priority: u.priority, result: 'Not run' as WorksheetResult, scenarios: [], evidence: [] };
      row.scenarios.push(r.id);
      row.evidence.push(...r.evidence);
      if (r.status !== 'passed') {
        row.result = 'Fail';
        row.message ??= r.message;
      } else if (row.result !== 'Fail') {
        row.result = r.unverified > 0 || row.result === 'Not verified' ? 'Not verified' : 'Pass';
        if (r.unverified > 0) row.message ??= `${r.id}: ${r.unverified} check(s) skipped without a driver; verify them in your POS`;
      }
      rows.set(key, row);
    }
  }
  const order = Object.keys(LIST_TITLES);
  const prio = ['Required', 'Strongly recommended', 'Desirable'];
  const catalogue = USE_CASES.map(useCaseKey);
  const rank = (r: WorksheetRow) => (catalogue.indexOf(useCaseKey({ list: r.list, name: r.useCase })) + catalogue.length + 1) % (catalogue.length + 1);
  const sorted = [...rows.values()].sort((a, b) => order.indexOf(a.list) - order.indexOf(b.list) || prio.indexOf(a.priority) - prio.indexOf(b.priority) || rank(a) - rank(b));
  const { rows: statusMap, unsupported } = buildStatusMap(oceanInbound.filter((e) => !e.partner || e.partner === report.partner));
  return { partner: report.partner, sandbox: report.sandbox, generatedAt, rows: sorted, statusMap, unsupportedStatuses: unsupported };
}

/** The Required use cases that did not pass (failed or not run): any of them makes `conformance` exit non-zero. */
export function requiredGaps(w: Worksheet): WorksheetRow[] {
  return w.rows.filter((r) => r.priority === 'Required' && (r.result === 'Fail' || r.result === 'Not run'));
}
